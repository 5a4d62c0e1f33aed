/** src/namespace: injection labels per namespace and which revision injects (pure; the command does the I/O). */
export * from './webhooks.js';
export * from './status.js';
