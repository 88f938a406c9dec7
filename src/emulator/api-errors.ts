/**
 * The service's error catalogue as the emulator answers it. Each error is an HTTP status,
 * the canonical `status` word, a `reason` and a fixed message. Messages never echo any
 * part of the request, so no credential can leak through them — except `internalEchoing`,
 * the `echo-url` fault that exists to test a client's redaction.
 */
export interface ApiFailure {
  readonly http: number;
  readonly reason: string;
  readonly message: string;
  /** Extra response headers (Retry-After). */
  readonly headers?: Readonly<Record<string, string>>;
}

const CANONICAL: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export function canonicalStatus(http: number): string {
  return CANONICAL[http] ?? 'INTERNAL';
}

const fail = (http: number, reason: string, message: string): ApiFailure => ({
  http,
  reason,
  message,
});

export const failures = {
  routeNotFound: () => fail(404, 'ROUTE_NOT_FOUND', 'The requested route does not exist.'),
  authenticationRequired: () =>
    fail(401, 'AUTHENTICATION_REQUIRED', 'Authentication is required for this request.'),
  invalidCredentials: () =>
    fail(401, 'INVALID_CREDENTIALS', 'The credentials are invalid, expired or deleted.'),
  accountFrozen: () => fail(403, 'ACCOUNT_FROZEN', 'The account is frozen.'),
  directAccessNotSupported: () =>
    fail(
      403,
      'DIRECT_ACCESS_NOT_SUPPORTED',
      'A resource-scoped token cannot be used for this request.',
    ),
  permissionDenied: () =>
    fail(403, 'PERMISSION_DENIED', 'You do not have permission to access this resource.'),
  invalidId: () => fail(400, 'INVALID_ID', 'The id in the path is not a valid UUID.'),
  invalidJsonBody: (why: string) =>
    fail(400, 'INVALID_JSON_BODY', `The request body could not be parsed: ${why}.`),
  invalidPageSize: () =>
    fail(400, 'INVALID_REQUEST_PARAMETER', 'The page_size parameter must be an integer.'),
  invalidPageToken: () =>
    fail(400, 'INVALID_REQUEST_PARAMETER', 'The page_token parameter is not a timestamp.'),
  nameTooLong: () => fail(400, 'INVALID_ARGUMENT', 'The name is longer than 255 characters.'),
  invalidArgument: (message: string) => fail(400, 'INVALID_ARGUMENT', message),
  /** The generic 400 the campaign service gives when it cannot do what was asked. */
  badRequest: () => fail(400, 'BAD_REQUEST', 'The request could not be processed.'),
  outplanNotFound: () => fail(404, 'OUTPLAN_NOT_FOUND', 'The outplan was not found.'),
  campaignNotFound: () => fail(404, 'CAMPAIGN_NOT_FOUND', 'The campaign was not found.'),
  numberNotFound: () => fail(404, 'NUMBER_NOT_FOUND', 'The number was not found.'),
  /** A deleted resource that its route hides (numbers). */
  resourceNotFound: () => fail(404, 'RESOURCE_NOT_FOUND', 'The resource was not found.'),
  rateLimited: (retryAfterSeconds: number): ApiFailure => ({
    ...fail(429, 'RATE_LIMIT_EXCEEDED', 'Too many requests. Slow down and retry later.'),
    headers: { 'Retry-After': String(retryAfterSeconds) },
  }),
  internal: () => fail(500, 'INTERNAL_ERROR', 'An internal error occurred.'),
  /**
   * The `echo-url` fault: what a careless proxy or backend answers. The one message that
   * echoes the request, credential included (raw as sent and decoded), on purpose.
   */
  internalEchoing: (method: string, rawUrl: string, query: URLSearchParams) =>
    fail(
      500,
      'INTERNAL_ERROR',
      `Upstream failure for ${method} ${rawUrl} (query: ${[...query]
        .map(([k, v]) => `${k}=${v}`)
        .join('&')}).`,
    ),
  unavailable: () => fail(503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable.'),
  requestTimeout: () =>
    fail(503, 'REQUEST_TIMEOUT', 'The request timed out before the service answered.'),
};

/** Thrown by handlers; the server turns it into the error envelope. */
export class ApiFailureError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.reason);
  }
}

export function errorEnvelope(failure: ApiFailure, requestId: string) {
  return {
    error: {
      status: canonicalStatus(failure.http),
      reason: failure.reason,
      message: failure.message,
      request_id: requestId,
    },
  };
}
