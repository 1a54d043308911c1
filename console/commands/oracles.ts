import { Contract, encodeBytes32String, formatUnits } from "ethers";
import { decodeError, revertDataOf } from "../../governance/abis.js";
import { ASSETS, ASSET_TAGS } from "../../oracles/feeds.js";
import { PriceOracle__factory } from "../../typechain-types/factories/contracts/oracles/PriceOracle__factory.js";
import { parameterKey } from "../../governance/catalog/index.js";
import { formatDuration } from "../../governance/units.js";
import type { Context } from "../context.js";

export interface OracleAssetStatus {
  asset: string;
  feed: string;
  fallbackFeed?: string;
  priceUsd?: string;
  updatedAt?: number;
  ageSeconds?: number;
  heartbeatSeconds?: number;
  status: "ok" | "warning" | "error";
  detail: string;
}

export interface OraclesStatus {
  sequencer: { feed?: string; status: string };
  assets: OracleAssetStatus[];
  peg?: Record<string, string>;
}

const AGGREGATOR = ["function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)"];

/** Every price the protocol uses: value, age against its heartbeat, the checks it passes or fails, and the sequencer. */
export async function oraclesStatus(ctx: Context): Promise<OraclesStatus> {
  const address = ctx.deployment.contracts.PriceOracle;
  if (!address) return { sequencer: { status: "no PriceOracle in this deployment" }, assets: [] };
  const chain = await ctx.chain();
  const core = await ctx.contracts();
  const oracle = PriceOracle__factory.connect(address, chain.provider);
  const now = (await chain.provider.getBlock("latest"))!.timestamp;

  const seqFeed = await oracle.sequencerUptimeFeed();
  let sequencer: OraclesStatus["sequencer"] = { status: "not checked (no sequencer feed: L1 or local)" };
  if (seqFeed !== "0x0000000000000000000000000000000000000000") {
    const [, answer, startedAt] = await new Contract(seqFeed, AGGREGATOR, chain.provider).latestRoundData();
    sequencer = { feed: seqFeed, status: answer === 0n ? `up for ${formatDuration(BigInt(now) - startedAt)}` : "DOWN" };
  }

  const assets: OracleAssetStatus[] = [];
  for (const asset of Object.values(ASSETS)) {
    const id = encodeBytes32String(asset);
    const config = await oracle.assetConfig(id);
    const heartbeatKey = parameterKey(`oracle.${ASSET_TAGS[asset]}.heartbeat`);
    const heartbeat = (await core.parameters.isRegistered(heartbeatKey))
      ? Number(await core.parameters.get(heartbeatKey))
      : undefined;
    const row: OracleAssetStatus = { asset, feed: config.feed, status: "ok", detail: "", heartbeatSeconds: heartbeat };
    if (config.fallbackFeed !== "0x0000000000000000000000000000000000000000") row.fallbackFeed = config.fallbackFeed;
    try {
      const [usdWad, updatedAt] = await oracle.priceWithTime(id);
      row.priceUsd = formatUnits(usdWad, 18);
      row.updatedAt = Number(updatedAt);
      row.ageSeconds = now - Number(updatedAt);
      const nearStale = heartbeat !== undefined && row.ageSeconds > heartbeat * 0.8;
      row.status = nearStale ? "warning" : "ok";
      row.detail = nearStale ? `near its heartbeat (${formatDuration(BigInt(heartbeat!))})` : "passes every check";
    } catch (err) {
      const decoded = decodeError(revertDataOf(err));
      row.status = "error";
      row.detail = decoded.text;
    }
    assets.push(row);
  }
  return { sequencer, assets };
}
