/**
 * What the TUI views show. The console's data layer (console/data.ts) fills these from the SDK; the views
 * depend only on these shapes, so they render the same from the chain, from the API, or in tests.
 */

export interface HeaderInfo {
  network: string;
  chainId: number;
  block: number;
  timestamp: number;
  account?: string;
  /** With --api: the last block the indexer committed. */
  indexedBlock?: number;
}

export interface ProposalRow {
  id: bigint;
  title: string;
  state: string;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  quorum: bigint;
  /** Vote start and end (unix seconds). */
  snapshot: bigint;
  deadline: bigint;
  /** Timelock ETA once queued. */
  eta?: bigint;
}

/** One action of a proposal: what it does, and the lines under it (state changes, warnings, inner calls). */
export interface ProposalAction {
  summary: string;
  details: string[];
}

export interface ProposalDetail extends ProposalRow {
  proposer: string;
  description: string;
  actions: ProposalAction[];
}

export interface ParameterRow {
  key: string;
  unit: string;
  value: string;
  bounds: string;
  step: string;
  cooldown: string;
  pending?: string;
  description: string;
}

export interface PauseRow {
  contract: string;
  functionName: string;
  until: string;
  /** Unix seconds; 2^64-1 when governance confirmed the pause. */
  pausedUntil?: bigint;
  status: string;
}

export interface GuardianInfo {
  guardianSafe: string;
  pauseLasts: string;
  pausable: string[];
  pauses: PauseRow[];
}

export interface OracleRow {
  asset: string;
  price?: string;
  age?: string;
  status: "ok" | "warning" | "error";
  detail: string;
}

export interface OracleInfo {
  sequencer: string;
  rows: OracleRow[];
  /** The peg controller's last observation, label → text. */
  peg?: Record<string, string>;
}

export interface CheckRow {
  name: string;
  level: "ok" | "warning" | "error";
  message: string;
}

export interface SimulationSummary {
  title: string;
  passed: boolean;
  gasUsed: bigint;
  checks: CheckRow[];
  changes: { name: string; before: string; after: string }[];
  reportFile?: string;
}

export interface DraftChange {
  key: string;
  value: string;
}

/** Everything the TUI reads or does; each call is one round of I/O over the SDK. */
export interface ConsoleData {
  header(): Promise<HeaderInfo>;
  proposals(): Promise<ProposalRow[]>;
  proposal(id: bigint): Promise<ProposalDetail>;
  parameters(): Promise<ParameterRow[]>;
  guardian(): Promise<GuardianInfo>;
  oracles(): Promise<OracleInfo>;
  specs(): Promise<string[]>;
  /** Validate a draft value for `key` (human units); returns a one-line problem or undefined. */
  checkDraftValue(key: string, value: string): Promise<string | undefined>;
  saveDraft(title: string, changes: DraftChange[]): Promise<string>;
  simulate(specFile: string, onStep: (step: string, done: number, total: number) => void): Promise<SimulationSummary>;
  /** Actions that sign need an account; undefined when the console was started without one. */
  vote?(id: bigint, support: "for" | "against" | "abstain"): Promise<string>;
  /** Queue a Succeeded proposal in the Timelock / execute a Queued one whose ETA passed (anyone may). */
  queue?(id: bigint): Promise<string>;
  execute?(id: bigint): Promise<string>;
  draftPause?(target: string, reason: string): Promise<string>;
}
