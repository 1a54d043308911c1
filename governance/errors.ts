/**
 * Typed errors of the SDK. Every error carries a one-line message a person understands, optional details
 * for tools, and the cause. The console prints `message` (and `details` with --verbose); scripts can switch
 * on the class.
 */
export class Stab3lError extends Error {
  readonly details?: Record<string, unknown>;

  constructor(message: string, options: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.details = options.details;
  }
}

/** Input from a person or a file failed validation. Nothing was sent. */
export class InputError extends Stab3lError {}

/** The deployment file is missing, malformed, or for another chain. */
export class DeploymentError extends Stab3lError {}

/** The JSON-RPC endpoint cannot be reached or answers for another chain. */
export class ConnectionError extends Stab3lError {}

/** A contract call reverted; `errorName` and `errorArgs` are decoded from the ABI when known. */
export class RevertError extends Stab3lError {
  constructor(
    message: string,
    readonly errorName: string | undefined,
    readonly errorArgs: readonly unknown[],
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** A Safe transaction could not be built, signed, combined or executed. */
export class SafeError extends Stab3lError {}

/**
 * The STAB3L read API (GraphQL) refused a query or could not be reached. `code` is the GraphQL error code
 * (NOT_FOUND, BAD_USER_INPUT, UNAUTHENTICATED, QUERY_TOO_COMPLEX ...) or UNREACHABLE / BAD_RESPONSE.
 */
export class ApiError extends Stab3lError {
  constructor(
    message: string,
    readonly code: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
