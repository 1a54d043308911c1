import type { SetSpec, SettingSpec } from "./types.js";

/**
 * Keyed settings (a getter taking one key) that the simulation reads for every key the contract's events
 * name, so changes show before → after: CU definition epochs (scheduled, in force and past, named by
 * DefinitionScheduled) and the price layer's per-asset configuration (named by AssetConfigured).
 */
export const keyedSettings: readonly SettingSpec[] = [
  {
    name: "cu.definitions",
    domain: "cu",
    contract: "ComputeUnitVerifier",
    getter: "definition(uint256)",
    setter: "scheduleDefinition",
    unit: "Address",
    critical: true,
    description: "Every CU definition epoch: start time, FLOPs per CU and USD per CU (8 decimals).",
  },
  {
    name: "oracle.assets",
    domain: "oracle",
    contract: "PriceOracle",
    getter: "assetConfig(bytes32)",
    setter: "setAsset",
    unit: "Address",
    critical: true,
    description: "Per asset (CU/USD, COLLATERAL/USD): primary Chainlink feed, fallback feed, parameter tag.",
  },
];

/** Governed address sets of the minting domain. */
export const governedSets: readonly SetSpec[] = [
  {
    name: "cu.attesters",
    domain: "cu",
    contract: "AttesterReportVerifier",
    event: "AttesterSet",
    memberArg: "attester",
    check: "isAttester(address)",
    critical: true,
    description: "Attesters (TEE-backed benchmark services) whose signatures prove benchmark reports.",
  },
];
