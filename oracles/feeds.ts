import { getAddress, type ContractRunner } from "ethers";
import { PriceOracle__factory } from "../typechain-types/factories/contracts/oracles/PriceOracle__factory.js";
import type { ExternalAddresses } from "../governance/deploy/config.js";
import type { Deployment } from "../governance/deployment.js";
import { DeploymentError, InputError } from "../governance/errors.js";

/** Asset ids of the price layer; mirrors `Assets` in contracts/oracles/IPriceOracle.sol. */
export const ASSETS = { CU_USD: "CU/USD", COLLATERAL_USD: "COLLATERAL/USD" } as const;
export type AssetId = (typeof ASSETS)[keyof typeof ASSETS];

/** The ParameterStore tag of each asset (keys `oracle.<tag>.heartbeat` ...). */
export const ASSET_TAGS: Record<AssetId, string> = { "CU/USD": "cu", "COLLATERAL/USD": "coll" };

/** One Chainlink feed as published by Chainlink (address, answer decimals, heartbeat). */
export interface FeedInfo {
  address: string;
  decimals: number;
  /** Seconds between updates when the price does not move (Chainlink's published heartbeat). */
  heartbeat: number;
  description: string;
}

/** What a network offers the price layer. `undefined` feeds must be supplied by the deployer. */
export interface NetworkFeeds {
  chainId: number;
  /** Chainlink L2 sequencer uptime feed; absent on L1. */
  sequencerUptime?: string;
  feeds: Partial<Record<AssetId, FeedInfo>>;
  /** The collateral token the COLLATERAL/USD feed prices. */
  collateralToken?: { address: string; symbol: string; decimals: number };
}

/**
 * Feed registry per network (data, checked against Chainlink's documentation). There is no public CU/USD feed:
 * a real deployment names one (a Chainlink-compatible aggregator run for STAB3L) in its config.
 */
export const FEED_REGISTRY: Record<string, NetworkFeeds> = {
  arbitrum: {
    chainId: 42161,
    sequencerUptime: "0xFdB631F5EE196F0ed6FAa767959853A9F217697D",
    feeds: {
      "COLLATERAL/USD": {
        address: "0x50834F3163758fcC1Df9973b6e91f0F0F0434aD3",
        decimals: 8,
        heartbeat: 86_400,
        description: "USDC / USD",
      },
    },
    collateralToken: { address: "0xaf88d065e77c8cC2239327C5EDb3A432268e5831", symbol: "USDC", decimals: 6 },
  },
};

/**
 * The external addresses of a real-network deployment: the registry's entries, completed (and overridable) by
 * the deployer's own, e.g. the CU/USD feed. Throws InputError when something required is missing.
 */
export function externalAddressesFor(
  network: string,
  overrides: { cuUsd?: string; collateralUsd?: string; collateralToken?: string; sequencerUptime?: string } = {},
): ExternalAddresses {
  const known = FEED_REGISTRY[network];
  const cuUsd = overrides.cuUsd ?? known?.feeds["CU/USD"]?.address;
  const collateralUsd = overrides.collateralUsd ?? known?.feeds["COLLATERAL/USD"]?.address;
  const collateralToken = overrides.collateralToken ?? known?.collateralToken?.address;
  if (!cuUsd) throw new InputError(`no CU/USD feed for ${network}: pass the address of the STAB3L CU/USD feed`);
  if (!collateralUsd) throw new InputError(`no COLLATERAL/USD feed known for ${network}`);
  if (!collateralToken) throw new InputError(`no collateral token known for ${network}`);
  const sequencer = overrides.sequencerUptime ?? known?.sequencerUptime;
  return {
    feeds: {
      cuUsd: getAddress(cuUsd),
      collateralUsd: getAddress(collateralUsd),
      ...(sequencer ? { sequencerUptime: getAddress(sequencer) } : {}),
    },
    collateralToken: getAddress(collateralToken),
  };
}

/** The feeds a deployment's PriceOracle actually uses, read from the chain (local mocks included). */
export interface DeployedFeeds {
  oracle: string;
  sequencerUptime?: string;
  assets: Record<AssetId, { feed: string; fallbackFeed?: string; decimals: number; tag: string }>;
}

/** Read the configured feeds of a deployment from its PriceOracle. */
export async function deployedFeeds(deployment: Deployment, runner: ContractRunner): Promise<DeployedFeeds> {
  const address = deployment.contracts.PriceOracle;
  if (!address) throw new DeploymentError("this deployment has no PriceOracle");
  const oracle = PriceOracle__factory.connect(address, runner);
  const zero = "0x0000000000000000000000000000000000000000";
  const assets = {} as DeployedFeeds["assets"];
  for (const asset of Object.values(ASSETS)) {
    const c = await oracle.assetConfig(encodeAsset(asset));
    assets[asset] = {
      feed: c.feed,
      ...(c.fallbackFeed !== zero ? { fallbackFeed: c.fallbackFeed } : {}),
      decimals: Number(c.feedDecimals),
      tag: decodeTag(c.tag),
    };
  }
  const sequencer = await oracle.sequencerUptimeFeed();
  return { oracle: address, ...(sequencer !== zero ? { sequencerUptime: sequencer } : {}), assets };
}

/** bytes32 asset id of `asset` (ASCII, left-aligned). */
export function encodeAsset(asset: string): string {
  const bytes = Buffer.from(asset, "ascii");
  if (bytes.length > 31) throw new InputError(`asset id "${asset}" is longer than 31 bytes`);
  return "0x" + bytes.toString("hex").padEnd(64, "0");
}

/** bytes8 tag of `tag` (ASCII, left-aligned, 1..8 bytes). */
export function encodeTag(tag: string): string {
  const bytes = Buffer.from(tag, "ascii");
  if (bytes.length < 1 || bytes.length > 8) throw new InputError(`tag "${tag}" must have 1 to 8 ASCII bytes`);
  return "0x" + bytes.toString("hex").padEnd(16, "0");
}

function decodeTag(hex: string): string {
  return Buffer.from(hex.slice(2), "hex").toString("ascii").replace(/\0+$/, "");
}
