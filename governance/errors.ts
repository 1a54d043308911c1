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

/**
 * The JSON-RPC endpoint cannot be reached (`details.reason` "unreachable"), is not a usable URL ("bad-url"), or
 * answers for another chain ("other-chain").
 */
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

/**
 * The console's exit codes, one rule for every command: 0 done; 2 bad input or usage — arguments, options,
 * environment variables, and the files a person names (spec, deployment, Safe transaction, keystore), including
 * an RPC URL that is malformed or serves another chain; nothing was signed or sent; 1 any other failure — a node
 * that does not answer, a revert, a failed simulation.
 */
export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

export function exitCodeOf(err: unknown): number {
  if (err instanceof InputError || err instanceof DeploymentError) return EXIT.badInput;
  if (err instanceof ConnectionError)
    return err.details?.reason === "bad-url" || err.details?.reason === "other-chain" ? EXIT.badInput : EXIT.failure;
  // zod's error, recognised without importing zod.
  if (err instanceof Error && err.name === "ZodError" && Array.isArray((err as { issues?: unknown }).issues))
    return EXIT.badInput;
  return EXIT.failure;
}
