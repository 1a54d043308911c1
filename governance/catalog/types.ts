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
  readonly unit: Unit | "Address";
  readonly min?: bigint;
  readonly max?: bigint;
  /** Reviewers see a change to it flagged as critical. */
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
