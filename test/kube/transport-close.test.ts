import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { Transport } from '../../src/kube/transport.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

describe('Transport.close', () => {
  it('stops a request that is retrying: no attempt after close, a CANCELLED error at once', async () => {
    let requests = 0;
    // Every connection is cut: the transport sees a reset and retries with backoff.
    server = createServer((req) => {
      requests++;
      req.socket.destroy();
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const url = `http://127.0.0.1:${port}`;
    const transport = new Transport({ name: 'c', server: url, skipTLSVerify: false }, { name: 'u' }, url, url, 'ctx', {
      timeoutMs: 5_000,
      attempts: 50,
      baseDelayMs: 40,
      maxDelayMs: 40,
    });
    const started = Date.now();
    const pending = transport.request({ method: 'GET', path: '/api' });
    const outcome = pending.then(
      () => undefined,
      (e: unknown) => e as { code?: string; message?: string },
    );
    await new Promise((r) => setTimeout(r, 100));
    transport.close();
    const seenAtClose = requests;
    const err = await outcome;
    expect(err?.code).toBe('CANCELLED');
    expect(err?.message).toContain('the client was closed');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(requests).toBeLessThanOrEqual(seenAtClose + 1);
    expect(seenAtClose).toBeGreaterThanOrEqual(1);
  });
});
