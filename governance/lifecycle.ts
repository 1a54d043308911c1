import type { ContractTransactionReceipt, Signer, TransactionReceipt } from "ethers";
import type { STAB3LGovernor } from "../typechain-types/contracts/governance/STAB3LGovernor.js";
import { STAB3LGovernor__factory } from "./contracts.js";
import { Stab3lError } from "./errors.js";
import {
  descriptionHash,
  PROPOSAL_STATES,
  proposalArrays,
  SUPPORT,
  type Proposal,
  type ProposalStateName,
  type SupportName,
} from "./proposal.js";
import type { SafeCall } from "./safe/transactions.js";

const governorInterface = STAB3LGovernor__factory.createInterface();

/** The proposal id announced by ProposalCreated in `receipt` (works for direct and Safe-relayed proposals). */
export function proposalIdFromReceipt(receipt: TransactionReceipt, governorAddress: string): bigint {
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== governorAddress.toLowerCase()) continue;
    const parsed = governorInterface.parseLog(log);
    if (parsed?.name === "ProposalCreated") return parsed.args.proposalId as bigint;
  }
  throw new Stab3lError(`transaction ${receipt.hash} created no proposal`);
}

/** The Safe call that makes the core Safe propose `p` (the Safe is the proposer and needs the threshold). */
export function proposeCall(governorAddress: string, p: Proposal): SafeCall {
  return {
    to: governorAddress,
    value: 0n,
    data: governorInterface.encodeFunctionData("propose", [...proposalArrays(p), p.description]),
  };
}

/** The Safe call that queues `p` (queue is permissionless; a Safe may still want to be the one to send it). */
export function queueCall(governorAddress: string, p: Proposal): SafeCall {
  return {
    to: governorAddress,
    value: 0n,
    data: governorInterface.encodeFunctionData("queue", [...proposalArrays(p), descriptionHash(p.description)]),
  };
}

/** Propose `p` from `signer`; returns the sequential proposal id. */
export async function propose(governor: STAB3LGovernor, signer: Signer, p: Proposal): Promise<bigint> {
  const tx = await governor.connect(signer).propose(...proposalArrays(p), p.description);
  const receipt = (await tx.wait()) as ContractTransactionReceipt;
  return proposalIdFromReceipt(receipt, await governor.getAddress());
}

/** Cast `signer`'s vote on `proposalId`, with an optional reason. */
export async function castVote(
  governor: STAB3LGovernor,
  signer: Signer,
  proposalId: bigint,
  support: SupportName,
  reason?: string,
): Promise<ContractTransactionReceipt> {
  const g = governor.connect(signer);
  const tx = reason
    ? await g.castVoteWithReason(proposalId, SUPPORT[support], reason)
    : await g.castVote(proposalId, SUPPORT[support]);
  return (await tx.wait()) as ContractTransactionReceipt;
}

/** Queue a succeeded proposal in the Timelock; returns the ETA (unix seconds). */
export async function queue(governor: STAB3LGovernor, signer: Signer, p: Proposal): Promise<bigint> {
  const tx = await governor.connect(signer).queue(...proposalArrays(p), descriptionHash(p.description));
  await tx.wait();
  const id = await governor.getProposalId(...proposalArrays(p), descriptionHash(p.description));
  return governor.proposalEta(id);
}

/** Execute a queued proposal whose ETA has passed. */
export async function execute(
  governor: STAB3LGovernor,
  signer: Signer,
  p: Proposal,
): Promise<ContractTransactionReceipt> {
  const tx = await governor.connect(signer).execute(...proposalArrays(p), descriptionHash(p.description));
  return (await tx.wait()) as ContractTransactionReceipt;
}

/** The state of a proposal by name. */
export async function proposalState(governor: STAB3LGovernor, proposalId: bigint): Promise<ProposalStateName> {
  return PROPOSAL_STATES[Number(await governor.state(proposalId))];
}
