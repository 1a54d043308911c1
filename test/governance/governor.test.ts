import { expect } from "chai";
import hre from "hardhat";
import { impersonateAccount, loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import { encodeBytes32String, id, type Signer, ZeroAddress, ZeroHash } from "ethers";
import { DAY, HOUR, WAD } from "../../governance/catalog/index.js";
import { ROLES } from "../../governance/contracts.js";
import { descriptionHash, proposalArrays, withProposer, type Proposal } from "../../governance/proposal.js";
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

function call(target: string, data: string): Proposal["actions"][number] {
  return { target, value: 0n, data };
}

/** An impersonated signer for a contract account (a Safe), funded for gas. */
async function asAccount(address: string): Promise<Signer> {
  await impersonateAccount(address);
  await setBalance(address, WAD);
  return hre.ethers.getSigner(address);
}

const TIMELOCK_ROLES = {
  ADMIN: ZeroHash,
  PROPOSER: id("PROPOSER_ROLE"),
  EXECUTOR: id("EXECUTOR_ROLE"),
  CANCELLER: id("CANCELLER_ROLE"),
};

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
          factory.deploy(
            sys.deployment.contracts.RSTBToken,
            timelock.getAddress(),
            settings,
            deployer.address,
            sys.deployment.contracts.STAB3LAuthority,
          ),
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

    it("governance replaces a hostile guardian despite its cancels", async () => {
      const sys = await loadFixture(deployedSystem);
      const lifecycle = new Lifecycle(sys);
      const { governor, authority } = sys.core;
      const hostileAddress = sys.deployment.safes.guardian;
      const hostile = await asAccount(hostileAddress);
      const successor = sys.spare[4];
      const cancelArgs = (p: Proposal) => [...proposalArrays(p), descriptionHash(p.description)] as const;

      // The guardian keeps its veto over ordinary proposals…
      const ordinary = harmless(sys, 7);
      const ordinaryId = await lifecycle.proposeViaCoreSafe(ordinary);
      await expect(governor.connect(hostile).cancel(...cancelArgs(ordinary)))
        .to.emit(governor, "ProposalCanceled")
        .withArgs(ordinaryId);

      // …but not over its own replacement, at any stage.
      const authorityAddress = sys.deployment.contracts.STAB3LAuthority;
      const replace: Proposal = {
        actions: [
          governorCall(sys, "setProposalGuardian", [successor.address]),
          call(
            authorityAddress,
            authority.interface.encodeFunctionData("revokeRole", [ROLES.GUARDIAN, hostileAddress]),
          ),
          call(
            authorityAddress,
            authority.interface.encodeFunctionData("grantRole", [ROLES.GUARDIAN, successor.address, 0]),
          ),
        ],
        description: "Replace the guardian",
      };
      const id = await lifecycle.proposeViaCoreSafe(replace);
      const refused = () =>
        expect(governor.connect(hostile).cancel(...cancelArgs(replace)))
          .to.be.revertedWithCustomError(governor, "GovernorGuardianChangeNotCancellable")
          .withArgs(id, hostileAddress);
      await refused(); // Pending
      await lifecycle.toVoteStart(id);
      await refused(); // Active
      await lifecycle.vote(id);
      await lifecycle.toVoteEnd(id);
      await refused(); // Succeeded
      const eta = await lifecycle.queue(replace);
      await refused(); // Queued
      await lifecycle.toEta(eta);
      const receipt = await lifecycle.execute(replace);
      const since = (await hre.ethers.provider.getBlock(receipt.blockNumber))!.timestamp;
      await expect(receipt).to.emit(governor, "ProposalGuardianSet").withArgs(hostileAddress, successor.address);
      await expect(receipt).to.emit(authority, "RoleRevoked").withArgs(ROLES.GUARDIAN, hostileAddress);
      await expect(receipt)
        .to.emit(authority, "RoleGranted")
        .withArgs(ROLES.GUARDIAN, successor.address, 0, since, true);

      // The old guardian can neither cancel nor pause; its successor can cancel.
      const next = harmless(sys, 8);
      const nextId = await lifecycle.proposeViaCoreSafe(next);
      await lifecycle.toVoteStart(nextId);
      await expect(governor.connect(hostile).cancel(...cancelArgs(next)))
        .to.be.revertedWithCustomError(governor, "GovernorUnableToCancel")
        .withArgs(nextId, hostileAddress);
      await expect(authority.connect(hostile).guardianPause(sys.deployment.contracts.ParameterStore, [], "again"))
        .to.be.revertedWithCustomError(authority, "AuthorityUnauthorized")
        .withArgs(hostileAddress, ROLES.GUARDIAN);
      await expect(governor.connect(successor).cancel(...cancelArgs(next)))
        .to.emit(governor, "ProposalCanceled")
        .withArgs(nextId);
    });

    it("a guardian change bundled with another action, with value, or another role's change stays cancellable", async () => {
      const sys = await loadFixture(deployedSystem);
      const lifecycle = new Lifecycle(sys);
      const { governor, authority } = sys.core;
      const guardian = await asAccount(sys.deployment.safes.guardian);
      const other = sys.spare[4].address;
      const setGuardian = governorCall(sys, "setProposalGuardian", [other]);
      const bundles: Proposal["actions"][] = [
        [setGuardian, harmless(sys).actions[0]],
        [{ ...setGuardian, value: 1n }],
        [
          call(
            sys.deployment.contracts.STAB3LAuthority,
            authority.interface.encodeFunctionData("grantRole", [ROLES.RSTB_MINTER, other, 0]),
          ),
        ],
      ];
      for (const [i, actions] of bundles.entries()) {
        const p: Proposal = { actions, description: `Bundle ${i}` };
        const id = await lifecycle.proposeViaCoreSafe(p);
        await lifecycle.toVoteStart(id);
        await expect(governor.connect(guardian).cancel(...proposalArrays(p), descriptionHash(p.description)))
          .to.emit(governor, "ProposalCanceled")
          .withArgs(id);
      }
    });
  });

  describe("Timelock protection: no proposal path around the delay floor", () => {
    function timelockData(sys: System, fn: string, args: unknown[]): string {
      return sys.core.timelock.interface.encodeFunctionData(fn as never, args as never);
    }

    it("refuses every direct Timelock call but updateDelay within bounds, naming the action and function", async () => {
      const sys = await loadFixture(deployedSystem);
      const { governor } = sys.core;
      const timelock = sys.deployment.contracts.TimelockController;
      const proposer = sys.delegates[0];
      const zeroDelay = timelockData(sys, "updateDelay", [0]);
      const refused: [string, unknown[]][] = [
        ["schedule", [timelock, 0, zeroDelay, ZeroHash, ZeroHash, 2 * DAY]],
        ["scheduleBatch", [[timelock], [0], [zeroDelay], ZeroHash, ZeroHash, 2 * DAY]],
        ["execute", [timelock, 0, zeroDelay, ZeroHash, ZeroHash]],
        ["executeBatch", [[timelock], [0], [zeroDelay], ZeroHash, ZeroHash]],
        ["cancel", [ZeroHash]],
        ["grantRole", [TIMELOCK_ROLES.EXECUTOR, ZeroAddress]],
        ["grantRole", [TIMELOCK_ROLES.PROPOSER, proposer.address]],
        ["grantRole", [TIMELOCK_ROLES.ADMIN, proposer.address]],
        ["revokeRole", [TIMELOCK_ROLES.PROPOSER, sys.deployment.contracts.STAB3LGovernor]],
        ["renounceRole", [TIMELOCK_ROLES.CANCELLER, timelock]],
      ];
      for (const [fn, args] of refused) {
        const data = timelockData(sys, fn, args);
        const p: Proposal = {
          actions: [harmless(sys).actions[0], call(timelock, data)],
          description: `Timelock ${fn}`,
        };
        await expect(governor.connect(proposer).propose(...proposalArrays(p), p.description), fn)
          .to.be.revertedWithCustomError(governor, "GovernorTimelockCallRefused")
          .withArgs(1, data.slice(0, 10));
      }
      // Plain value to the Timelock is a call too.
      const pay: Proposal = { actions: [{ target: timelock, value: 1n, data: "0x" }], description: "Pay the Timelock" };
      await expect(governor.connect(proposer).propose(...proposalArrays(pay), pay.description))
        .to.be.revertedWithCustomError(governor, "GovernorTimelockCallRefused")
        .withArgs(0, "0x00000000");
      for (const delay of [0, 30 * DAY + 1]) {
        const p: Proposal = {
          actions: [call(timelock, timelockData(sys, "updateDelay", [delay]))],
          description: `Delay ${delay}`,
        };
        await expect(governor.connect(proposer).propose(...proposalArrays(p), p.description))
          .to.be.revertedWithCustomError(governor, "GovernorTimelockDelayOutOfBounds")
          .withArgs(delay, DAY, 30 * DAY);
      }
    });

    it("refuses the reported bypass: EXECUTOR to everyone, then relay schedule(updateDelay(0))", async () => {
      const sys = await loadFixture(deployedSystem);
      const { governor } = sys.core;
      const timelock = sys.deployment.contracts.TimelockController;
      const schedule = timelockData(sys, "schedule", [
        timelock,
        0,
        timelockData(sys, "updateDelay", [0]),
        ZeroHash,
        ZeroHash,
        2 * DAY,
      ]);
      const relay = governor.interface.encodeFunctionData("relay", [timelock, 0, schedule]);
      const openExecutor = timelockData(sys, "grantRole", [TIMELOCK_ROLES.EXECUTOR, ZeroAddress]);
      const attack: Proposal = {
        actions: [call(timelock, openExecutor), governorCall(sys, "relay", [timelock, 0, schedule])],
        description: "Open execution, then schedule a zero delay",
      };
      await expect(governor.connect(sys.delegates[0]).propose(...proposalArrays(attack), attack.description))
        .to.be.revertedWithCustomError(governor, "GovernorTimelockCallRefused")
        .withArgs(0, openExecutor.slice(0, 10));
      const relayOnly: Proposal = { actions: [call(sys.deployment.contracts.STAB3LGovernor, relay)], description: "x" };
      await expect(governor.connect(sys.delegates[0]).propose(...proposalArrays(relayOnly), relayOnly.description))
        .to.be.revertedWithCustomError(governor, "GovernorTimelockRelayRefused")
        .withArgs(0, relay.slice(0, 10));
    });

    it("refuses relays to the Timelock through the Governor's relay and the authority's execute / schedule", async () => {
      const sys = await loadFixture(deployedSystem);
      const { governor, authority } = sys.core;
      const timelock = sys.deployment.contracts.TimelockController;
      const zeroDelay = timelockData(sys, "updateDelay", [0]);
      const openExecutor = timelockData(sys, "grantRole", [TIMELOCK_ROLES.EXECUTOR, ZeroAddress]);
      const relayed: Proposal["actions"] = [
        governorCall(sys, "relay", [
          timelock,
          0,
          timelockData(sys, "execute", [timelock, 0, zeroDelay, ZeroHash, ZeroHash]),
        ]),
        governorCall(sys, "relay", [timelock, 0, timelockData(sys, "cancel", [ZeroHash])]),
        governorCall(sys, "relay", [timelock, 0, zeroDelay]),
        call(
          sys.deployment.contracts.STAB3LAuthority,
          authority.interface.encodeFunctionData("execute", [timelock, zeroDelay]),
        ),
        call(
          sys.deployment.contracts.STAB3LAuthority,
          authority.interface.encodeFunctionData("schedule", [timelock, openExecutor, 0]),
        ),
      ];
      for (const [i, action] of relayed.entries()) {
        const p: Proposal = { actions: [action], description: `Relay ${i}` };
        await expect(governor.connect(sys.delegates[0]).propose(...proposalArrays(p), p.description), `relay ${i}`)
          .to.be.revertedWithCustomError(governor, "GovernorTimelockRelayRefused")
          .withArgs(0, action.data.slice(0, 10));
      }
    });

    it("a relay it does not decode (the authority's multicall) cannot act as the Timelock: execution reverts", async () => {
      const sys = await loadFixture(deployedSystem);
      const lifecycle = new Lifecycle(sys);
      const { authority, timelock } = sys.core;
      const authorityAddress = sys.deployment.contracts.STAB3LAuthority;
      const inner = authority.interface.encodeFunctionData("execute", [
        sys.deployment.contracts.TimelockController,
        timelock.interface.encodeFunctionData("updateDelay", [0]),
      ]);
      const p: Proposal = {
        actions: [call(authorityAddress, authority.interface.encodeFunctionData("multicall", [[inner]]))],
        description: "Zero delay through the authority's multicall",
      };
      const id = await lifecycle.proposeViaCoreSafe(p);
      await lifecycle.toVoteStart(id);
      await lifecycle.vote(id);
      await lifecycle.toVoteEnd(id);
      await lifecycle.toEta(await lifecycle.queue(p));
      await expect(lifecycle.execute(p))
        .to.be.revertedWithCustomError(timelock, "TimelockUnauthorizedCaller")
        .withArgs(authorityAddress);
      expect(await timelock.getMinDelay()).to.equal(2 * DAY);
    });

    it("checks again at queue time, against the Timelock in force then (after updateTimelock)", async () => {
      const sys = await loadFixture(deployedSystem);
      const lifecycle = new Lifecycle(sys);
      const { governor } = sys.core;
      const governorAddress = sys.deployment.contracts.STAB3LGovernor;
      const next = await hre.ethers.deployContract("TimelockController", [
        2 * DAY,
        [governorAddress],
        [governorAddress],
        ZeroAddress,
      ]);
      const nextAddress = await next.getAddress();
      const moveTo: Proposal = { actions: [governorCall(sys, "updateTimelock", [nextAddress])], description: "Move" };
      const grant = next.interface.encodeFunctionData("grantRole", [TIMELOCK_ROLES.PROPOSER, sys.spare[0].address]);
      const early: Proposal = { actions: [call(nextAddress, grant)], description: "Proposer on the next Timelock" };
      const moveId = await lifecycle.proposeViaCoreSafe(moveTo);
      const earlyId = await lifecycle.proposeViaCoreSafe(early); // not the Timelock yet: accepted
      await lifecycle.toVoteStart(earlyId);
      await lifecycle.vote(moveId);
      await lifecycle.vote(earlyId);
      await lifecycle.toVoteEnd(earlyId);
      await lifecycle.toEta(await lifecycle.queue(moveTo));
      await expect(await lifecycle.execute(moveTo))
        .to.emit(governor, "TimelockChange")
        .withArgs(sys.deployment.contracts.TimelockController, nextAddress);
      await expect(lifecycle.queue(early))
        .to.be.revertedWithCustomError(governor, "GovernorTimelockCallRefused")
        .withArgs(0, grant.slice(0, 10));
    });
  });

  describe("front-running with sequential ids", () => {
    it("a copy of a proposer-bound description is refused; the real proposer then proposes it", async () => {
      const sys = await loadFixture(deployedSystem);
      const { governor } = sys.core;
      const core = sys.deployment.safes.core;
      const p: Proposal = {
        actions: harmless(sys).actions,
        description: withProposer("# Harmless\n\nBound to the core Safe.\n", core),
      };
      const frontRunner = sys.delegates[0];
      await expect(governor.connect(frontRunner).propose(...proposalArrays(p), p.description))
        .to.be.revertedWithCustomError(governor, "GovernorRestrictedProposer")
        .withArgs(frontRunner.address);
      const id = await new Lifecycle(sys).proposeViaCoreSafe(p);
      expect(await governor.proposalProposer(id)).to.equal(core);
    });

    it("without the suffix, a copy proposed and cancelled first blocks that exact content (why the SDK binds)", async () => {
      const sys = await loadFixture(deployedSystem);
      const { governor } = sys.core;
      const p = harmless(sys, 9);
      const frontRunner = sys.delegates[0];
      const copyId = await governor.connect(frontRunner).propose.staticCall(...proposalArrays(p), p.description);
      await governor.connect(frontRunner).propose(...proposalArrays(p), p.description);
      await expect(governor.connect(frontRunner).cancel(...proposalArrays(p), descriptionHash(p.description)))
        .to.emit(governor, "ProposalCanceled")
        .withArgs(copyId);
      const coreSafe = await asAccount(sys.deployment.safes.core);
      await expect(governor.connect(coreSafe).propose(...proposalArrays(p), p.description))
        .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
        .withArgs(copyId, 2, ZeroHash);
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
