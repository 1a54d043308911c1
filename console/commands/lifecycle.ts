import { getAddress } from "ethers";
import { InputError } from "../../governance/errors.js";
import { execute, fetchProposal, proposalStatus, queue, queueCall, sendDecoded } from "../../governance/lifecycle.js";
import { formatDuration } from "../../governance/units.js";
import { confirm, progress } from "../output.js";
import type { Context } from "../context.js";
import { createSafeTx, type SafeFileResult } from "./safe.js";
import { proposalIdSchema } from "./vote.js";

export interface QueueResult {
  proposalId: bigint;
  eta: bigint;
  transactionHash?: string;
}

/** Queue a Succeeded proposal in the Timelock: directly (anyone may) or as a core Safe transaction file. */
export async function queueProposal(
  ctx: Context,
  idInput: string,
  viaSafe: boolean,
): Promise<QueueResult | SafeFileResult> {
  const id = proposalIdSchema.parse(idInput);
  const client = await ctx.client();
  const { proposal } = await fetchProposal(client, id); // an unknown id is bad input, named as such
  const status = await proposalStatus(client, id);
  if (status.state !== "Succeeded") {
    const hint = status.state === "Active" ? `: voting ends in ${formatDuration(status.deadline - status.now)}` : "";
    throw new InputError(`proposal ${id} is ${status.state}; only a Succeeded proposal can be queued${hint}`);
  }
  if (viaSafe)
    return createSafeTx(
      ctx,
      "core",
      [queueCall(getAddress(ctx.deployment.contracts.STAB3LGovernor), proposal)],
      `Queue proposal ${id}`,
    );
  const signer = await ctx.signer();
  await confirm(ctx, `Queue proposal ${id} in the Timelock as ${signer.address}?`);
  progress(ctx, "queueing");
  // A revert is named by its custom error, never raw data.
  const eta = await sendDecoded("queue", () => queue(client.core.governor, signer, proposal));
  return { proposalId: id, eta };
}

export interface ExecuteResult {
  proposalId: bigint;
  transactionHash: string;
  gasUsed: bigint;
}

/** Execute a Queued proposal whose ETA has passed (anyone may). */
export async function executeProposal(ctx: Context, idInput: string): Promise<ExecuteResult> {
  const id = proposalIdSchema.parse(idInput);
  const client = await ctx.client();
  const { proposal } = await fetchProposal(client, id); // an unknown id is bad input, named as such
  const status = await proposalStatus(client, id);
  if (status.state !== "Queued")
    throw new InputError(`proposal ${id} is ${status.state}; only a Queued proposal can be executed`);
  if (status.now < status.eta)
    throw new InputError(`proposal ${id} is in the Timelock for another ${formatDuration(status.eta - status.now)}`);
  const signer = await ctx.signer();
  await confirm(ctx, `Execute proposal ${id} as ${signer.address}?`);
  progress(ctx, "executing");
  const receipt = await sendDecoded("execute", () => execute(client.core.governor, signer, proposal));
  return { proposalId: id, transactionHash: receipt.hash, gasUsed: receipt.gasUsed };
}
