import { bridgeFunctions, bridgeParameters, bridgeSettings } from "./bridge.js";
import { governanceFunctions, governanceParameters, governanceSettings } from "./governance.js";
import { marketFunctions, marketParameters, marketSettings } from "./markets.js";
import { oracleFunctions, oracleParameters, oracleSettings } from "./oracles.js";
import { protocolFunctions, protocolParameters, protocolSettings } from "./protocol.js";
import { governedSets, keyedSettings } from "./keyed.js";
import {
  parameterKey,
  STEP_KINDS,
  UNITS,
  type FunctionSpec,
  type ParameterSpec,
  type SetSpec,
  type SettingSpec,
} from "./types.js";

export * from "./types.js";
export { PARAMETER_RELATIONS } from "./relations.js";

/**
 * Every governed uint parameter of the protocol, by domain. A test compares this list with the keys
 * registered on chain in both directions.
 */
export const PARAMETERS: readonly ParameterSpec[] = [
  ...governanceParameters,
  ...oracleParameters,
  ...protocolParameters,
  ...marketParameters,
  ...bridgeParameters,
];

/** Every governed setting that lives outside the ParameterStore. */
export const SETTINGS: readonly SettingSpec[] = [
  ...governanceSettings,
  ...oracleSettings,
  ...protocolSettings,
  ...marketSettings,
  ...bridgeSettings,
  ...keyedSettings,
];

/** Every governed set of addresses (attesters, relayers …). Domains append theirs. */
export const SETS: readonly SetSpec[] = [...governedSets];

/**
 * Every restricted function that is not a SettingSpec setter, with who may call it. A test checks that every
 * restricted function of every deployed contract is described here or in SETTINGS.
 */
export const FUNCTIONS: readonly FunctionSpec[] = [
  ...governanceFunctions,
  ...oracleFunctions,
  ...protocolFunctions,
  ...marketFunctions,
  ...bridgeFunctions,
];

/** The catalog entry for `key`, or undefined. */
export function findParameter(key: string): ParameterSpec | undefined {
  return PARAMETERS.find((p) => p.key === key);
}

/** The setting named `name` (e.g. "governor.votingPeriod"), or undefined. */
export function findSetting(name: string): SettingSpec | undefined {
  return SETTINGS.find((s) => s.name === name);
}

/** A catalog entry as `ParameterStore.registerParameters` takes it: key, unit, rules and the initial value. */
export function registrationOf(p: ParameterSpec) {
  return {
    key: parameterKey(p.key),
    unit: UNITS.indexOf(p.unit),
    rules: {
      min: p.min,
      max: p.max,
      stepKind: STEP_KINDS.indexOf(p.stepKind),
      maxStep: p.maxStep,
      cooldown: p.cooldown,
    },
    initialValue: p.defaultValue,
  };
}
