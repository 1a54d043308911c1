import { expect } from "chai";
import hre from "hardhat";
import { impersonateAccount, loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import { encodeBytes32String } from "ethers";
import { DAY, HOUR, WAD } from "../../governance/catalog/index.js";
import { descriptionHash, proposalArrays, type Proposal } from "../../governance/proposal.js";
import { executeWithOwners } from "../../governance/safe/transactions.js";
import { deployedSystem, type System } from "../helpers/fixtures.js";
import { Lifecycle } from "../helpers/lifecycle.js";

const setting = (name: string) => encodeBytes32String(name);

function governorCall(sys: System, fn: string, args: unknown[]): Proposal["actions"][number] {
  return {
    target: sys.deployment.contracts.STAB3LGovernor,
    value: 0n,
    data: sys.core.governor.interface.encodeFunctionData(fn as never, args as never),
  };
}

/** A harmless proposal: the guardian re-pause cooldown, within its rules. */
function harmless(sys: System, n = 1): Proposal {
  return {
    actions: [
      {
        target: sys.deployment.contracts.ParameterStore,
        value: 0n,
        data: sys.core.parameters.interface.encodeFunctionData("setParameter", [
          encodeBytes32String("guardian.repauseCooldown"),
          BigInt(2 * DAY),
        ]),
      },
    ],
    description: `Harmless proposal #${n}`,
  };
}

describe("STAB3LGovernor", () => {
  describe("construction", () => {
    async function deployWith(overrides: Partial<Record<string, number | bigint>>, timelockDelay = 2 * DAY) {
      const sys = await loadFixture(deployedSystem);
      const [deployer] = await hre.ethers.getSigners();
      const timelock = await hre.ethers.deployContract("TimelockController", [timelockDelay, [], [], deployer.address]);
      const settings = {
        votingDelay: DAY,
        votingPeriod: 3 * DAY,
        proposalThreshold: 100_000n * WAD,
        quorumNumerator: 4,
        lateQuorumVoteExtension: DAY,
        ...overrides,
      };
      const factory = await hre.ethers.getContractFactory("STAB3LGovernor");
      return {
        factory,
        deploy: () =>
          factory.deploy(sys.deployment.contracts.RSTBToken, timelock.getAddress(), settings, deployer.address),
      };
    }

    const cases: [string, number | bigint, number | bigint, number | bigint][] = [
      ["votingDelay", HOUR - 1, HOUR, 14 * DAY],
      ["votingDelay", 14 * DAY + 1, HOUR, 14 * DAY],
      ["votingPeriod", 1, DAY, 30 * DAY],
      ["votingPeriod", 30 * DAY + 1, DAY, 30 * DAY],
      ["proposalThreshold", 0, 1_000n * WAD, 10_000_000n * WAD],
      ["quorumNumerator", 0, 1, 30],
      ["quorumNumerator", 31, 1, 30],
      ["lateQuorumVoteExtension", 60, HOUR, 7 * DAY],
    ];
    for (const [name, value, min, max] of cases) {
      it(`rejects ${name} = ${value} (bounds [${min}, ${max}])`, async () => {
        const { factory, deploy } = await deployWith({ [name]: value });
        await expect(deploy())
          .to.be.revertedWithCustomError(factory, "GovernorSettingOutOfBounds")
          .withArgs(setting(name), value, min, max);
      });
    }

    it("rejects a Timelock whose minimum delay is under the floor", async () => {
      const { factory, deploy } = await deployWith({}, HOUR);
      await expect(deploy())
        .to.be.revertedWithCustomError(factory, "GovernorTimelockDelayOutOfBounds")
        .withArgs(HOUR, DAY, 30 * DAY);
    });
  });

  describe("governed settings", () => {
    it("changes a setting within bounds through a proposal, and refuses one outside at execution", async () => {
      const sys = await loadFixture(deployedSystem);
      const lifecycle = new Lifecycle(sys);
      const { receipt } = await lifecycle.pass({
        actions: [governorCall(sys, "setVotingPeriod", [4 * DAY])],
        description: "Four-day votes",
      });
      await expect(receipt)
        .to.emit(sys.core.governor, "VotingPeriodSet")
        .withArgs(3 * DAY, 4 * DAY);

      const tooShort: Proposal = {
        actions: [governorCall(sys, "setVotingPeriod", [60])],
        description: "One-minute votes",
      };
      const id = await lifecycle.proposeViaCoreSafe(tooShort);
      await lifecycle.toVoteStart(id);
      await lifecycle.vote(id);
      await lifecycle.toVoteEnd(id);
      await lifecycle.toEta(await lifecycle.queue(tooShort));
      await expect(lifecycle.execute(tooShort))
        .to.be.revertedWithCustomError(sys.core.governor, "GovernorSettingOutOfBounds")
        .withArgs(setting("votingPeriod"), 60, DAY, 30 * DAY);
      expect(await sys.core.governor.votingPeriod()).to.equal(4 * DAY);
    });

    it("refuses at proposal time to move the Timelock delay under its floor; accepts a move within bounds", async () => {
      const sys = await loadFixture(deployedSystem);
      const timelock = sys.deployment.contracts.TimelockController;
      const updateDelay = (d: number) => ({
        target: timelock,
        value: 0n,
        data: sys.core.timelock.interface.encodeFunctionData("updateDelay", [d]),
      });
      const bad: Proposal = {
        actions: [harmless(sys).actions[0], updateDelay(HOUR)],
        description: "Sneak a 1-hour delay",
      };
      await expect(sys.core.governor.connect(sys.delegates[0]).propose(...proposalArrays(bad), bad.description))
        .to.be.revertedWithCustomError(sys.core.governor, "GovernorTimelockDelayOutOfBounds")
        .withArgs(HOUR, DAY, 30 * DAY);
      const { receipt } = await new Lifecycle(sys).pass({
        actions: [updateDelay(3 * DAY)],
        description: "Three-day timelock",
      });
      await expect(receipt)
        .to.emit(sys.core.timelock, "MinDelayChange")
        .withArgs(2 * DAY, 3 * DAY);
    });

    it("numbers proposals sequentially and requires the proposal threshold", async () => {
      const sys = await loadFixture(deployedSystem);
      const lifecycle = new Lifecycle(sys);
      expect(await lifecycle.proposeViaCoreSafe(harmless(sys, 1))).to.equal(1n);
      expect(await lifecycle.proposeViaCoreSafe(harmless(sys, 2))).to.equal(2n);
      expect(await sys.core.governor.latestProposalId()).to.equal(2n);
      const poor = sys.spare[5];
      const p = harmless(sys, 3);
      await expect(sys.core.governor.connect(poor).propose(...proposalArrays(p), p.description))
        .to.be.revertedWithCustomError(sys.core.governor, "GovernorInsufficientProposerVotes")
        .withArgs(poor.address, 0, 100_000n * WAD);
    });
  });

  describe("proposal guardian", () => {
    async function cancelViaGuardianSafe(sys: System, p: Proposal) {
      return executeWithOwners(
        sys.chain,
        sys.deployment.safes.guardian,
        [
          {
            to: sys.deployment.contracts.STAB3LGovernor,
            value: 0n,
            data: sys.core.governor.interface.encodeFunctionData("cancel", [
              ...proposalArrays(p),
              descriptionHash(p.description),
            ]),
          },
        ],
        sys.guardianOwnerKeys.slice(0, 2),
        sys.deployment.safeContracts,
      );
    }

    it("cancels an active proposal; nobody else can, not even its proposer once voting started", async () => {
      const sys = await loadFixture(deployedSystem);
      const lifecycle = new Lifecycle(sys);
      const p = harmless(sys);
      const id = await lifecycle.proposeViaCoreSafe(p);
      await lifecycle.toVoteStart(id);
      const args = [...proposalArrays(p), descriptionHash(p.description)] as const;
      await expect(sys.core.governor.connect(sys.delegates[0]).cancel(...args))
        .to.be.revertedWithCustomError(sys.core.governor, "GovernorUnableToCancel")
        .withArgs(id, sys.delegates[0].address);
      await impersonateAccount(sys.deployment.safes.core);
      await setBalance(sys.deployment.safes.core, WAD);
      const coreSafe = await hre.ethers.getSigner(sys.deployment.safes.core);
      await expect(sys.core.governor.connect(coreSafe).cancel(...args))
        .to.be.revertedWithCustomError(sys.core.governor, "GovernorUnableToCancel")
        .withArgs(id, sys.deployment.safes.core);

      const result = await cancelViaGuardianSafe(sys, p);
      expect(result.success).to.equal(true);
      await expect(result.receipt).to.emit(sys.core.governor, "ProposalCanceled").withArgs(id);
      expect(await sys.core.governor.state(id)).to.equal(2); // Canceled
      await expect(sys.core.governor.connect(sys.delegates[1]).castVote(id, 1)).to.be.revertedWithCustomError(
        sys.core.governor,
        "GovernorUnexpectedProposalState",
      );
    });

    it("cancels a queued proposal, withdrawing its Timelock operation", async () => {
      const sys = await loadFixture(deployedSystem);
      const lifecycle = new Lifecycle(sys);
      const p = harmless(sys);
      const id = await lifecycle.proposeViaCoreSafe(p);
      await lifecycle.toVoteStart(id);
      await lifecycle.vote(id);
      await lifecycle.toVoteEnd(id);
      await lifecycle.queue(p);
      const result = await cancelViaGuardianSafe(sys, p);
      await expect(result.receipt).to.emit(sys.core.timelock, "Cancelled");
      await expect(result.receipt).to.emit(sys.core.governor, "ProposalCanceled").withArgs(id);
      await time.increase(3 * DAY);
      await expect(lifecycle.execute(p)).to.be.revertedWithCustomError(
        sys.core.governor,
        "GovernorUnexpectedProposalState",
      );
    });
  });

  describe("voting", () => {
    it("extends the deadline when quorum is reached late (PreventLateQuorum)", async () => {
      const sys = await loadFixture(deployedSystem);
      const lifecycle = new Lifecycle(sys);
      const id = await lifecycle.proposeViaCoreSafe(harmless(sys));
      const deadline = await sys.core.governor.proposalDeadline(id);
      await time.setNextBlockTimestamp(deadline - BigInt(HOUR));
      const tx = await sys.core.governor.connect(sys.delegates[0]).castVote(id, 1);
      const extended = deadline - BigInt(HOUR) + BigInt(DAY);
      await expect(tx).to.emit(sys.core.governor, "ProposalExtended").withArgs(id, extended);
      expect(await sys.core.governor.proposalDeadline(id)).to.equal(extended);
      await time.increaseTo(deadline + 1n);
      expect(await sys.core.governor.state(id)).to.equal(1); // still Active
      await time.increaseTo(extended + 1n);
      expect(await sys.core.governor.state(id)).to.equal(4); // Succeeded
    });

    it("does not extend when quorum is reached early", async () => {
      const sys = await loadFixture(deployedSystem);
      const lifecycle = new Lifecycle(sys);
      const id = await lifecycle.proposeViaCoreSafe(harmless(sys));
      const deadline = await sys.core.governor.proposalDeadline(id);
      await lifecycle.toVoteStart(id);
      await expect(sys.core.governor.connect(sys.delegates[0]).castVote(id, 1)).not.to.emit(
        sys.core.governor,
        "ProposalExtended",
      );
      expect(await sys.core.governor.proposalDeadline(id)).to.equal(deadline);
    });

    it("gives zero weight to tokens acquired after the proposal's snapshot", async () => {
      const sys = await loadFixture(deployedSystem);
      const lifecycle = new Lifecycle(sys);
      const id = await lifecycle.proposeViaCoreSafe(harmless(sys));
      await lifecycle.toVoteStart(id);
      const [seller] = sys.delegates;
      const buyer = sys.spare[5];
      await sys.core.token.connect(seller).transfer(buyer.address, 600_000n * WAD);
      await sys.core.token.connect(buyer).delegate(buyer.address);
      expect(await sys.core.token.getVotes(buyer.address)).to.equal(600_000n * WAD);
      await expect(sys.core.governor.connect(buyer).castVote(id, 1))
        .to.emit(sys.core.governor, "VoteCast")
        .withArgs(buyer.address, id, 1, 0, "");
      // The seller still votes with what it held at the snapshot.
      await expect(sys.core.governor.connect(seller).castVote(id, 0))
        .to.emit(sys.core.governor, "VoteCast")
        .withArgs(seller.address, id, 0, 1_000_000n * WAD, "");
      const [against, forVotes] = await sys.core.governor.proposalVotes(id);
      expect(forVotes).to.equal(0n);
      expect(against).to.equal(1_000_000n * WAD);
    });
  });
});
