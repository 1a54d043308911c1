import { InputError } from "../../governance/errors.js";
import { parseAmount } from "../../governance/units.js";
import type { Context } from "../context.js";

/**
 * Local chains only: move the node's clock forward (votes take days). Refused on any chain but Hardhat's
 * 31337, so it can never be aimed at a real network.
 */
export async function devAdvance(ctx: Context, duration: string): Promise<{ advancedBy: bigint; timestamp: number }> {
  const chain = await ctx.chain();
  if (chain.chainId !== 31337n) throw new InputError("dev advance works on a local Hardhat chain only");
  let seconds: bigint;
  try {
    seconds = parseAmount("Seconds", duration);
  } catch (cause) {
    throw new InputError(`dev advance ${duration}: ${(cause as Error).message}`, { cause });
  }
  if (seconds <= 0n || seconds > 365n * 86_400n) throw new InputError("advance between 1 second and 365 days");
  const provider = chain.provider as unknown as { send(method: string, params: unknown[]): Promise<unknown> };
  await provider.send("evm_increaseTime", [Number(seconds)]);
  await provider.send("evm_mine", []);
  const block = await chain.provider.getBlock("latest");
  return { advancedBy: seconds, timestamp: block!.timestamp };
}
