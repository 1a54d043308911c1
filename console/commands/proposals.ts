import { callLines, decodeProposal, titleOf } from "../../governance/decode/proposal.js";
import {
  fetchProposal,
  proposalIds,
  proposalStatus,
  type ProposalIds,
  type ProposalStatus,
} from "../../governance/lifecycle.js";
import { proposalIdSchema } from "./vote.js";
import type { DecodedCall } from "../../governance/decode/call.js";
import {
  createApiClient,
  getIndexerStatus,
  getProposal,
  listProposals,
  type ApiProposalSummary,
  type ProposalStatusName,
} from "../../governance/api/client.js";
import { addressName } from "../../governance/context.js";
import { readGovernanceState } from "../../governance/state.js";
import type { Context } from "../context.js";
import type { ProposalRow } from "../ui/models.js";

export interface ProposalSummary extends ProposalStatus {
  title: string;
}

/** The row the views show for a proposal (the TUI's list and detail, the CLI's list). */
export function proposalRow(p: ProposalSummary): ProposalRow {
  return {
    id: p.proposalId,
    title: p.title,
    state: p.state,
    forVotes: p.votes.for,
    againstVotes: p.votes.against,
    abstainVotes: p.votes.abstain,
    quorum: p.quorum,
    snapshot: p.snapshot,
    deadline: p.deadline,
    eta: p.eta > 0n ? p.eta : undefined,
  };
}

const STATE_NAMES: Record<ProposalStatusName, ProposalStatus["state"]> = {
  pending: "Pending",
  active: "Active",
  extended: "Active",
  canceled: "Canceled",
  defeated: "Defeated",
  succeeded: "Succeeded",
  queued: "Queued",
  expired: "Expired",
  executed: "Executed",
};

/** A proposal as the API reports it, in the shape the chain reader returns. */
function fromApi(p: ApiProposalSummary, now: bigint): ProposalSummary {
  const quorum = p.quorum ?? 0n;
  const counted = p.votes.for + p.votes.abstain;
  return {
    proposalId: p.id,
    title: p.title,
    state: STATE_NAMES[p.status] ?? "Pending",
    proposer: p.proposer ?? "",
    snapshot: BigInt(p.voteStart),
    deadline: BigInt(p.voteEnd),
    eta: BigInt(p.eta ?? 0),
    votes: { for: p.votes.for, against: p.votes.against, abstain: p.votes.abstain },
    quorum,
    quorumReached: counted >= quorum,
    quorumProgressBps: quorum === 0n ? 10_000n : (counted * 10_000n) / quorum,
    now,
  };
}

function apiClient(ctx: Context) {
  return createApiClient({ url: ctx.options.api!, apiKey: process.env.STAB3L_API_KEY });
}

/**
 * "Now" for what the API reports: the chain time of the last block its indexer committed (the API evaluates
 * states at that time), so countdowns agree with the states beside them; the machine's clock only if the
 * indexer has nothing yet.
 */
async function apiNow(client: ReturnType<typeof apiClient>): Promise<bigint> {
  const status = await getIndexerStatus(client);
  return BigInt(status.indexedTime ?? Math.floor(Date.now() / 1000));
}

/**
 * Every proposal, newest first, with its state and tally: from the GraphQL API when --api is given (every
 * page), otherwise from the chain.
 */
export async function proposalsList(ctx: Context): Promise<ProposalSummary[]> {
  if (ctx.options.api) {
    const client = apiClient(ctx);
    const now = await apiNow(client);
    const out: ProposalSummary[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listProposals(client, { limit: 100, afterCursor: after });
      out.push(...page.nodes.map((p) => fromApi(p, now)));
      if (!page.lastCursor || page.nodes.length < 100) break;
      after = page.lastCursor;
    }
    return out;
  }
  const client = await ctx.client();
  const { governor } = client.core;
  const created = await governor.queryFilter(governor.filters.ProposalCreated(), client.deployment.startBlock.number);
  const out = await Promise.all(
    created.map(async (e) => ({
      ...(await proposalStatus(client, e.args.proposalId)),
      title: titleOf(e.args.description),
    })),
  );
  return out.sort((a, b) => Number(b.proposalId - a.proposalId));
}

/** States after which a proposal never runs (again): its actions' "before" is no longer the current state. */
const FINISHED = new Set<string>(["Executed", "Canceled", "Defeated", "Expired"]);

/** A decoded call without its state diff (nor its inner calls' diffs). */
function withoutDiff(call: DecodedCall): DecodedCall {
  return {
    ...call,
    intent: call.intent && { ...call.intent, changes: [] },
    inner: call.inner?.map(withoutDiff),
  };
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
  if (ctx.options.api) {
    // Everything from the API; actions decoded by the SDK from the indexed calldata (no chain needed).
    const client = apiClient(ctx);
    const [p, now] = await Promise.all([getProposal(client, id), apiNow(client)]);
    const proposal = {
      actions: p.calls.map((c) => ({ target: c.target, value: c.value, data: c.calldata })),
      description: p.description,
    };
    const decoded = decodeProposal(proposal, ctx.sdk, { proposalId: id });
    const summary = fromApi(p, now);
    const live = !FINISHED.has(summary.state);
    return {
      ...summary,
      proposer: p.proposer ? addressName(ctx.sdk, p.proposer) : "",
      description: decoded.description,
      actions: decoded.actions.flatMap((a) => callLines(live ? a : withoutDiff(a))),
      ids: {
        proposalId: id,
        proposed: true,
        proposalHash: decoded.ids.proposalHash,
        descriptionHash: decoded.ids.descriptionHash,
        timelockOperationId: decoded.ids.timelockOperationId,
      },
      createdIn: p.createdTx ?? "",
    };
  }
  const client = await ctx.client();
  const onChain = await fetchProposal(client, id);
  const status = await proposalStatus(client, id);
  // While it can still run, the current state gives each action its "before" value (what executing it now
  // would change). Once executed (or dead) the current state is not "before" (it would read "2 d → 2 d"):
  // the actions then say what they set, without a diff.
  const live = !FINISHED.has(status.state);
  const state = live ? await readGovernanceState(client, ctx.sdk) : undefined;
  const decoded = decodeProposal(onChain.proposal, ctx.sdk, { proposalId: id, state });
  return {
    ...status,
    proposer: addressName(ctx.sdk, status.proposer),
    title: decoded.title,
    description: decoded.description,
    actions: decoded.actions.flatMap((a) => callLines(live ? a : withoutDiff(a))),
    ids: await proposalIds(client, onChain.proposal),
    createdIn: onChain.transactionHash,
  };
}
