import { callLines, decodeProposal, titleOf } from "../../governance/decode/proposal.js";
import {
  fetchProposal,
  proposalIds,
  proposalStatus,
  type ProposalIds,
  type ProposalStatus,
} from "../../governance/lifecycle.js";
import { proposalIdSchema } from "./vote.js";
import { addressName } from "../../governance/context.js";
import { readGovernanceState } from "../../governance/state.js";
import type { Context } from "../context.js";

export interface ProposalSummary extends ProposalStatus {
  title: string;
}

/** Every proposal on the Governor, newest first, with its state and tally (read from the chain). */
export async function proposalsList(ctx: Context): Promise<ProposalSummary[]> {
  const client = await ctx.client();
  const { governor } = client.core;
  const created = await governor.queryFilter(governor.filters.ProposalCreated(), client.deployment.startBlock);
  const out = await Promise.all(
    created.map(async (e) => ({
      ...(await proposalStatus(client, e.args.proposalId)),
      title: titleOf(e.args.description),
    })),
  );
  return out.sort((a, b) => Number(b.proposalId - a.proposalId));
}

export interface ProposalDetailData extends ProposalSummary {
  description: string;
  actions: string[];
  ids: ProposalIds;
  createdIn: string;
}

/** One proposal: state, votes, quorum progress, ETA, decoded actions and its ids side by side. */
export async function proposalsShow(ctx: Context, idInput: string): Promise<ProposalDetailData> {
  const id = proposalIdSchema.parse(idInput);
  const client = await ctx.client();
  const onChain = await fetchProposal(client, id);
  const status = await proposalStatus(client, id);
  // The current state gives each action its "before" value (what executing it now would change).
  const state = await readGovernanceState(client, ctx.sdk);
  const decoded = decodeProposal(onChain.proposal, ctx.sdk, { proposalId: id, state });
  return {
    ...status,
    proposer: addressName(ctx.sdk, status.proposer),
    title: decoded.title,
    description: onChain.proposal.description,
    actions: decoded.actions.flatMap((a) => callLines(a)),
    ids: await proposalIds(client, onChain.proposal),
    createdIn: onChain.transactionHash,
  };
}
