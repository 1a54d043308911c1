import { z } from "zod";
import { castVote, proposalState, sendDecoded } from "../../governance/lifecycle.js";
import { SUPPORT, type SupportName } from "../../governance/proposal.js";
import { InputError } from "../../governance/errors.js";
import { formatDuration } from "../../governance/units.js";
import { confirm, progress } from "../output.js";
import type { Context } from "../context.js";

export const proposalIdSchema = z
  .string()
  .regex(/^[1-9]\d*$/, "a proposal id is a positive whole number (see `stab3l proposals list`)")
  .transform((s) => BigInt(s));
export const supportSchema = z.enum(["for", "against", "abstain"], { message: "say for, against or abstain" });

export interface VoteResult {
  proposalId: bigint;
  voter: string;
  support: SupportName;
  weight: bigint;
  reason: string;
  transactionHash: string;
}

/** Vote on an Active proposal with the acting account. Checks state, weight and double votes before signing. */
export async function vote(ctx: Context, idInput: string, supportInput: string, reason = ""): Promise<VoteResult> {
  const proposalId = proposalIdSchema.parse(idInput);
  const support = supportSchema.parse(supportInput);
  if (reason.length > 2_000) throw new InputError("--reason is longer than 2,000 characters");
  const core = await ctx.contracts();
  const signer = await ctx.signer();
  const latest = await core.governor.latestProposalId();
  if (proposalId > latest) throw new InputError(`no proposal ${proposalId}: the latest is ${latest}`);
  const state = await proposalState(core.governor, proposalId);
  if (state !== "Active") {
    const chain = await ctx.chain();
    const now = BigInt((await chain.provider.getBlock("latest"))!.timestamp);
    const start = await core.governor.proposalSnapshot(proposalId);
    const hint = state === "Pending" ? `: voting opens in ${formatDuration(start - now)}` : "";
    throw new InputError(`proposal ${proposalId} is ${state}, not Active${hint}`);
  }
  if (await core.governor.hasVoted(proposalId, signer.address)) {
    throw new InputError(`${signer.address} has already voted on proposal ${proposalId}`);
  }
  const weight = await core.token.getPastVotes(signer.address, await core.governor.proposalSnapshot(proposalId));
  if (weight === 0n) {
    throw new InputError(
      `${signer.address} had no votes at proposal ${proposalId}'s snapshot (delegate before a proposal is made)`,
    );
  }
  await confirm(ctx, `Vote ${support} on proposal ${proposalId} as ${signer.address}?`);
  progress(ctx, "sending vote");
  const receipt = await sendDecoded("vote", () =>
    castVote(core.governor, signer, proposalId, support, reason || undefined),
  );
  return { proposalId, voter: signer.address, support, weight, reason, transactionHash: receipt.hash };
}

export { SUPPORT };
