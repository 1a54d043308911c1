import type { Client } from "../client.js";
import { sdkContext } from "../context.js";
import { fetchProposal, type OnChainProposal } from "../lifecycle.js";
import { readGovernanceState } from "../state.js";
import { decodeProposal, type DecodedProposal } from "./proposal.js";

/**
 * A proposal read from the chain by id (its ProposalCreated event) and decoded against the current governed
 * state, so every change reads as "parameter: old → new" in its unit. Two rounds of I/O.
 */
export async function readProposal(
  client: Client,
  proposalId: bigint,
): Promise<{ onChain: OnChainProposal; decoded: DecodedProposal }> {
  const ctx = sdkContext(client.deployment);
  const [onChain, state] = await Promise.all([fetchProposal(client, proposalId), readGovernanceState(client, ctx)]);
  return { onChain, decoded: decodeProposal(onChain.proposal, ctx, { state, proposalId }) };
}
