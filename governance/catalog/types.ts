import { encodeBytes32String } from "ethers";

/** Mirrors IParameterStore.Unit (order matters: it is the on-chain enum index). */
export const UNITS = ["None", "Bps", "Seconds", "Wad", "Flops", "Usd8", "TokenWei", "Count", "Percent"] as const;
export type Unit = (typeof UNITS)[number];

/** Mirrors IParameterStore.StepKind. */
export const STEP_KINDS = ["None", "Absolute", "RelativeBps"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** One governed uint parameter in the ParameterStore: its rules, its default and what it does. */
export interface ParameterSpec {
  /** ASCII name, at most 31 bytes, packed into the bytes32 key on chain. */
  readonly key: string;
  /** Domain it belongs to, for grouping in the console and the README. */
  readonly domain: string;
  readonly unit: Unit;
  readonly min: bigint;
  readonly max: bigint;
  readonly stepKind: StepKind;
  /** Absolute amount or bps of the old value, per stepKind; 0 with "None". */
  readonly maxStep: bigint;
  /** Minimum seconds between two updates. */
  readonly cooldown: number;
  /** Value registered at deployment. */
  readonly defaultValue: bigint;
  /** Contracts that read this parameter. */
  readonly readBy: readonly string[];
  /** What it does, in one sentence. */
  readonly description: string;
}

/** `lower` ≤ `upper` must hold between two parameters' values (and, with `bounds`, between their bounds). */
export interface ParameterRelation {
  readonly lower: string;
  /** A second parameter added to `lower` (same unit): the ordering is lower + plus ≤ upper. */
  readonly plus?: string;
  readonly upper: string;
  /** A multiple of `lower` (default 1): the ordering is lower × lowerFactor (+ plus) ≤ upper. */
  readonly lowerFactor?: bigint;
  /** What breaks when the ordering is lost, for the people reviewing a proposal. */
  readonly why: string;
  /** Also require lower's hard maximum ≤ upper's hard minimum: an invariant relies on it for any value. */
  readonly bounds?: boolean;
}

/**
 * A governed setting that is not in the ParameterStore: held by a contract of its own (the Governor's
 * settings, the Timelock's delay, addresses such as feeds or guardians), changed through a restricted setter.
 */
export interface SettingSpec {
  readonly name: string;
  readonly domain: string;
  /** Contract name as in the Solidity sources. */
  readonly contract: string;
  /** Getter to read the current value (no arguments). */
  readonly getter: string;
  /** Restricted setter that changes it. */
  readonly setter: string;
  /** Display unit: a parameter unit, an address, or a chain id (an integer shown without separators). */
  readonly unit: Unit | "Address" | "ChainId";
  readonly min?: bigint;
  readonly max?: bigint;
  /** Reviewers see a change to it flagged as critical. */
  readonly critical: boolean;
  readonly description: string;
}

/**
 * A governed set of addresses (attesters, relayers …): membership changes through restricted functions that
 * emit `event(member, …)`; `check(member)` tells whether an address is in. The simulation reads every member
 * any event ever named, before and after, so additions and removals show in the diff.
 */
export interface SetSpec {
  readonly name: string;
  readonly domain: string;
  /** Contract name as in the Solidity sources. */
  readonly contract: string;
  /** Event name announcing a membership change, and the name of its member argument. */
  readonly event: string;
  readonly memberArg: string;
  /** View with one address argument returning whether it is a member: "isAttester(address)". */
  readonly check: string;
  readonly critical: boolean;
  readonly description: string;
}

/** What a restricted function does to the protocol, for grouping and for review checks. */
export const FUNCTION_KINDS = [
  /** Registers parameters or changes a ParameterStore value, schedule, bound or rule. */
  "parameter-admin",
  /** Grants, revokes or configures roles and function-role mappings (the authority, the Timelock). */
  "permissions",
  /** Pauses or unpauses (guardians pause; only governance confirms or lifts). */
  "pause",
  /** Moves the protocol's own governance machinery: queues, executes or cancels Timelock operations. */
  "governance-operation",
  /** Mints, burns or moves value on behalf of the protocol (role-holding contracts only). */
  "protocol-operation",
  /** Changes a governed address or number held outside the ParameterStore (SettingSpec covers most). */
  "setting",
] as const;
export type FunctionKind = (typeof FUNCTION_KINDS)[number];

/**
 * A restricted function of a deployed contract that is not the setter of a SettingSpec: who may call it and
 * what it does. A test derives every restricted function from the ABIs and the authority's function-role
 * mapping and fails if one lacks an entry here (or a SettingSpec), or if an entry names no deployed function.
 */
export interface FunctionSpec {
  /** Contract name as in the Solidity sources. */
  readonly contract: string;
  /** Function signature as ethers formats a sighash: "setParameter(bytes32,uint256)". */
  readonly signature: string;
  readonly kind: FunctionKind;
  /** Who may call it once deployed, for people ("ADMIN (Timelock)", "GUARDIAN (guardian Safe)"). */
  readonly caller: string;
  /** Reviewers see a call to it flagged as critical. */
  readonly critical: boolean;
  readonly description: string;
}

/** The on-chain bytes32 key of a catalog name. */
export function parameterKey(name: string): string {
  return encodeBytes32String(name);
}

export const HOUR = 3_600;
export const DAY = 86_400;
export const WAD = 10n ** 18n;
