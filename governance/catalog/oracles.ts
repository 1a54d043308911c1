import { DAY, HOUR, WAD, type FunctionSpec, type ParameterSpec, type SettingSpec } from "./types.js";

/**
 * The price layer (contracts/oracles/PriceOracle.sol). Per-asset numbers use the key pattern
 * `oracle.<tag>.<name>`; the tags are "cu" (CU/USD) and "coll" (COLLATERAL/USD).
 */
function assetParameters(
  tag: string,
  label: string,
  bounds: { min: bigint; max: bigint; minCeil: bigint; maxFloor: bigint },
) {
  const heartbeat = (key: string, what: string): ParameterSpec => ({
    key: `oracle.${tag}.${key}`,
    domain: "oracle",
    unit: "Seconds",
    min: 60n,
    max: BigInt(7 * DAY),
    stepKind: "None",
    maxStep: 0n,
    cooldown: DAY,
    defaultValue: BigInt(DAY + HOUR),
    readBy: ["PriceOracle"],
    description: `Maximum age of the ${label} ${what} answer before it counts as stale (feed heartbeat plus margin).`,
  });
  return [
    heartbeat("heartbeat", "primary feed's"),
    heartbeat("fbHeartbeat", "fallback feed's"),
    {
      key: `oracle.${tag}.minPrice`,
      domain: "oracle",
      unit: "Wad",
      min: 1n,
      max: bounds.minCeil,
      stepKind: "None",
      maxStep: 0n,
      cooldown: DAY,
      defaultValue: bounds.min,
      readBy: ["PriceOracle"],
      description: `Lowest ${label} price (USD, 18 decimals) accepted from a feed; below it the answer is rejected.`,
    },
    {
      key: `oracle.${tag}.maxPrice`,
      domain: "oracle",
      unit: "Wad",
      min: bounds.maxFloor,
      max: 10n ** 9n * WAD,
      stepKind: "None",
      maxStep: 0n,
      cooldown: DAY,
      defaultValue: bounds.max,
      readBy: ["PriceOracle"],
      description: `Highest ${label} price (USD, 18 decimals) accepted from a feed; above it the answer is rejected.`,
    },
  ] satisfies ParameterSpec[];
}

export const oracleParameters: readonly ParameterSpec[] = [
  {
    key: "oracle.sequencerGrace",
    domain: "oracle",
    unit: "Seconds",
    min: 0n,
    max: BigInt(DAY),
    stepKind: "None",
    maxStep: 0n,
    cooldown: DAY,
    defaultValue: BigInt(HOUR),
    readBy: ["PriceOracle"],
    description: "After the L2 sequencer comes back up, seconds during which no price is trusted (Chainlink: 3600).",
  },
  // CU/USD: nominally $0.06; accepted between $0.001 and $10.
  ...assetParameters("cu", "CU/USD", { min: WAD / 1_000n, max: 10n * WAD, minCeil: WAD, maxFloor: WAD / 100n }),
  // COLLATERAL/USD (a USD stablecoin locally): accepted between $0.10 and $10.
  ...assetParameters("coll", "COLLATERAL/USD", { min: WAD / 10n, max: 10n * WAD, minCeil: WAD, maxFloor: WAD }),
];

export const oracleSettings: readonly SettingSpec[] = [
  {
    name: "oracle.sequencerUptimeFeed",
    domain: "oracle",
    contract: "PriceOracle",
    getter: "sequencerUptimeFeed",
    setter: "setSequencerUptimeFeed",
    unit: "Address",
    critical: true,
    description: "Chainlink L2 sequencer uptime feed checked before any price is trusted; zero disables (L1, local).",
  },
];

/** Restricted functions of the price layer and sSTB that are not SettingSpec setters. */
export const oracleFunctions: readonly FunctionSpec[] = [
  {
    contract: "PriceOracle",
    signature: "setAsset(bytes32,address,address,bytes8)",
    kind: "setting",
    caller: "ADMIN (Timelock)",
    critical: true,
    description:
      "Configure an asset (CU/USD, COLLATERAL/USD): primary Chainlink feed, optional fallback feed and the tag of its parameters; a zero feed removes it.",
  },
  {
    contract: "SSTBToken",
    signature: "mint(address,uint256)",
    kind: "protocol-operation",
    caller: "SSTB_MINTER (MintingAgent; the bridge on remote chains)",
    critical: true,
    description: "Mint sSTB (1 sSTB = 1 CU).",
  },
  {
    contract: "SSTBToken",
    signature: "burnFrom(address,uint256)",
    kind: "protocol-operation",
    caller: "SSTB_BURNER (Redemption, CollateralManager; the bridge on remote chains)",
    critical: true,
    description:
      "Burn a holder's sSTB within the allowance it gave the burner (redemptions, liquidations, bridging out).",
  },
];
