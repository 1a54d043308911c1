/**
 * The indexer's SQLite schema. Every row written from a log carries the log's deterministic id
 * (block × 2^20 + log index), so re-indexing produces identical rows and a log can never be stored twice.
 * uint256 quantities are decimal TEXT (exact); where the API sorts by one there is a 64-digit hex `*_key`
 * column beside it (text order = numeric order). Addresses are lower-case hex.
 */
import Database from "better-sqlite3";
import { mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";

export type Db = Database.Database;

/** Bumped when the schema changes; an older database is refused (re-index into a new file). */
export const SCHEMA_VERSION = 1;

const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- Every decoded log of a watched contract, handled or not (new contracts plug in and are queryable at once),
-- except high-volume events whose own table keeps all their fields (VoteCast → votes, DelegateVotesChanged →
-- vote_power_changes).
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY,
  block_number INTEGER NOT NULL,
  block_time INTEGER NOT NULL,
  tx_hash TEXT NOT NULL,
  log_index INTEGER NOT NULL,
  contract TEXT NOT NULL,
  address TEXT NOT NULL,
  name TEXT NOT NULL,
  args TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_contract ON events (contract, name, id);
CREATE INDEX IF NOT EXISTS events_by_name ON events (name, id);

CREATE TABLE IF NOT EXISTS proposals (
  seq INTEGER PRIMARY KEY,
  onchain_id TEXT NOT NULL UNIQUE,
  proposer TEXT NOT NULL,
  targets TEXT NOT NULL,
  "values" TEXT NOT NULL,
  signatures TEXT NOT NULL,
  calldatas TEXT NOT NULL,
  description TEXT NOT NULL,
  title TEXT NOT NULL,
  vote_start INTEGER NOT NULL,
  vote_end INTEGER NOT NULL,
  created_block INTEGER NOT NULL,
  created_time INTEGER NOT NULL,
  created_tx TEXT NOT NULL,
  extended_deadline INTEGER,
  extended_block INTEGER,
  extended_time INTEGER,
  extended_tx TEXT,
  queued_block INTEGER,
  queued_time INTEGER,
  queued_tx TEXT,
  eta INTEGER,
  timelock_op TEXT,
  executed_block INTEGER,
  executed_time INTEGER,
  executed_tx TEXT,
  canceled_block INTEGER,
  canceled_time INTEGER,
  canceled_tx TEXT,
  canceled_by TEXT,
  for_votes TEXT NOT NULL DEFAULT '0',
  against_votes TEXT NOT NULL DEFAULT '0',
  abstain_votes TEXT NOT NULL DEFAULT '0',
  for_voters INTEGER NOT NULL DEFAULT 0,
  against_voters INTEGER NOT NULL DEFAULT 0,
  abstain_voters INTEGER NOT NULL DEFAULT 0,
  quorum TEXT
);
CREATE INDEX IF NOT EXISTS proposals_by_proposer ON proposals (proposer, seq);
-- Proposals whose snapshot has not passed yet (quorum still unknown).
CREATE INDEX IF NOT EXISTS proposals_unsettled ON proposals (vote_start) WHERE quorum IS NULL;

CREATE TABLE IF NOT EXISTS votes (
  id INTEGER PRIMARY KEY,
  proposal_seq INTEGER NOT NULL,
  voter TEXT NOT NULL,
  support INTEGER NOT NULL,
  weight TEXT NOT NULL,
  weight_key TEXT NOT NULL,
  reason TEXT NOT NULL,
  params TEXT,
  block_number INTEGER NOT NULL,
  block_time INTEGER NOT NULL,
  tx_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS votes_by_proposal ON votes (proposal_seq, id);
CREATE INDEX IF NOT EXISTS votes_by_proposal_weight ON votes (proposal_seq, weight_key, id);
CREATE INDEX IF NOT EXISTS votes_by_voter ON votes (voter, id);

CREATE TABLE IF NOT EXISTS delegates (
  address TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  votes TEXT NOT NULL DEFAULT '0',
  votes_key TEXT NOT NULL DEFAULT '${"0".repeat(64)}',
  delegators INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS delegates_by_votes ON delegates (votes_key, seq);
CREATE INDEX IF NOT EXISTS delegates_by_delegators ON delegates (delegators, seq);

CREATE TABLE IF NOT EXISTS delegations (
  delegator TEXT PRIMARY KEY,
  delegate TEXT NOT NULL,
  block_number INTEGER NOT NULL,
  block_time INTEGER NOT NULL,
  tx_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS delegations_by_delegate ON delegations (delegate, delegator);

CREATE TABLE IF NOT EXISTS vote_power_changes (
  id INTEGER PRIMARY KEY,
  delegate TEXT NOT NULL,
  previous TEXT NOT NULL,
  current TEXT NOT NULL,
  block_number INTEGER NOT NULL,
  block_time INTEGER NOT NULL,
  tx_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS vote_power_by_delegate ON vote_power_changes (delegate, id);
CREATE INDEX IF NOT EXISTS vote_power_by_time ON vote_power_changes (delegate, block_time, id);

CREATE TABLE IF NOT EXISTS balances (
  address TEXT PRIMARY KEY,
  balance TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS supply_checkpoints (
  id INTEGER PRIMARY KEY,
  block_number INTEGER NOT NULL,
  block_time INTEGER NOT NULL,
  supply TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS supply_by_time ON supply_checkpoints (block_time, id);

CREATE TABLE IF NOT EXISTS governor_settings (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  block_number INTEGER NOT NULL,
  block_time INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS governor_settings_by_name ON governor_settings (name, id);
CREATE INDEX IF NOT EXISTS governor_settings_by_time ON governor_settings (name, block_time, id);

CREATE TABLE IF NOT EXISTS timelock_operations (
  id TEXT PRIMARY KEY,
  calls INTEGER NOT NULL,
  delay INTEGER NOT NULL,
  ready_at INTEGER NOT NULL,
  scheduled_block INTEGER NOT NULL,
  scheduled_time INTEGER NOT NULL,
  scheduled_tx TEXT NOT NULL,
  executed_block INTEGER,
  executed_time INTEGER,
  executed_tx TEXT,
  cancelled_block INTEGER,
  cancelled_time INTEGER,
  cancelled_tx TEXT
);
CREATE INDEX IF NOT EXISTS timelock_operations_by_tx ON timelock_operations (scheduled_tx);

CREATE TABLE IF NOT EXISTS parameters (
  key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  unit INTEGER NOT NULL,
  min TEXT NOT NULL,
  max TEXT NOT NULL,
  step_kind INTEGER NOT NULL,
  max_step TEXT NOT NULL,
  cooldown INTEGER NOT NULL,
  registered_id INTEGER NOT NULL,
  registered_block INTEGER NOT NULL,
  registered_time INTEGER NOT NULL,
  registered_tx TEXT NOT NULL
);

-- kind: SET (now or scheduled, per effective_at), SCHEDULE_CANCELLED, BOUNDS_SET, RULES_SET, REGISTERED.
CREATE TABLE IF NOT EXISTS parameter_changes (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  effective_at INTEGER,
  cancelled_id INTEGER,
  details TEXT,
  block_number INTEGER NOT NULL,
  block_time INTEGER NOT NULL,
  tx_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS parameter_changes_by_key ON parameter_changes (key, id);

-- The latest state of each paused key (target, selector); selector 0x00000000 = the whole target.
CREATE TABLE IF NOT EXISTS pauses (
  target TEXT NOT NULL,
  selector TEXT NOT NULL,
  paused_until TEXT NOT NULL,
  confirmed INTEGER NOT NULL,
  guardian TEXT,
  reason TEXT,
  paused_id INTEGER,
  last_id INTEGER NOT NULL,
  last_kind TEXT NOT NULL,
  PRIMARY KEY (target, selector)
);

CREATE TABLE IF NOT EXISTS pause_events (
  id INTEGER PRIMARY KEY,
  target TEXT NOT NULL,
  selector TEXT NOT NULL,
  kind TEXT NOT NULL,
  guardian TEXT,
  paused_until TEXT NOT NULL,
  previous_until TEXT,
  reason TEXT,
  block_number INTEGER NOT NULL,
  block_time INTEGER NOT NULL,
  tx_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pause_events_by_key ON pause_events (target, selector, id);

-- kind: PAUSE (GuardianPaused), CANCEL_PROPOSAL (ProposalCanceled executed by the guardian Safe).
CREATE TABLE IF NOT EXISTS guardian_actions (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  guardian TEXT NOT NULL,
  target TEXT,
  selector TEXT,
  paused_until TEXT,
  reason TEXT,
  proposal_seq INTEGER,
  block_number INTEGER NOT NULL,
  block_time INTEGER NOT NULL,
  tx_hash TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS safes (
  address TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  threshold INTEGER NOT NULL DEFAULT 0,
  owners TEXT NOT NULL DEFAULT '[]',
  executed INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS safe_transactions (
  id INTEGER PRIMARY KEY,
  safe TEXT NOT NULL,
  to_address TEXT NOT NULL,
  value TEXT NOT NULL,
  data TEXT NOT NULL,
  operation INTEGER NOT NULL,
  success INTEGER,
  safe_tx_hash TEXT,
  block_number INTEGER NOT NULL,
  block_time INTEGER NOT NULL,
  tx_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS safe_transactions_by_safe ON safe_transactions (safe, id);

CREATE TABLE IF NOT EXISTS role_members (
  role_id TEXT NOT NULL,
  account TEXT NOT NULL,
  execution_delay INTEGER NOT NULL,
  since INTEGER NOT NULL,
  granted_id INTEGER NOT NULL,
  PRIMARY KEY (role_id, account)
);

CREATE TABLE IF NOT EXISTS role_labels (role_id TEXT PRIMARY KEY, label TEXT NOT NULL);
`;

/** Tables holding indexed data (everything but `meta`), for tests that compare two databases. */
export const DATA_TABLES = [
  "events",
  "proposals",
  "votes",
  "delegates",
  "delegations",
  "vote_power_changes",
  "balances",
  "supply_checkpoints",
  "governor_settings",
  "timelock_operations",
  "parameters",
  "parameter_changes",
  "pauses",
  "pause_events",
  "guardian_actions",
  "safes",
  "safe_transactions",
  "role_members",
  "role_labels",
] as const;

/**
 * Open (creating if needed) an indexer database. `":memory:"` works for tests. WAL lets other processes read
 * while the indexer writes; synchronous=NORMAL keeps every committed batch across a process crash (WAL
 * guarantees atomicity; only an OS crash can lose the last batches, which are then indexed again).
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
  if (path !== ":memory:" && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("temp_store = MEMORY");
    db.pragma("cache_size = -65536"); // 64 MiB
    db.exec(DDL);
    const version = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get() as
      string | undefined;
    if (version === undefined) {
      db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
    } else if (Number(version) !== SCHEMA_VERSION) {
      db.close();
      throw new Error(`${path} has schema version ${version}, this indexer writes ${SCHEMA_VERSION}: use a new file`);
    }
  }
  return db;
}

/** Read a meta value. */
export function getMeta(db: Db, key: string): string | undefined {
  return db.prepare("SELECT value FROM meta WHERE key = ?").pluck().get(key) as string | undefined;
}

/** Write a meta value (inside the caller's transaction when there is one). */
export function setMeta(db: Db, key: string, value: string): void {
  db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
    key,
    value,
  );
}

/**
 * Forget everything indexed (every table but `meta`, and the cursor and deployment marks in it), in one
 * transaction, so the next open starts again at the deployment's start block. Facts read from the contracts
 * (token name, clock mode, …) stay.
 */
export function clearIndexedData(db: Db): void {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'meta' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  db.transaction(() => {
    for (const table of tables) db.prepare(`DELETE FROM "${table}"`).run();
    db.prepare(`DELETE FROM meta WHERE key IN ('deployment', 'cursor_block', 'cursor_hash', 'cursor_time')`).run();
    // AUTOINCREMENT counters too, so row ids come out as in a fresh index.
    const sequences = db.prepare(`SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'`).pluck().get();
    if (sequences) db.prepare(`DELETE FROM sqlite_sequence`).run();
  })();
}

/**
 * Delete an indexer database with its WAL and shared-memory files. Deleting only the main file is unsafe: a
 * leftover `-wal` can be replayed into the next database created at the same path.
 */
export function removeDatabase(path: string): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
}
