import { DAY, HOUR, WAD, type FunctionSpec, type ParameterSpec, type SettingSpec } from "./types.js";

/** Parameters of the cross-chain bridge; keys mirror contracts/bridge/BridgeKeys.sol. */
export const bridgeParameters: readonly ParameterSpec[] = [
  {
    key: "bridge.relayerThreshold",
    domain: "bridge",
    unit: "Count",
    min: 1n,
    max: 16n,
    stepKind: "None",
    maxStep: 0n,
    cooldown: DAY,
    defaultValue: 2n,
    readBy: ["MessageVerifier"],
    description: "Distinct relayer signatures an inbound bridge message needs.",
  },
  {
    key: "bridge.rateWindow",
    domain: "bridge",
    unit: "Seconds",
    min: BigInt(HOUR),
    max: BigInt(7 * DAY),
    stepKind: "None",
    maxStep: 0n,
    cooldown: DAY,
    defaultValue: BigInt(DAY),
    readBy: ["CrossChainBridge"],
    description:
      "Time in which a full bridge rate bucket drains (token bucket: it refills at rateLimitPerWindow per rateWindow).",
  },
  {
    key: "bridge.rateLimitPerWindow",
    domain: "bridge",
    unit: "TokenWei",
    min: WAD,
    max: 1_000_000_000n * WAD,
    stepKind: "RelativeBps",
    maxStep: 10_000n,
    cooldown: DAY,
    defaultValue: 1_000_000n * WAD,
    readBy: ["CrossChainBridge"],
    description:
      "Capacity of the rate bucket per peer chain and direction: most sSTB that may move at once; drains over rateWindow.",
  },
];

/** Set-valued settings of the bridge, changed through restricted setters that emit old and new. */
export const bridgeSettings: readonly SettingSpec[] = [
  {
    name: "MessageVerifier.relayers",
    domain: "bridge",
    contract: "MessageVerifier",
    getter: "relayers",
    setter: "setRelayer",
    unit: "Address",
    critical: true,
    description: "Relayers whose EIP-712 signatures count towards the threshold (set: one call per relayer).",
  },
  {
    name: "CrossChainBridge.peerChains",
    domain: "bridge",
    contract: "CrossChainBridge",
    getter: "peerChains",
    setter: "setPeerChain",
    unit: "ChainId",
    critical: true,
    description:
      "Peer chains and the bridge contract on each, which messages must name as source or destination (one call per chain; zero bridge removes it).",
  },
];

/** Restricted bridge functions beyond the setting setters: none (users' functions are PUBLIC_ROLE). */
export const bridgeFunctions: readonly FunctionSpec[] = [];
