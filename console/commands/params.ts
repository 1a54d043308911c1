import {
  readParameter,
  readParameterHistory,
  readParameters,
  type ParameterReading,
} from "../../governance/parameters.js";
import type { Context } from "../context.js";

/** Every governed parameter with its value and rules. */
export async function paramsList(ctx: Context): Promise<ParameterReading[]> {
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
