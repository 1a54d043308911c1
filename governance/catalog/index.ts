import { bridgeParameters, bridgeSettings } from "./bridge.js";
import { governanceParameters, governanceSettings } from "./governance.js";
import { marketParameters, marketSettings } from "./markets.js";
import type { ParameterSpec, SettingSpec } from "./types.js";

export * from "./types.js";

/**
 * Every governed uint parameter of the protocol, by domain. A test compares this list with the keys
 * registered on chain in both directions.
 */
export const PARAMETERS: readonly ParameterSpec[] = [...governanceParameters, ...marketParameters, ...bridgeParameters];

/** Every governed setting that lives outside the ParameterStore. */
export const SETTINGS: readonly SettingSpec[] = [...governanceSettings, ...marketSettings, ...bridgeSettings];

/** The catalog entry for `key`, or undefined. */
export function findParameter(key: string): ParameterSpec | undefined {
  return PARAMETERS.find((p) => p.key === key);
}
