import type { Interface, Result } from "ethers";
import type { Db } from "../db/schema.js";

/** One decoded log, as handlers see it. Addresses in `args` are checksummed (ethers); store them lower-case. */
export interface IndexedLog {
  /** Deterministic id: block × 2^20 + log index. */
  id: number;
  blockNumber: number;
  /** Unix seconds of the block. */
  blockTime: number;
  txHash: string;
  logIndex: number;
  /** Lower-case address of the emitter. */
  address: string;
  /** Deployment name of the emitter ("STAB3LGovernor", "guardian Safe"). */
  contract: string;
  /** Event name. */
  name: string;
  args: Result;
}

export type EventHandler = (log: IndexedLog) => void;

/** Lets handlers keep in-memory state across batches: it must be dropped when a batch's transaction rolls back. */
export interface IngestHooks {
  onRollback(fn: () => void): void;
  /** Runs at the end of every committed batch, inside its transaction, with the new cursor block's time. */
  onBatchEnd(fn: (cursorTime: number) => void): void;
}

/**
 * A kind of contract the indexer understands: its ABI (to decode every event it emits into the `events`
 * table) and, optionally, handlers that project some events into query tables. Handlers run synchronously
 * inside the batch's SQLite transaction and must only write through `db`.
 */
export interface ContractKind {
  readonly kind: string;
  readonly abi: Interface;
  handlers?(db: Db, hooks: IngestHooks): Record<string, EventHandler>;
  /**
   * High-volume events whose handler stores every field in a table of its own (votes, voting power changes):
   * they are not copied into the generic `events` table as well.
   */
  readonly projectedOnly?: readonly string[];
}

/** A deployed contract the indexer follows. */
export interface WatchedContract {
  readonly name: string;
  /** Lower-case address. */
  readonly address: string;
  readonly kind: ContractKind;
}
