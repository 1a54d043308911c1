/**
 * Decoding and storing logs: synchronous, to run inside one SQLite transaction per batch (better-sqlite3
 * transactions are synchronous), after the batch's logs and block times were fetched.
 */
import type { EventFragment, Interface, ParamType, Result } from "ethers";
import type { Statement } from "better-sqlite3";
import type { Db } from "../db/schema.js";
import { eventId } from "../ids.js";
import type { RawLog } from "../rpc/source.js";
import type { EventHandler, IndexedLog, WatchedContract } from "./types.js";

interface Decoder {
  contract: string;
  iface: Interface;
  topics: Map<string, EventFragment>;
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

  constructor(
    readonly db: Db,
    contracts: readonly WatchedContract[],
  ) {
    this.insertEvent = db.prepare(
      `INSERT INTO events (id, block_number, block_time, tx_hash, log_index, contract, address, name, args)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const handlerCache = new Map<unknown, Record<string, EventHandler>>();
    for (const c of contracts) {
      const topics = new Map<string, EventFragment>();
      c.kind.abi.forEachEvent((e) => topics.set(e.topicHash, e));
      // One set of prepared statements per kind, shared by contracts of the same kind (the two Safes).
      let handlers = handlerCache.get(c.kind);
      if (!handlers) {
        handlers = c.kind.handlers?.(db) ?? {};
        handlerCache.set(c.kind, handlers);
      }
      this.decoders.set(c.address, { contract: c.name, iface: c.kind.abi, topics, handlers });
    }
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
      const fragment = decoder?.topics.get(raw.topics[0] ?? "");
      if (!decoder || !fragment) {
        unknown++;
        continue;
      }
      const args = decoder.iface.decodeEventLog(fragment, raw.data, raw.topics);
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
      decoder.handlers[fragment.name]?.(log);
      stored++;
    }
    return { stored, unknown };
  }
}
