import { ZeroAddress } from "ethers";
import { z } from "zod";
import { ASSET_TAGS, encodeAsset, encodeTag } from "../../../oracles/feeds.js";
import { addressName, resolveAddress, type SdkContext } from "../../context.js";
import type { Action } from "../../proposal.js";
import { InputError } from "../../errors.js";
import { settingIn } from "../../state.js";
import { callOf, matchCall, nameField, parameterNameOf } from "./shared.js";
import { defineIntent } from "./types.js";

function tagText(hex: string): string {
  return Buffer.from(hex.slice(2), "hex").toString("latin1").replace(/\0+$/, "");
}

/**
 * Point an asset of the price layer at a Chainlink feed (PriceOracle.setAsset): primary feed, optional
 * fallback, and the tag its ParameterStore keys derive from (`oracle.<tag>.heartbeat` …). A zero feed removes
 * the asset.
 */
const schema = z.strictObject({
  kind: z.literal("set-oracle-feed"),
  /** Asset id, e.g. "CU/USD", "COLLATERAL/USD". */
  asset: z.string().min(1).max(31),
  /** Primary AggregatorV3 feed address (zero removes the asset). */
  feed: nameField,
  /** Fallback feed address; omitted = none. */
  fallbackFeed: nameField.optional(),
  /** Parameter key tag; defaults to the asset's known tag (cu, coll). */
  tag: z.string().min(1).max(8).optional(),
});
type OracleFeedIntent = z.infer<typeof schema>;

function compile(intent: OracleFeedIntent, ctx: SdkContext): Action[] {
  const tag = intent.tag ?? ASSET_TAGS[intent.asset as keyof typeof ASSET_TAGS];
  if (!tag) throw new InputError(`asset "${intent.asset}" has no known tag: give one (e.g. tag: cu)`);
  return [
    callOf(ctx, "PriceOracle", "setAsset", [
      encodeAsset(intent.asset),
      resolveAddress(ctx, intent.feed),
      intent.fallbackFeed ? resolveAddress(ctx, intent.fallbackFeed) : ZeroAddress,
      encodeTag(tag),
    ]),
  ];
}

function decode(action: Action, ctx: SdkContext): OracleFeedIntent | undefined {
  const m = matchCall(action, ctx, "PriceOracle", "setAsset(bytes32,address,address,bytes8)");
  if (!m) return undefined;
  return {
    kind: "set-oracle-feed" as const,
    asset: parameterNameOf(m.args[0]),
    feed: m.args[1],
    fallbackFeed: m.args[2] === ZeroAddress ? undefined : m.args[2],
    tag: tagText(m.args[3]),
  };
}

export const setOracleFeed = defineIntent({
  kind: "set-oracle-feed",
  title: "Set an oracle feed",
  schema,
  compile,
  decode,
  describe(intent, ctx, state) {
    const [action] = compile(intent, ctx);
    const decoded = decode(action, ctx)!;
    const feed = addressName(ctx, decoded.feed);
    const fallback = decoded.fallbackFeed ? addressName(ctx, decoded.fallbackFeed) : "none";
    const current = state && settingIn(state, `oracle.assets[${intent.asset}]`);
    return {
      summary:
        decoded.feed === ZeroAddress
          ? `Remove oracle asset ${intent.asset}`
          : `Price ${intent.asset} from feed ${feed} (fallback ${fallback}, tag ${decoded.tag})`,
      changes: [
        {
          subject: `oracle.assets[${intent.asset}]`,
          before: current ? String(current.value) : undefined,
          after: `feed=${decoded.feed}, fallbackFeed=${decoded.fallbackFeed ?? ZeroAddress}, tag=${decoded.tag}`,
        },
      ],
    };
  },
});
