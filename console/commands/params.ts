import {
  readParameter,
  readParameterHistory,
  readParameters,
  type ParameterState,
} from "../../governance/parameters.js";
import type { Context } from "../context.js";

/** Every governed parameter with its value and rules. */
export async function paramsList(ctx: Context): Promise<ParameterState[]> {
  return readParameters(await ctx.contracts());
}

export interface ParamDetail extends ParameterState {
  history: { effectiveAt: bigint; value: bigint }[];
}

/** One parameter with its full history. */
export async function paramsShow(ctx: Context, key: string): Promise<ParamDetail> {
  const core = await ctx.contracts();
  const state = await readParameter(core, key);
  return { ...state, history: await readParameterHistory(core, key) };
}
