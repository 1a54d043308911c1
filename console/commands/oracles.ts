import { Contract, encodeBytes32String, formatUnits } from "ethers";
import { decodeError, revertDataOf, type DecodedError } from "../../governance/abis.js";
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
      row.status = "error";
      row.detail = describeOracleError(decodeError(revertDataOf(err)));
    }
    assets.push(row);
  }
  return { sequencer, assets, peg: await pegStatus(ctx) };
}

/** The largest unit only: "6 d", "25 h", "12 min", "30 s". */
function coarse(seconds: bigint): string {
  if (seconds >= 172_800n) return `${seconds / 86_400n} d`;
  if (seconds >= 7_200n) return `${seconds / 3_600n} h`;
  if (seconds >= 120n) return `${seconds / 60n} min`;
  return `${seconds} s`;
}

/** A price failure in words: what is wrong and by how much. */
export function describeOracleError(e: DecodedError): string {
  const a = e.namedArgs as Record<string, bigint | string>;
  switch (e.name) {
    case "PriceOracleStalePrice":
      return `stale: ${coarse(BigInt(a.nowTime) - BigInt(a.updatedAt))} old, max ${coarse(BigInt(a.maxAge))}`;
    case "PriceOracleOutOfBounds":
      return `out of bounds: ${formatUnits(BigInt(a.usdWad), 18)} not in [${formatUnits(BigInt(a.minPrice), 18)}, ${formatUnits(BigInt(a.maxPrice), 18)}]`;
    case "PriceOracleNonPositivePrice":
      return `non-positive answer ${a.answer}`;
    case "PriceOracleSequencerDown":
      return "sequencer down";
    case "PriceOracleSequencerGracePeriod":
      return `sequencer grace period until ${new Date(Number(a.graceEndsAt) * 1000).toISOString()}`;
    default:
      return e.text;
  }
}

/** The peg controller's last observation and breaker, when the deployment has one. */
async function pegStatus(ctx: Context): Promise<Record<string, string> | undefined> {
  const address = ctx.deployment.contracts.PegController;
  if (!address) return undefined;
  const chain = await ctx.chain();
  const peg = new Contract(
    address,
    [
      "function lastObservation() view returns (uint256 deviationBps, uint256 pegPriceWad, uint256 at)",
      "function isTripped() view returns (bool)",
      "function graceUntil() view returns (uint256)",
    ],
    chain.provider,
  );
  const [[deviationBps, pegPriceWad, at], tripped] = await Promise.all([peg.lastObservation(), peg.isTripped()]);
  return {
    "model price":
      at === 0n
        ? "not observed yet (PegController.poke)"
        : `$${Number(formatUnits(pegPriceWad, 18)).toPrecision(4)} per sSTB`,
    deviation:
      at === 0n ? "—" : `${Number(deviationBps) / 100}% (observed ${new Date(Number(at) * 1000).toISOString()})`,
    breaker: tripped ? "TRIPPED: spot trades away from the peg and new futures positions halt" : "clear",
  };
}
