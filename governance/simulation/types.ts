import type { DecodedError } from "../abis.js";
import type { SdkContext } from "../context.js";
import type { DecodedProposal } from "../decode/proposal.js";
import type { Deployment, DeploymentIdentity } from "../deployment.js";
import type { Proposal } from "../proposal.js";
import type { ProposalSpec } from "../specs/schema.js";
import type { GovernanceState, StateChange } from "../state.js";
import type { DecodedEvent } from "./events.js";

/** What is simulated: the proposal, the spec it came from (for post-conditions), and its decoding. */
export interface SimulationSubject {
  proposal: Proposal;
  spec?: ProposalSpec;
  decoded: DecodedProposal;
}

export type StepName = "propose" | "vote" | "queue" | "execute";

/** One transaction of the simulated lifecycle. */
export interface StepResult {
  step: StepName;
  from: string;
  success: boolean;
  gasUsed: bigint;
  txHash?: string;
  error?: DecodedError;
  /** e.g. the vote's support and weight. */
  detail?: string;
}

/** The outcome of one proposal action. `success` is undefined when it did not run or cannot be told. */
export interface ActionResult {
  index: number;
  target: string;
  targetName: string;
  summary: string;
  success: boolean | undefined;
  error?: DecodedError;
  events: DecodedEvent[];
}

/** Everything observed while simulating, before checks judge it. */
export interface Simulation {
  mode: "local" | "fork";
  chainId: bigint;
  /** Block the simulation started from (restored afterwards). */
  blockNumber: number;
  proposalId?: bigint;
  proposer: string;
  voters: { account: string; votes: bigint }[];
  steps: StepResult[];
  executed: boolean;
  /** Time the actions ran (the ETA), or the earliest they could run when the simulation stopped before. */
  executionTime: bigint;
  eta?: bigint;
  actions: ActionResult[];
  /** Every event of the execution, decoded and attributed to actions. */
  events: DecodedEvent[];
  gas: { propose: bigint; votes: bigint; queue: bigint; execute: bigint; total: bigint };
  before: GovernanceState;
  after: GovernanceState;
  changes: StateChange[];
  /** Why the lifecycle stopped before execution, when it did. */
  stoppedAt?: { step: StepName; reason: string };
  durationMs: number;
}

/** What one check found: ✅ info, ⚠ warnings (prefixed "CRITICAL:" when critical), ❌ errors. */
export interface CheckResult {
  info: string[];
  warnings: string[];
  errors: string[];
}

/**
 * A review check, as a plugin (one file per check under ./checks, registered in order in checks/index.ts).
 * Pure: it judges a finished simulation and never touches the chain.
 */
export interface Check {
  readonly name: string;
  readonly title: string;
  check(subject: SimulationSubject, simulation: Simulation, ctx: SdkContext): CheckResult;
}

export interface CheckOutcome extends CheckResult {
  name: string;
  title: string;
  status: "pass" | "warn" | "fail";
}

/** A simulation with its checks: what the Markdown and JSON reports render. */
export interface SimulationReport {
  title: string;
  deployment: Deployment;
  /** The deployment as the simulated node holds it (chain id + block hash): the report binds to it. */
  identity: DeploymentIdentity;
  subject: SimulationSubject;
  simulation: Simulation;
  checks: CheckOutcome[];
  /** No check reported an error and the proposal executed. */
  ok: boolean;
  /** Number of CRITICAL warnings. */
  critical: number;
}

/** Prefix of a critical warning. */
export const CRITICAL = "CRITICAL: ";
