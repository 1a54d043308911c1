/**
 * Read access for the API: typed rows, keyset pagination, and the Governor rules the API needs to evaluate
 * (proposal state, quorum at a snapshot), computed from indexed events at the last indexed block.
 */
import type { Statement } from "better-sqlite3";
import type { Db } from "./schema.js";

export interface ProposalRow {
  seq: number;
  onchain_id: string;
  proposer: string;
  targets: string;
  values: string;
  signatures: string;
  calldatas: string;
  description: string;
  title: string;
  vote_start: number;
  vote_end: number;
  created_block: number;
  created_time: number;
  created_tx: string;
  extended_deadline: number | null;
  extended_block: number | null;
  extended_time: number | null;
  extended_tx: string | null;
  queued_block: number | null;
  queued_time: number | null;
  queued_tx: string | null;
  eta: number | null;
  timelock_op: string | null;
  executed_block: number | null;
  executed_time: number | null;
  executed_tx: string | null;
  canceled_block: number | null;
  canceled_time: number | null;
  canceled_tx: string | null;
  canceled_by: string | null;
  for_votes: string;
  against_votes: string;
  abstain_votes: string;
  for_voters: number;
  against_voters: number;
  abstain_voters: number;
  /** Quorum at the snapshot, stored once the snapshot has passed; null before. */
  quorum: string | null;
}

export interface VoteRow {
  id: number;
  proposal_seq: number;
  voter: string;
  support: number;
  weight: string;
  weight_key: string;
  reason: string;
  params: string | null;
  block_number: number;
  block_time: number;
  tx_hash: string;
}

export interface DelegateRow {
  address: string;
  seq: number;
  votes: string;
  votes_key: string;
  delegators: number;
}

export interface VotePowerChangeRow {
  id: number;
  delegate: string;
  previous: string;
  current: string;
  block_number: number;
  block_time: number;
  tx_hash: string;
}

export interface ParameterRow {
  key: string;
  name: string;
  unit: number;
  min: string;
  max: string;
  step_kind: number;
  max_step: string;
  cooldown: number;
  registered_id: number;
  registered_block: number;
  registered_time: number;
  registered_tx: string;
}

export interface ParameterChangeRow {
  id: number;
  key: string;
  kind: string;
  old_value: string | null;
  new_value: string | null;
  effective_at: number | null;
  cancelled_id: number | null;
  details: string | null;
  block_number: number;
  block_time: number;
  tx_hash: string;
}

export interface PauseRow {
  target: string;
  selector: string;
  paused_until: string;
  confirmed: number;
  guardian: string | null;
  reason: string | null;
  paused_id: number | null;
  last_id: number;
  last_kind: string;
}

export interface PauseEventRow {
  id: number;
  target: string;
  selector: string;
  kind: string;
  guardian: string | null;
  paused_until: string;
  previous_until: string | null;
  reason: string | null;
  block_number: number;
  block_time: number;
  tx_hash: string;
}

export interface GuardianActionRow {
  id: number;
  kind: string;
  guardian: string;
  target: string | null;
  selector: string | null;
  paused_until: string | null;
  reason: string | null;
  proposal_seq: number | null;
  block_number: number;
  block_time: number;
  tx_hash: string;
}

export interface EventRow {
  id: number;
  block_number: number;
  block_time: number;
  tx_hash: string;
  log_index: number;
  contract: string;
  address: string;
  name: string;
  args: string;
}

export interface SafeTransactionRow {
  id: number;
  safe: string;
  to_address: string;
  value: string;
  data: string;
  operation: number;
  success: number | null;
  safe_tx_hash: string | null;
  block_number: number;
  block_time: number;
  tx_hash: string;
}

export interface SafeRow {
  address: string;
  name: string;
  threshold: number;
  owners: string;
  executed: number;
}

/** A keyset page request: sort columns (unique together), direction, and the bound from a cursor. */
export interface PageQuery {
  limit: number;
  descending: boolean;
  /** Sort key values of the row to start after (in sort order) ... */
  after?: unknown[];
  /** ... or before. */
  before?: unknown[];
}

/** OpenZeppelin Governor ProposalState names. */
export type GovernorState =
  "Pending" | "Active" | "Canceled" | "Defeated" | "Succeeded" | "Queued" | "Expired" | "Executed";

export class Reader {
  private readonly cache = new Map<string, Statement>();
  private readonly rowCache = new Map<string, { statement: Statement; make: (row: unknown[]) => unknown }>();
  /** Meta values written once by the indexer's first round (names, clock mode ...), memoised once present. */
  private readonly facts = new Map<string, string>();
  private cursorMemo: { block: number; hash: string | null; time: number | null } | undefined;
  private readonly quorumMemo = new Map<number, bigint>();
  private safeMemo: Map<string, SafeRow> | undefined;
  private static readonly FACTS = new Set([
    "governor_name",
    "token_name",
    "token_symbol",
    "token_decimals",
    "clock_mode",
    "quorum_denominator",
  ]);

  constructor(readonly db: Db) {}

  /** A prepared statement, cached by its SQL. */
  stmt(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  /**
   * A raw-mode statement and a compiled row builder: better-sqlite3 builds wide row objects key by key, which
   * was the largest cost of a page of proposals; a fixed-shape object literal is about twice as fast.
   */
  private rowStatement(sql: string): { statement: Statement; make: (row: unknown[]) => unknown } {
    let entry = this.rowCache.get(sql);
    if (!entry) {
      const statement = this.db.prepare(sql).raw(true);
      const body = statement
        .columns()
        .map((c, i) => `${JSON.stringify(c.name)}: r[${i}]`)
        .join(", ");
      entry = { statement, make: new Function("r", `return { ${body} };`) as (row: unknown[]) => unknown };
      this.rowCache.set(sql, entry);
    }
    return entry;
  }

  meta(key: string): string | undefined {
    const known = this.facts.get(key);
    if (known !== undefined) return known;
    const value = this.stmt(`SELECT value FROM meta WHERE key = ?`).pluck().get(key) as string | undefined;
    if (value !== undefined && Reader.FACTS.has(key)) this.facts.set(key, value);
    return value;
  }

  /** The last indexed block: number, hash and time (null before the first commit); memoised until fresh(). */
  cursor(): { block: number; hash: string | null; time: number | null } {
    if (this.cursorMemo) return this.cursorMemo;
    const rows = this.stmt(
      `SELECT key, value FROM meta WHERE key IN ('cursor_block', 'cursor_hash', 'cursor_time')`,
    ).all() as { key: string; value: string }[];
    const m = new Map(rows.map((r) => [r.key, r.value]));
    this.cursorMemo = {
      block: Number(m.get("cursor_block") ?? -1),
      hash: m.get("cursor_hash") ?? null,
      time: m.has("cursor_time") ? Number(m.get("cursor_time")) : null,
    };
    return this.cursorMemo;
  }

  /**
   * Forget the memoised cursor: called at the start of every API request, so one request sees one indexed
   * block throughout (resolvers are synchronous, so a commit cannot land in the middle of one).
   */
  fresh(): void {
    this.cursorMemo = undefined;
    this.quorumMemo.clear();
    this.safeMemo = undefined;
  }

  /** Whether the Governor counts time in seconds (ERC-6372 mode=timestamp) rather than blocks. */
  timestampClock(): boolean {
    return (this.meta("clock_mode") ?? "mode=timestamp").includes("timestamp");
  }

  /** The Governor clock's current timepoint: the last indexed block's time (or number). */
  now(): number {
    const c = this.cursor();
    return this.timestampClock() ? (c.time ?? 0) : c.block;
  }

  /**
   * Rows of `from` matching `where`, in keyset order of `keys` (which must be unique together), starting
   * after/before the given key values. Rows come back in the requested order.
   */
  page<T>(from: string, where: string[], params: unknown[], keys: string[], q: PageQuery): T[] {
    const conds = [...where];
    const args = [...params];
    const bound = q.after ?? q.before;
    const backwards = q.before !== undefined;
    // Walking backwards from `before` means reading in the opposite order, then flipping the page.
    const readDescending = backwards ? !q.descending : q.descending;
    if (bound) {
      const tuple = `(${keys.join(", ")})`;
      const marks = `(${keys.map(() => "?").join(", ")})`;
      conds.push(`${tuple} ${readDescending ? "<" : ">"} ${marks}`);
      args.push(...bound);
    }
    const order = keys.map((k) => `${k} ${readDescending ? "DESC" : "ASC"}`).join(", ");
    const sql = `SELECT * FROM ${from}${conds.length ? ` WHERE ${conds.join(" AND ")}` : ""} ORDER BY ${order} LIMIT ?`;
    const { statement, make } = this.rowStatement(sql);
    const rows = (statement.all(...args, q.limit) as unknown[][]).map(make) as T[];
    return backwards ? rows.reverse() : rows;
  }

  count(from: string, where: string[], params: unknown[]): number {
    const sql = `SELECT COUNT(*) FROM ${from}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`;
    return this.stmt(sql)
      .pluck()
      .get(...params) as number;
  }

  // ------------------------------------------------------------------ proposals

  proposalBySeq(seq: number): ProposalRow | undefined {
    return this.stmt(`SELECT * FROM proposals WHERE seq = ?`).get(seq) as ProposalRow | undefined;
  }

  proposalByOnchainId(id: string): ProposalRow | undefined {
    return this.stmt(`SELECT * FROM proposals WHERE onchain_id = ?`).get(id) as ProposalRow | undefined;
  }

  allProposals(): ProposalRow[] {
    return this.stmt(`SELECT * FROM proposals ORDER BY seq`).all() as ProposalRow[];
  }

  // ------------------------------------------------------------------ token and votes

  /** Total supply at the end of `timepoint` (Governor clock), from mint and burn events. */
  supplyAt(timepoint: number): bigint {
    const column = this.timestampClock() ? "block_time" : "block_number";
    const v = this.stmt(
      `SELECT supply FROM supply_checkpoints WHERE ${column} <= ? ORDER BY ${column} DESC, id DESC LIMIT 1`,
    )
      .pluck()
      .get(timepoint) as string | undefined;
    return BigInt(v ?? "0");
  }

  /** A governor setting's value at the end of `timepoint` (undefined before it was first set). */
  settingAt(name: string, timepoint: number): string | undefined {
    const column = this.timestampClock() ? "block_time" : "block_number";
    return this.stmt(
      `SELECT new_value FROM governor_settings WHERE name = ? AND ${column} <= ? ORDER BY ${column} DESC, id DESC LIMIT 1`,
    )
      .pluck()
      .get(name, timepoint) as string | undefined;
  }

  settingNow(name: string): string | undefined {
    return this.stmt(`SELECT new_value FROM governor_settings WHERE name = ? ORDER BY id DESC LIMIT 1`)
      .pluck()
      .get(name) as string | undefined;
  }

  quorumDenominator(): bigint {
    return BigInt(this.meta("quorum_denominator") ?? "100");
  }

  /** GovernorVotesQuorumFraction.quorum(timepoint): supply × numerator / denominator at that timepoint. */
  quorumAt(timepoint: number): bigint {
    const known = this.quorumMemo.get(timepoint);
    if (known !== undefined) return known;
    const numerator = BigInt(this.settingAt("quorumNumerator", timepoint) ?? "0");
    const quorum = (this.supplyAt(timepoint) * numerator) / this.quorumDenominator();
    this.quorumMemo.set(timepoint, quorum);
    return quorum;
  }

  /** Quorum of a proposal: at its snapshot, or estimated at the last indexed block while pending. */
  proposalQuorum(p: ProposalRow): bigint {
    if (p.quorum !== null) return BigInt(p.quorum);
    return this.quorumAt(Math.min(p.vote_start, this.now()));
  }

  /** The Governor's state of `p` at the last indexed block (OpenZeppelin Governor + GovernorTimelockControl). */
  proposalState(p: ProposalRow, now = this.now()): GovernorState {
    if (p.executed_block !== null) return "Executed";
    if (p.canceled_block !== null) return "Canceled";
    if (p.vote_start >= now) return "Pending";
    if ((p.extended_deadline ?? p.vote_end) >= now) return "Active";
    const forVotes = BigInt(p.for_votes);
    const quorum = p.quorum !== null ? BigInt(p.quorum) : this.quorumAt(p.vote_start);
    const quorumReached = quorum <= forVotes + BigInt(p.abstain_votes);
    if (!quorumReached || forVotes <= BigInt(p.against_votes)) return "Defeated";
    if (p.eta === null || p.eta === 0) return "Succeeded";
    if (p.timelock_op) {
      const op = this.stmt(`SELECT executed_block, cancelled_block FROM timelock_operations WHERE id = ?`).get(
        p.timelock_op,
      ) as { executed_block: number | null; cancelled_block: number | null } | undefined;
      if (op?.executed_block != null) return "Executed";
      if (op?.cancelled_block != null) return "Canceled";
    }
    return "Queued";
  }

  vote(proposalSeq: number, voter: string): VoteRow | undefined {
    return this.stmt(`SELECT * FROM votes WHERE proposal_seq = ? AND voter = ? ORDER BY id LIMIT 1`).get(
      proposalSeq,
      voter,
    ) as VoteRow | undefined;
  }

  delegate(address: string): DelegateRow | undefined {
    return this.stmt(`SELECT * FROM delegates WHERE address = ?`).get(address) as DelegateRow | undefined;
  }

  /** Votes of `address` at the end of `timepoint` (Governor clock). */
  votesAt(address: string, timepoint: number): bigint {
    const column = this.timestampClock() ? "block_time" : "block_number";
    const v = this.stmt(
      `SELECT current FROM vote_power_changes WHERE delegate = ? AND ${column} <= ? ORDER BY ${column} DESC, id DESC LIMIT 1`,
    )
      .pluck()
      .get(address, timepoint) as string | undefined;
    return BigInt(v ?? "0");
  }

  /** Votes of `address` at the end of block `blockNumber`. */
  votesAtBlock(address: string, blockNumber: number): bigint {
    const v = this.stmt(
      `SELECT current FROM vote_power_changes WHERE delegate = ? AND block_number <= ? ORDER BY id DESC LIMIT 1`,
    )
      .pluck()
      .get(address, blockNumber) as string | undefined;
    return BigInt(v ?? "0");
  }

  voteChanges(address: string, limit: number): VotePowerChangeRow[] {
    return this.stmt(`SELECT * FROM vote_power_changes WHERE delegate = ? ORDER BY id DESC LIMIT ?`).all(
      address,
      limit,
    ) as VotePowerChangeRow[];
  }

  /** Delegates with votes or delegators. */
  activeDelegatesCount(): number {
    return this.stmt(`SELECT COUNT(*) FROM delegates WHERE votes != '0' OR delegators > 0`).pluck().get() as number;
  }

  /** Sum of all delegates' votes (= delegated supply). */
  delegatedVotes(): bigint {
    const rows = this.stmt(`SELECT votes FROM delegates WHERE votes != '0'`).pluck().all() as string[];
    return rows.reduce((sum, v) => sum + BigInt(v), 0n);
  }

  holdersCount(): number {
    return this.stmt(`SELECT COUNT(*) FROM balances WHERE balance != '0'`).pluck().get() as number;
  }

  proposalsCreatedBy(address: string): number {
    return this.stmt(`SELECT COUNT(*) FROM proposals WHERE proposer = ?`).pluck().get(address) as number;
  }

  // ------------------------------------------------------------------ protocol

  parameters(): ParameterRow[] {
    return this.stmt(`SELECT * FROM parameters ORDER BY registered_id`).all() as ParameterRow[];
  }

  parameter(key: string): ParameterRow | undefined {
    return this.stmt(`SELECT * FROM parameters WHERE key = ? OR name = ?`).get(key, key) as ParameterRow | undefined;
  }

  /** The SET rows of `key` still standing (not cancelled), oldest first. */
  parameterSets(key: string): ParameterChangeRow[] {
    return this.stmt(
      `SELECT * FROM parameter_changes WHERE key = ? AND kind = 'SET' AND cancelled_id IS NULL ORDER BY id`,
    ).all(key) as ParameterChangeRow[];
  }

  pauses(): PauseRow[] {
    return this.stmt(`SELECT * FROM pauses ORDER BY last_id DESC`).all() as PauseRow[];
  }

  pauseHistory(target: string, selector: string): PauseEventRow[] {
    return this.stmt(`SELECT * FROM pause_events WHERE target = ? AND selector = ? ORDER BY id DESC`).all(
      target,
      selector,
    ) as PauseEventRow[];
  }

  /** The Safe at `address` (memoised per request: the indexer follows a handful). */
  safe(address: string): SafeRow | undefined {
    this.safeMemo ??= new Map(this.safes().map((s) => [s.address, s]));
    return this.safeMemo.get(address);
  }

  safes(): SafeRow[] {
    return this.stmt(`SELECT * FROM safes`).all() as SafeRow[];
  }
}
