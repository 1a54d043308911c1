import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionReceipt, Signer } from "ethers";
import { castVote, execute, proposalIdFromReceipt, proposeCall, queue } from "../../governance/lifecycle.js";
import type { Proposal, SupportName } from "../../governance/proposal.js";
import { executeWithOwners } from "../../governance/safe/transactions.js";
import type { System } from "./fixtures.js";

/**
 * The one lifecycle helper every governance test uses: propose → vote → queue → execute, each step
 * available on its own so tests can stop anywhere and assert.
 */
export class Lifecycle {
  constructor(private readonly sys: System) {}

  /** Propose through the core Safe: two owners sign, the Safe calls Governor.propose. */
  async proposeViaCoreSafe(p: Proposal): Promise<bigint> {
    const { chain, deployment, coreOwnerKeys } = this.sys;
    const result = await executeWithOwners(
      chain,
      deployment.safes.core,
      [proposeCall(deployment.contracts.STAB3LGovernor, p)],
      coreOwnerKeys.slice(0, 2),
      deployment.safeContracts,
    );
    if (!result.success) throw new Error("core Safe failed to propose");
    return proposalIdFromReceipt(result.receipt, deployment.contracts.STAB3LGovernor);
  }

  /** Move time to the first second votes count. */
  async toVoteStart(proposalId: bigint): Promise<void> {
    const snapshot = await this.sys.core.governor.proposalSnapshot(proposalId);
    await time.increaseTo(snapshot + 1n);
  }

  /** Every delegate (or the given voters) votes `support`. */
  async vote(proposalId: bigint, support: SupportName = "for", voters: Signer[] = this.sys.delegates) {
    const receipts: ContractTransactionReceipt[] = [];
    for (const v of voters) receipts.push(await castVote(this.sys.core.governor, v, proposalId, support));
    return receipts;
  }

  /** Move time past the (possibly extended) deadline. */
  async toVoteEnd(proposalId: bigint): Promise<void> {
    const deadline = await this.sys.core.governor.proposalDeadline(proposalId);
    await time.increaseTo(deadline + 1n);
  }

  /** Queue in the Timelock (anyone may); returns the ETA. */
  async queue(p: Proposal): Promise<bigint> {
    return queue(this.sys.core.governor, this.sys.spare[0], p);
  }

  /** Move time to the ETA. */
  async toEta(eta: bigint): Promise<void> {
    await time.increaseTo(eta);
  }

  async execute(p: Proposal): Promise<ContractTransactionReceipt> {
    return execute(this.sys.core.governor, this.sys.spare[0], p);
  }

  /** The whole path; returns the proposal id and the execution receipt. */
  async pass(p: Proposal, options: { voters?: Signer[] } = {}) {
    const proposalId = await this.proposeViaCoreSafe(p);
    await this.toVoteStart(proposalId);
    await this.vote(proposalId, "for", options.voters ?? this.sys.delegates.slice(0, 2));
    await this.toVoteEnd(proposalId);
    const eta = await this.queue(p);
    await this.toEta(eta);
    const receipt = await this.execute(p);
    return { proposalId, receipt };
  }
}
