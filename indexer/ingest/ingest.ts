/**
 * Decoding and storing logs: synchronous, to run inside one SQLite transaction per batch (better-sqlite3
 * transactions are synchronous), after the batch's logs and block times were fetched.
 */
import type { EventFragment, Interface, ParamType, Result } from "ethers";
import type { Statement } from "better-sqlite3";
import type { Db } from "../db/schema.js";
import { eventId } from "../ids.js";
import type { RawLog } from "../rpc/source.js";
import { compileEventDecoder } from "./fast-abi.js";
import type { EventHandler, IndexedLog, IngestHooks, WatchedContract } from "./types.js";

interface EventDecoding {
  fragment: EventFragment;
  /** Whether the raw row goes into `events` (false for projectedOnly events). */
  raw: boolean;
  decode(topics: readonly string[], data: string): Result;
}

interface Decoder {
  contract: string;
  topics: Map<string, EventDecoding>;
  handlers: Record<string, EventHandler>;
}

/** An event argument as JSON: bigints as decimal strings, tuples as objects, arrays as arrays. */
export function argToJson(value: unknown, type: ParamType): unknown {
  if (type.isArray()) return (value as unknown[]).map((v) => argToJson(v, type.arrayChildren!));
  if (type.isTuple()) {
    const out: Record<string, unknown> = {};
    type.components!.forEach((c, i) => (out[c.name || String(i)] = argToJson((value as Result)[i], c)));
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

export function argsToJson(fragment: EventFragment, args: Result): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  fragment.inputs.forEach((input, i) => (out[input.name || String(i)] = argToJson(args[i], input)));
  return out;
}

export interface ApplyResult {
  /** Logs decoded and stored. */
  stored: number;
  /** Logs of watched addresses whose topic no ABI knows (stored nowhere). */
  unknown: number;
}

export class Ingestor {
  private readonly decoders = new Map<string, Decoder>();
  private readonly insertEvent: Statement;
  private readonly rollbackHooks: (() => void)[] = [];
  private readonly batchEndHooks: ((cursorTime: number) => void)[] = [];

  constructor(
    readonly db: Db,
    contracts: readonly WatchedContract[],
  ) {
    this.insertEvent = db.prepare(
      `INSERT INTO events (id, block_number, block_time, tx_hash, log_index, contract, address, name, args)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const handlerCache = new Map<unknown, Record<string, EventHandler>>();
    const hooks: IngestHooks = {
      onRollback: (fn) => this.rollbackHooks.push(fn),
      onBatchEnd: (fn) => this.batchEndHooks.push(fn),
    };
    for (const c of contracts) {
      const topics = new Map<string, EventDecoding>();
      const iface: Interface = c.kind.abi;
      c.kind.abi.forEachEvent((e) => {
        const fast = compileEventDecoder(e);
        topics.set(e.topicHash, {
          fragment: e,
          raw: !(c.kind.projectedOnly ?? []).includes(e.name),
          decode: fast ?? ((t, data) => iface.decodeEventLog(e, data, t as string[])),
        });
      });
      // One set of prepared statements per kind, shared by contracts of the same kind (the two Safes).
      let handlers = handlerCache.get(c.kind);
      if (!handlers) {
        handlers = c.kind.handlers?.(db, hooks) ?? {};
        handlerCache.set(c.kind, handlers);
      }
      this.decoders.set(c.address, { contract: c.name, topics, handlers });
    }
  }

  /** End of a batch (inside its transaction): handlers settle what the new cursor time makes final. */
  finish(cursorTime: number): void {
    for (const fn of this.batchEndHooks) fn(cursorTime);
  }

  /** The transaction around apply() rolled back: handlers drop in-memory state that may mirror lost writes. */
  rolledBack(): void {
    for (const fn of this.rollbackHooks) fn();
  }

  /** Addresses to ask eth_getLogs for. */
  addresses(): string[] {
    return [...this.decoders.keys()];
  }

  /**
   * Decode `logs` (chain order) and write them: the raw event row, then the handler's projection. Throws on a
   * duplicate log (primary key), so a bug can never count a log twice: the batch's transaction rolls back.
   */
  apply(logs: readonly RawLog[], blockTimes: ReadonlyMap<number, number>): ApplyResult {
    let stored = 0;
    let unknown = 0;
    for (const raw of logs) {
      const address = raw.address.toLowerCase();
      const decoder = this.decoders.get(address);
      const decoding = decoder?.topics.get(raw.topics[0] ?? "");
      if (!decoder || !decoding) {
        unknown++;
        continue;
      }
      const { fragment } = decoding;
      const args = decoding.decode(raw.topics, raw.data);
      const blockTime = raw.blockTimestamp ?? blockTimes.get(raw.blockNumber);
      if (blockTime === undefined) throw new Error(`no timestamp for block ${raw.blockNumber}`);
      const log: IndexedLog = {
        id: eventId(raw.blockNumber, raw.logIndex),
        blockNumber: raw.blockNumber,
        blockTime,
        txHash: raw.transactionHash,
        logIndex: raw.logIndex,
        address,
        contract: decoder.contract,
        name: fragment.name,
        args,
      };
      if (decoding.raw) {
        this.insertEvent.run(
          log.id,
          log.blockNumber,
          log.blockTime,
          log.txHash,
          log.logIndex,
          log.contract,
          address,
          log.name,
          JSON.stringify(argsToJson(fragment, args)),
        );
      }
      decoder.handlers[fragment.name]?.(log);
      stored++;
    }
    return { stored, unknown };
  }
}
