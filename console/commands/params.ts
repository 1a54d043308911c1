import {
  readParameter,
  readParameterHistory,
  readParameters,
  type ParameterReading,
} from "../../governance/parameters.js";
import type { Context } from "../context.js";
import { createApiClient, listParameters } from "../../governance/api/client.js";
import type { StepKind, Unit } from "../../governance/catalog/types.js";

/** Every governed parameter with its value and rules: from the GraphQL API with --api, else from the chain. */
export async function paramsList(ctx: Context): Promise<ParameterReading[]> {
  if (ctx.options.api) {
    const client = createApiClient({ url: ctx.options.api, apiKey: process.env.STAB3L_API_KEY });
    return (await listParameters(client)).map((p) => ({
      key: p.key,
      unit: p.unit as Unit,
      value: p.value,
      min: p.min,
      max: p.max,
      stepKind: p.stepKind as StepKind,
      maxStep: p.maxStep,
      cooldown: BigInt(p.cooldown),
      lastUpdateAt: BigInt(p.updatedAt),
      pending: p.pending ? { value: p.pending.value, effectiveAt: BigInt(p.pending.effectiveAt) } : undefined,
      description: p.description ?? "(not in the catalog)",
      domain: p.domain ?? "unknown",
    }));
  }
  return readParameters(await ctx.contracts());
}

export interface ParamDetail extends ParameterReading {
  history: { effectiveAt: bigint; value: bigint }[];
}

/** One parameter with its full history. */
export async function paramsShow(ctx: Context, key: string): Promise<ParamDetail> {
  const core = await ctx.contracts();
  const state = await readParameter(core, key);
  return { ...state, history: await readParameterHistory(core, key) };
}
