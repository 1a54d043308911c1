import { getAddress, isAddress } from "ethers";
import { InputError } from "../../governance/errors.js";
import { confirm, progress } from "../output.js";
import type { Context } from "../context.js";

export interface DelegateResult {
  delegator: string;
  delegatee: string;
  votes: bigint;
  transactionHash: string;
}

/** Delegate the acting account's rSTB votes to `target` ("self" for itself). */
export async function delegate(ctx: Context, target: string): Promise<DelegateResult> {
  const signer = await ctx.signer();
  const delegatee = target === "self" ? signer.address : target;
  if (!isAddress(delegatee)) throw new InputError(`"${target}" is not an address (or "self")`);
  if (BigInt(delegatee) === 0n)
    throw new InputError("delegating to the zero address would throw your votes away; delegate to an account or self");
  const core = await ctx.contracts();
  const balance = await core.token.balanceOf(signer.address);
  if (balance === 0n) throw new InputError(`${signer.address} holds no rSTB: there is nothing to delegate`);
  await confirm(ctx, `Delegate ${signer.address}'s votes to ${getAddress(delegatee)}?`);
  progress(ctx, "sending delegation");
  const tx = await core.token.connect(signer).delegate(getAddress(delegatee));
  const receipt = await tx.wait();
  return {
    delegator: signer.address,
    delegatee: getAddress(delegatee),
    votes: await core.token.getVotes(getAddress(delegatee)),
    transactionHash: receipt!.hash,
  };
}
