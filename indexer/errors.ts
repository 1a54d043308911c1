import { Stab3lError } from "../governance/errors.js";

/** The node could not be reached, timed out, or answered something that is not JSON-RPC. Retried with backoff. */
export class RpcUnavailableError extends Stab3lError {}

/** The node answered with a JSON-RPC error object. */
export class RpcResponseError extends Stab3lError {
  constructor(
    message: string,
    readonly code: number,
    readonly data: unknown,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/**
 * The indexer cannot go on without a person: the chain was reorganised below the confirmation depth, the node
 * serves another chain, or the database belongs to another deployment. The indexer stops advancing and its
 * health says why; the API keeps serving what was indexed.
 */
export class IndexerHaltedError extends Stab3lError {}
