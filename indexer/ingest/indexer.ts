/**
 * The follow loop: poll the node's head, read logs of the watched contracts up to head − confirmations in
 * block ranges, fetch the block times, and commit each group of whole blocks in one SQLite transaction together
 * with the cursor (last indexed block, its hash and time). A crash at any point loses at most the uncommitted
 * group, which is read again on restart: nothing is lost and nothing is counted twice.
 *
 * When the node fails, the loop retries with exponential backoff and reports "down"; a reorganisation below the
 * confirmation depth, or a node serving another chain, halts the loop ("halted") with the reason. On a local
 * development chain, where snapshots and reverts (a proposal simulation, `evm_revert`) rewrite history as a
 * matter of course, a reorganisation instead starts the index over from the deployment's start block.
 */
import { Interface } from "ethers";
import type { Deployment } from "../../governance/deployment.js";
import { Stab3lError } from "../../governance/errors.js";
import { clearIndexedData, getMeta, setMeta, type Db } from "../db/schema.js";
import { IndexerHaltedError } from "../errors.js";
import { dbAddress } from "../ids.js";
import { ChainSource, isRangeTooLarge, type BlockHeader, type RawLog } from "../rpc/source.js";
import { SAFE_NAMES, watchPlan } from "./contracts.js";
import { Ingestor } from "./ingest.js";
import type { WatchedContract } from "./types.js";

export type IndexerState = "starting" | "ok" | "behind" | "down" | "halted" | "stopped";

export interface IndexerOptions {
  /** Blocks to wait behind the head before indexing a block (default: 0 on local chains 31337/1337, else 12). */
  confirmations?: number;
  /** Milliseconds between head polls once caught up (default 1000). */
  pollIntervalMs?: number;
  /** Largest eth_getLogs block range (default 2000); halved automatically when the node refuses a range. */
  blockRange?: number;
  /** Logs per SQLite transaction at most (whole blocks are never split; default 5000). */
  maxLogsPerCommit?: number;
  /** First retry delay after a failure, doubled per consecutive failure (default 250 ms). */
  retryInitialMs?: number;
  /** Longest retry delay (default 30 000 ms). */
  retryMaxMs?: number;
  /** Lag in blocks above which the status is "behind" rather than "ok" (default 10). */
  behindThresholdBlocks?: number;
  /** Contracts to follow besides the deployment's. */
  extraContracts?: WatchedContract[];
  /**
   * On a reorganisation below the confirmation depth (or the head moving back below the indexed block), index
   * again from the start block instead of halting (default: on local chains 31337/1337 only).
   */
  reindexOnReorg?: boolean;
  log?: (line: string) => void;
}

export interface IndexerStatus {
  status: IndexerState;
  chainId: number;
  rpc: string;
  startBlock: number;
  confirmations: number;
  /** Last block whose logs are all committed. */
  indexedBlock: number;
  indexedBlockHash: string | null;
  /** Unix seconds of the indexed block (the API evaluates time-dependent states, e.g. proposal status, at it). */
  indexedTime: number | null;
  headBlock: number | null;
  headTime: number | null;
  /** headBlock − indexedBlock (includes the confirmation wait). */
  lagBlocks: number | null;
  /** headTime − indexedTime, in chain seconds. */
  lagSeconds: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Milliseconds until the next retry when down. */
  retryInMs: number | null;
  /** The backoff delay chosen after the last failure (doubles per consecutive failure, capped). */
  retryDelayMs: number | null;
  /** Wall-clock ISO time of the last successful poll. */
  lastSuccessAt: string | null;
  /** Logs stored by this process since it started. */
  eventsIndexed: number;
  /** Deployment contracts the indexer cannot decode. */
  skippedContracts: string[];
}

const LOCAL_CHAINS = new Set([31337, 1337]);

const STATIC_ABI = new Interface([
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
  "function CLOCK_MODE() view returns (string)",
  "function quorumDenominator() view returns (uint256)",
]);

interface Cursor {
  block: number;
  hash: string | null;
  time: number | null;
}

export class Indexer {
  readonly confirmations: number;
  private readonly pollIntervalMs: number;
  private readonly maxRange: number;
  private range: number;
  private readonly maxLogsPerCommit: number;
  private readonly retryInitialMs: number;
  private readonly retryMaxMs: number;
  private readonly behindThreshold: number;
  private readonly reindexOnReorg: boolean;
  private readonly watched: WatchedContract[];
  private ingestor: Ingestor;
  private readonly skipped: string[];
  private readonly log: (line: string) => void;

  private cursor: Cursor;
  private head: BlockHeader | null = null;
  private state: IndexerState = "starting";
  private lastError: string | null = null;
  private failures = 0;
  private retryAt: number | null = null;
  private retryDelay: number | null = null;
  private lastSuccessAt: string | null = null;
  private eventsIndexed = 0;
  private initialised = false;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private waiters: { block: number; resolve: () => void; reject: (e: Error) => void }[] = [];

  constructor(
    readonly db: Db,
    readonly source: ChainSource,
    readonly deployment: Deployment,
    options: IndexerOptions = {},
  ) {
    this.confirmations = options.confirmations ?? (LOCAL_CHAINS.has(deployment.chainId) ? 0 : 12);
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.maxRange = Math.max(1, options.blockRange ?? 2_000);
    this.range = this.maxRange;
    this.maxLogsPerCommit = Math.max(1, options.maxLogsPerCommit ?? 5_000);
    this.retryInitialMs = options.retryInitialMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
    this.behindThreshold = options.behindThresholdBlocks ?? 10;
    this.log = options.log ?? (() => {});

    this.reindexOnReorg = options.reindexOnReorg ?? LOCAL_CHAINS.has(deployment.chainId);
    const plan = watchPlan(deployment, { extra: options.extraContracts });
    this.skipped = plan.skipped;
    this.watched = plan.contracts;
    this.ingestor = new Ingestor(db, plan.contracts);
    this.cursor = this.openCursor();
    for (const name of plan.skipped) this.log(`indexer: no ABI for ${name}: its events are not indexed`);
  }

  /** Make sure the database belongs to this deployment; start a fresh one at the deployment's start block. */
  private openCursor(): Cursor {
    const fingerprint = JSON.stringify({
      chainId: this.deployment.chainId,
      governor: dbAddress(this.deployment.contracts.STAB3LGovernor),
      startBlock: this.deployment.startBlock,
    });
    const existing = getMeta(this.db, "deployment");
    if (existing === undefined) {
      this.db.transaction(() => {
        setMeta(this.db, "deployment", fingerprint);
        setMeta(this.db, "cursor_block", String(this.deployment.startBlock.number - 1));
        const insertSafe = this.db.prepare(`INSERT INTO safes (address, name) VALUES (?, ?) ON CONFLICT DO NOTHING`);
        insertSafe.run(dbAddress(this.deployment.safes.core), SAFE_NAMES.core);
        insertSafe.run(dbAddress(this.deployment.safes.guardian), SAFE_NAMES.guardian);
      })();
    } else if (existing !== fingerprint) {
      throw new IndexerHaltedError(
        `this database indexes another deployment (${existing}); use a new database file for ${fingerprint}`,
      );
    }
    const block = Number(getMeta(this.db, "cursor_block"));
    const time = getMeta(this.db, "cursor_time");
    return { block, hash: getMeta(this.db, "cursor_hash") ?? null, time: time === undefined ? null : Number(time) };
  }

  /** Start following the chain in the background. */
  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.state === "stopped") this.state = "starting";
    this.loop = this.run();
  }

  /** Stop after the current step (a commit in progress completes); resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
    if (this.state !== "halted") this.state = "stopped";
  }

  /** Resolves once every block up to `block` is committed; rejects after `timeoutMs`, or when the indexer halts. */
  waitForBlock(block: number, timeoutMs = 60_000): Promise<void> {
    if (this.cursor.block >= block) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Stab3lError(`indexer did not reach block ${block} within ${timeoutMs} ms`, {
            details: { ...this.status() },
          }),
        );
      }, timeoutMs);
      const waiter = {
        block,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (e: Error) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.waiters.push(waiter);
    });
  }

  status(): IndexerStatus {
    const head = this.head;
    const lagBlocks = head ? Math.max(0, head.number - this.cursor.block) : null;
    return {
      status: this.state,
      chainId: this.deployment.chainId,
      rpc: this.source.transport.label,
      startBlock: this.deployment.startBlock.number,
      confirmations: this.confirmations,
      indexedBlock: this.cursor.block,
      indexedBlockHash: this.cursor.hash,
      indexedTime: this.cursor.time,
      headBlock: head?.number ?? null,
      headTime: head?.timestamp ?? null,
      lagBlocks,
      lagSeconds: head && this.cursor.time !== null ? Math.max(0, head.timestamp - this.cursor.time) : null,
      lastError: this.lastError,
      consecutiveFailures: this.failures,
      retryInMs: this.retryAt === null ? null : Math.max(0, this.retryAt - Date.now()),
      retryDelayMs: this.retryDelay,
      lastSuccessAt: this.lastSuccessAt,
      eventsIndexed: this.eventsIndexed,
      skippedContracts: [...this.skipped],
    };
  }

  private async run(): Promise<void> {
    while (this.running) {
      let more = false;
      try {
        if (!this.initialised) await this.init();
        more = await this.step();
        this.healthy();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.lastError = message;
        if (error instanceof IndexerHaltedError) {
          this.state = "halted";
          this.log(`indexer halted: ${message}`);
          this.running = false;
          for (const w of this.waiters.splice(0)) w.reject(error);
          return;
        }
        this.failures++;
        this.state = "down";
        const delay = Math.min(this.retryMaxMs, this.retryInitialMs * 2 ** (this.failures - 1));
        this.retryAt = Date.now() + delay;
        this.retryDelay = delay;
        this.log(`indexer: ${message}; retry ${this.failures} in ${delay} ms`);
        await this.sleep(delay);
        continue;
      }
      if (!more) await this.sleep(this.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** Check the chain and read the static facts the API shows (names, symbol, decimals) once. */
  private async init(): Promise<void> {
    const chainId = await this.source.chainId();
    if (chainId !== BigInt(this.deployment.chainId)) {
      throw new IndexerHaltedError(
        `the node at ${this.source.transport.label} serves chain ${chainId}, the deployment is on chain ${this.deployment.chainId}`,
      );
    }
    if (getMeta(this.db, "token_symbol") === undefined) {
      const c = this.deployment.contracts;
      const read = async (to: string, fn: string) =>
        STATIC_ABI.decodeFunctionResult(fn, await this.source.call(to, STATIC_ABI.encodeFunctionData(fn)))[0];
      const facts = {
        governor_name: String(await read(c.STAB3LGovernor, "name")),
        token_name: String(await read(c.RSTBToken, "name")),
        token_symbol: String(await read(c.RSTBToken, "symbol")),
        token_decimals: String(await read(c.RSTBToken, "decimals")),
        clock_mode: String(await read(c.STAB3LGovernor, "CLOCK_MODE")),
        quorum_denominator: String(await read(c.STAB3LGovernor, "quorumDenominator")),
      };
      if (!facts.clock_mode.includes("mode=timestamp")) {
        // Proposal start/end and the voting-power history are kept on the timestamp clock (ERC-6372).
        throw new IndexerHaltedError(`the Governor's clock is "${facts.clock_mode}"; only mode=timestamp is supported`);
      }
      this.db.transaction(() => {
        for (const [k, v] of Object.entries(facts)) setMeta(this.db, k, v);
      })();
    }
    this.initialised = true;
  }

  /** One round: returns true when more blocks are ready right away. */
  private async step(): Promise<boolean> {
    const head = await this.source.latestHeader();
    this.head = head;
    if (head.number < this.cursor.block && this.reindexOnReorg) {
      this.reindex(`the chain went back to block ${head.number}, below the indexed block ${this.cursor.block}`);
      return true;
    }
    const target = head.number - this.confirmations;
    if (target <= this.cursor.block) return false;

    const from = this.cursor.block + 1;
    let to = Math.min(target, from + this.range - 1);
    let logs: RawLog[];
    for (;;) {
      try {
        logs = await this.source.logs(from, to, this.ingestor.addresses());
        break;
      } catch (error) {
        if (!isRangeTooLarge(error) || to === from) throw error;
        this.range = Math.max(1, Math.floor((to - from + 1) / 2));
        to = from + this.range - 1;
        this.log(`indexer: the node refused the range; trying ${this.range} blocks`);
      }
    }

    const needed = new Set<number>([from, to]);
    for (const l of logs) if (l.blockTimestamp === undefined) needed.add(l.blockNumber);
    const headers = await this.source.headers(needed);
    const first = headers.get(from)!;
    if (this.cursor.hash !== null && first.parentHash !== this.cursor.hash) {
      if (this.reindexOnReorg) {
        this.reindex(`block ${from} no longer follows the indexed block ${this.cursor.block}`);
        return true;
      }
      throw new IndexerHaltedError(
        `the chain was reorganised below the confirmation depth (${this.confirmations}): block ${from} no longer ` +
          `follows the indexed block ${this.cursor.block} (${this.cursor.hash}); re-index into a new database ` +
          `and raise --confirmations`,
      );
    }
    for (const l of logs) {
      const h = headers.get(l.blockNumber);
      if (h && h.hash !== l.blockHash) {
        throw new Stab3lError(`block ${l.blockNumber} changed while it was read; reading the range again`);
      }
    }
    const times = new Map<number, number>();
    for (const [n, h] of headers) times.set(n, h.timestamp);

    // Commit whole blocks, at most maxLogsPerCommit logs per transaction, the cursor in the same transaction.
    let start = 0;
    while (start < logs.length || this.cursor.block < to) {
      let end = Math.min(logs.length, start + this.maxLogsPerCommit);
      while (end < logs.length && end > start && logs[end].blockNumber === logs[end - 1].blockNumber) end++;
      const group = logs.slice(start, end);
      const last = end >= logs.length;
      const cursor: Cursor = last
        ? { block: to, hash: headers.get(to)!.hash, time: headers.get(to)!.timestamp }
        : {
            block: group[group.length - 1].blockNumber,
            hash: group[group.length - 1].blockHash,
            time: group[group.length - 1].blockTimestamp ?? times.get(group[group.length - 1].blockNumber)!,
          };
      let result: ReturnType<Ingestor["apply"]>;
      try {
        result = this.db.transaction(() => {
          const r = this.ingestor.apply(group, times);
          this.ingestor.finish(cursor.time!);
          setMeta(this.db, "cursor_block", String(cursor.block));
          setMeta(this.db, "cursor_hash", cursor.hash!);
          setMeta(this.db, "cursor_time", String(cursor.time));
          return r;
        })();
      } catch (error) {
        this.ingestor.rolledBack();
        throw error;
      }
      this.cursor = cursor;
      this.eventsIndexed += result.stored;
      start = end;
      this.notify();
    }
    if (this.range < this.maxRange) this.range = Math.min(this.maxRange, this.range * 2);
    return to < target;
  }

  /** Start over: drop what was indexed and follow the chain again from the deployment's start block. */
  private reindex(reason: string): void {
    this.log(`indexer: ${reason}; indexing again from block ${this.deployment.startBlock.number}`);
    clearIndexedData(this.db);
    this.ingestor = new Ingestor(this.db, this.watched);
    this.cursor = this.openCursor();
  }

  /** After a successful round or a commit (progress): clear failures; ok, or behind when far from the head. */
  private healthy(): void {
    this.failures = 0;
    this.retryAt = null;
    this.retryDelay = null;
    this.lastError = null;
    this.lastSuccessAt = new Date().toISOString();
    const lag = (this.head?.number ?? 0) - this.confirmations - this.cursor.block;
    this.state = lag > this.behindThreshold ? "behind" : "ok";
  }

  private notify(): void {
    this.healthy();
    const ready = this.waiters.filter((w) => w.block <= this.cursor.block);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.block > this.cursor.block);
    for (const w of ready) w.resolve();
  }
}
