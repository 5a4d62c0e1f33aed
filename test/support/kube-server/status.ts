/** Status objects shaped exactly as the real apiserver sends them (kind Status, apiVersion v1). */
import type { JsonObject } from './fields.js';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: Array<{ reason?: string; type?: string; message: string; field?: string }>;
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toStatus(): JsonObject {
    const s: JsonObject = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
    };
    if (this.details) s['details'] = JSON.parse(JSON.stringify(this.details)) as JsonObject;
    s['code'] = this.code;
    return s;
  }
}

interface Target {
  group: string;
  plural: string;
}

const details = (t: Target, name: string): StatusDetails => ({
  name,
  ...(t.group ? { group: t.group } : {}),
  kind: t.plural,
});

const qualified = (t: Target): string => (t.group ? `${t.plural}.${t.group}` : t.plural);

export const errors = {
  notFound: (t: Target, name: string) => new ApiError(404, 'NotFound', `${qualified(t)} "${name}" not found`, details(t, name)),
  namespaceNotFound: (ns: string) => new ApiError(404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' }),
  alreadyExists: (t: Target, name: string) =>
    new ApiError(409, 'AlreadyExists', `${qualified(t)} "${name}" already exists`, details(t, name)),
  conflict: (t: Target, name: string) =>
    new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(t)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      details(t, name),
    ),
  forbidden: (t: Target, name: string | undefined, user: string, verb: string, namespace: string | undefined) =>
    new ApiError(
      403,
      'Forbidden',
      `${qualified(t)}${name ? ` "${name}"` : ''} is forbidden: User "${user}" cannot ${verb} resource "${t.plural}" in API group "${t.group}"${
        namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope'
      }`,
      details(t, name ?? ''),
    ),
  terminating: (t: Target, name: string, ns: string) =>
    new ApiError(403, 'Forbidden', `${qualified(t)} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, {
      ...details(t, name),
      causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is currently being deleted`, field: 'metadata.namespace' }],
    }),
  invalid: (kind: string, group: string, name: string, field: string, message: string) =>
    new ApiError(422, 'Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${field}: ${message}`, {
      name,
      ...(group ? { group } : {}),
      kind,
      causes: [{ reason: 'FieldValueInvalid', message, field }],
    }),
  badRequest: (message: string) => new ApiError(400, 'BadRequest', message),
  unsupportedMediaType: (type: string) => new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json; got ${type}`),
  methodNotAllowed: (verb: string) => new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${verb})`),
  pathNotFound: () => new ApiError(404, 'NotFound', 'the server could not find the requested resource'),
  unauthorized: () => new ApiError(401, 'Unauthorized', 'Unauthorized'),
  tooManyRequests: (retryAfterSeconds: number) =>
    new ApiError(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) }),
  internal: (message: string) =>
    new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] }),
  unavailable: (message: string) => new ApiError(503, 'ServiceUnavailable', message),
};
