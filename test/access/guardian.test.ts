import { expect } from "chai";
import hre from "hardhat";
import { impersonateAccount, loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import { DAY, parameterKey } from "../../governance/catalog/index.js";
import { ROLES } from "../../governance/contracts.js";
import { executeWithOwners } from "../../governance/safe/transactions.js";
import type { ManagedTarget } from "../../typechain-types/index.js";
import { deployedSystem } from "../helpers/fixtures.js";
import { Lifecycle } from "../helpers/lifecycle.js";

const WHOLE = "0x00000000";
const MAX_PAUSE = 10 * DAY;
const REPAUSE_COOLDOWN = 3 * DAY;

/** The deployed system plus a managed contract whose `ping` governance opened to everyone. */
async function systemWithTarget() {
  const sys = await deployedSystem();
  const target = (await hre.ethers.deployContract("ManagedTarget", [
    sys.deployment.contracts.STAB3LAuthority,
  ])) as unknown as ManagedTarget;
  const targetAddress = await target.getAddress();
  const ping = target.interface.getFunction("ping").selector;
  await new Lifecycle(sys).pass({
    actions: [
      {
        target: sys.deployment.contracts.STAB3LAuthority,
        value: 0n,
        data: sys.core.authority.interface.encodeFunctionData("setTargetFunctionRole", [
          targetAddress,
          [ping],
          ROLES.PUBLIC,
        ]),
      },
    ],
    description: "Open ManagedTarget.ping to everyone",
  });
  await impersonateAccount(sys.deployment.safes.guardian);
  await setBalance(sys.deployment.safes.guardian, 10n ** 18n);
  const guardianAsSigner = await hre.ethers.getSigner(sys.deployment.safes.guardian);
  const user = sys.spare[4];
  return { ...sys, target, targetAddress, ping, guardianAsSigner, user };
}

type Sys = Awaited<ReturnType<typeof systemWithTarget>>;

/** The guardian Safe (2 of 3 owners) calls the authority. */
async function viaGuardianSafe(sys: Sys, fn: string, args: unknown[]) {
  return executeWithOwners(
    sys.chain,
    sys.deployment.safes.guardian,
    [
      {
        to: sys.deployment.contracts.STAB3LAuthority,
        value: 0n,
        data: sys.core.authority.interface.encodeFunctionData(fn as never, args as never),
      },
    ],
    sys.guardianOwnerKeys.slice(0, 2),
    sys.deployment.safeContracts,
  );
}

describe("guardian pauses", () => {
  it("the guardian Safe pauses a contract; users are refused with Stab3lPaused until it expires", async () => {
    const sys = await loadFixture(systemWithTarget);
    const { target, targetAddress, ping, user, core } = sys;
    await expect(target.connect(user).ping()).to.emit(target, "Pinged").withArgs(user.address, 1);

    const result = await viaGuardianSafe(sys, "guardianPause", [targetAddress, [], "suspicious pings"]);
    expect(result.success).to.equal(true);
    const pausedAt = (await hre.ethers.provider.getBlock(result.receipt.blockNumber))!.timestamp;
    const until = pausedAt + MAX_PAUSE;
    await expect(result.receipt)
      .to.emit(core.authority, "GuardianPaused")
      .withArgs(sys.deployment.safes.guardian, targetAddress, WHOLE, until, "suspicious pings");
    expect(await core.authority.isPaused(targetAddress, ping)).to.equal(true);

    await expect(target.connect(user).ping())
      .to.be.revertedWithCustomError(target, "Stab3lPaused")
      .withArgs(targetAddress, ping, until);

    await time.setNextBlockTimestamp(until - 1);
    await expect(target.connect(user).ping()).to.be.revertedWithCustomError(target, "Stab3lPaused");
    await time.setNextBlockTimestamp(until);
    await expect(target.connect(user).ping()).to.emit(target, "Pinged").withArgs(user.address, 2);
  });

  it("pauses named functions only, and cannot be extended, re-applied too soon, aimed at itself or at unmanaged code", async () => {
    const sys = await loadFixture(systemWithTarget);
    const { core, target, targetAddress, ping, guardianAsSigner, user } = sys;
    const authority = core.authority.connect(guardianAsSigner);
    const setValue = target.interface.getFunction("setValue").selector;

    const tx = await authority.guardianPause(targetAddress, [ping], "ping only");
    const until = (await tx.getBlock())!.timestamp + MAX_PAUSE;
    await expect(tx)
      .to.emit(core.authority, "GuardianPaused")
      .withArgs(sys.deployment.safes.guardian, targetAddress, ping, until, "ping only");
    expect(await core.authority.isPaused(targetAddress, setValue)).to.equal(false);
    await expect(target.connect(user).ping())
      .to.be.revertedWithCustomError(target, "Stab3lPaused")
      .withArgs(targetAddress, ping, until);

    await expect(authority.guardianPause(targetAddress, [ping], "again"))
      .to.be.revertedWithCustomError(core.authority, "AuthorityPauseAlreadyActive")
      .withArgs(targetAddress, ping, until);
    await expect(authority.guardianPause(targetAddress, [WHOLE], "zero selector"))
      .to.be.revertedWithCustomError(core.authority, "AuthorityInvalidSelector")
      .withArgs(targetAddress, WHOLE);
    await expect(
      authority.guardianPause(sys.deployment.contracts.STAB3LAuthority, [], "self"),
    ).to.be.revertedWithCustomError(core.authority, "AuthorityCannotPauseSelf");
    await expect(authority.guardianPause(sys.deployment.contracts.STAB3LGovernor, [], "governor is not managed"))
      .to.be.revertedWithCustomError(core.authority, "AuthorityTargetNotManaged")
      .withArgs(sys.deployment.contracts.STAB3LGovernor);
    await expect(authority.guardianPause(user.address, [], "an EOA"))
      .to.be.revertedWithCustomError(core.authority, "AuthorityTargetNotManaged")
      .withArgs(user.address);

    // After expiry, the same key cannot be paused again by guardians until the cooldown has passed.
    await time.increaseTo(until + 1);
    await expect(authority.guardianPause(targetAddress, [ping], "re-pause"))
      .to.be.revertedWithCustomError(core.authority, "AuthorityRepauseTooSoon")
      .withArgs(targetAddress, ping, until + REPAUSE_COOLDOWN);
    await time.increaseTo(until + REPAUSE_COOLDOWN);
    await expect(authority.guardianPause(targetAddress, [ping], "re-pause")).to.emit(core.authority, "GuardianPaused");
  });

  it("pauses of one contract share one guardian window: mixing the contract and its functions cannot chain pauses", async () => {
    const sys = await loadFixture(systemWithTarget);
    const { core, target, targetAddress, ping, guardianAsSigner } = sys;
    const guardian = sys.deployment.safes.guardian;
    const authority = core.authority.connect(guardianAsSigner);
    const setValue = target.interface.getFunction("setValue").selector;

    const first = await authority.guardianPause(targetAddress, [], "whole contract");
    const end = (await first.getBlock())!.timestamp + MAX_PAUSE;
    expect(await core.authority.guardianWindowEnd(targetAddress)).to.equal(end);

    // A function paused late in the window ends with the window, not a full duration later.
    await time.increaseTo(end - 60);
    await expect(authority.guardianPause(targetAddress, [ping], "ping, late"))
      .to.emit(core.authority, "GuardianPaused")
      .withArgs(guardian, targetAddress, ping, end, "ping, late");

    // After the window, neither the contract nor any of its functions can be paused before the cooldown.
    await time.increaseTo(end + 1);
    expect(await core.authority.isPaused(targetAddress, ping)).to.equal(false);
    await expect(authority.guardianPause(targetAddress, [], "whole, again"))
      .to.be.revertedWithCustomError(core.authority, "AuthorityRepauseTooSoon")
      .withArgs(targetAddress, WHOLE, end + REPAUSE_COOLDOWN);
    await expect(authority.guardianPause(targetAddress, [setValue], "another function"))
      .to.be.revertedWithCustomError(core.authority, "AuthorityRepauseTooSoon")
      .withArgs(targetAddress, setValue, end + REPAUSE_COOLDOWN);

    await time.increaseTo(end + REPAUSE_COOLDOWN);
    const next = await authority.guardianPause(targetAddress, [ping], "a new window");
    expect(await core.authority.guardianWindowEnd(targetAddress)).to.equal(
      (await next.getBlock())!.timestamp + MAX_PAUSE,
    );
  });

  it("a governance unpause closes the guardian window: guardians cannot overrule it before the cooldown", async () => {
    const sys = await loadFixture(systemWithTarget);
    const { core, targetAddress, ping, guardianAsSigner } = sys;
    const authority = core.authority.connect(guardianAsSigner);
    await authority.guardianPause(targetAddress, [], "suspected exploit");
    const { receipt } = await new Lifecycle(sys).pass({
      actions: [
        {
          target: sys.deployment.contracts.STAB3LAuthority,
          value: 0n,
          data: core.authority.interface.encodeFunctionData("unpause", [targetAddress, []]),
        },
      ],
      description: "False alarm: lift the pause",
    });
    const liftedAt = (await receipt.getBlock()).timestamp;
    expect(await core.authority.guardianWindowEnd(targetAddress)).to.equal(liftedAt);
    await expect(authority.guardianPause(targetAddress, [ping], "pause anyway"))
      .to.be.revertedWithCustomError(core.authority, "AuthorityRepauseTooSoon")
      .withArgs(targetAddress, ping, liftedAt + REPAUSE_COOLDOWN);
  });

  it("a selector that answers only to ADMIN (unmapped, or an admin setter) cannot be paused: it would only open a window", async () => {
    const sys = await loadFixture(systemWithTarget);
    const { core, target, targetAddress, guardianAsSigner } = sys;
    const authority = core.authority.connect(guardianAsSigner);
    const setValue = target.interface.getFunction("setValue").selector;
    for (const selector of ["0x12345678", setValue]) {
      await expect(authority.guardianPause(targetAddress, [selector], "no such function"))
        .to.be.revertedWithCustomError(core.authority, "AuthoritySelectorNotPausable")
        .withArgs(targetAddress, selector);
    }
    expect(await core.authority.guardianWindowEnd(targetAddress)).to.equal(0n);
  });

  it("governance lifting one pause while others of the window run neither reopens the window early nor chains a new one", async () => {
    const sys = await loadFixture(systemWithTarget);
    const { core, targetAddress, ping, guardianAsSigner } = sys;
    const authority = core.authority.connect(guardianAsSigner);
    const first = await authority.guardianPause(targetAddress, [], "whole contract");
    const end = (await first.getBlock())!.timestamp + MAX_PAUSE;
    await authority.guardianPause(targetAddress, [ping], "and ping");
    const { receipt } = await new Lifecycle(sys).pass({
      actions: [
        {
          target: sys.deployment.contracts.STAB3LAuthority,
          value: 0n,
          data: core.authority.interface.encodeFunctionData("unpause", [targetAddress, [ping]]),
        },
      ],
      description: "ping is fine; the contract stays paused",
    });
    const liftedAt = (await receipt.getBlock()).timestamp;
    expect(liftedAt).to.be.lessThan(end);
    // The whole-contract pause still runs to the window's end, so the window keeps its end...
    expect(await core.authority.guardianWindowEnd(targetAddress)).to.equal(end);
    expect(await core.authority.isPaused(targetAddress, WHOLE)).to.equal(true);
    expect(await core.authority.pausedUntil(targetAddress, ping)).to.equal(0n);
    expect(await core.authority.pauseEnd(targetAddress, ping)).to.equal(end); // the whole pause covers ping
    // ...but takes no new pause: guardians cannot overrule the unpause of ping.
    await expect(authority.guardianPause(targetAddress, [ping], "ping again"))
      .to.be.revertedWithCustomError(core.authority, "AuthorityRepauseTooSoon")
      .withArgs(targetAddress, ping, end + REPAUSE_COOLDOWN);
    // The attack before: the unpause moved the window's end to now, so a new window opened a cooldown later,
    // while the whole-contract pause still ran, and chained it past its maximum. Now the cooldown runs from `end`.
    await time.increaseTo(Math.min(liftedAt + REPAUSE_COOLDOWN, end - 60));
    await expect(authority.guardianPause(targetAddress, [ping], "new window"))
      .to.be.revertedWithCustomError(core.authority, "AuthorityRepauseTooSoon")
      .withArgs(targetAddress, ping, end + REPAUSE_COOLDOWN);
    await time.increaseTo(end);
    await expect(authority.guardianPause(targetAddress, [], "chain"))
      .to.be.revertedWithCustomError(core.authority, "AuthorityRepauseTooSoon")
      .withArgs(targetAddress, WHOLE, end + REPAUSE_COOLDOWN);
    await time.increaseTo(end + REPAUSE_COOLDOWN);
    await expect(authority.guardianPause(targetAddress, [], "a new incident")).to.emit(
      core.authority,
      "GuardianPaused",
    );
  });

  it("pauseEnd tells when a lifted pause ended: 0 before any pause, the lift time after governance lifts it", async () => {
    const sys = await loadFixture(systemWithTarget);
    const { core, targetAddress, ping, guardianAsSigner } = sys;
    expect(await core.authority.pauseEnd(targetAddress, ping)).to.equal(0n);
    const tx = await core.authority.connect(guardianAsSigner).guardianPause(targetAddress, [ping], "ping");
    const until = (await tx.getBlock())!.timestamp + MAX_PAUSE;
    expect(await core.authority.pauseEnd(targetAddress, ping)).to.equal(until);
    const { receipt } = await new Lifecycle(sys).pass({
      actions: [
        {
          target: sys.deployment.contracts.STAB3LAuthority,
          value: 0n,
          data: core.authority.interface.encodeFunctionData("unpause", [targetAddress, [ping]]),
        },
      ],
      description: "lift",
    });
    const liftedAt = (await receipt.getBlock()).timestamp;
    expect(await core.authority.pausedUntil(targetAddress, ping)).to.equal(0n);
    expect(await core.authority.pauseEnd(targetAddress, ping)).to.equal(liftedAt);
    expect(await core.authority.pauseEnd(targetAddress, WHOLE)).to.equal(0n);
    // The lift was the window's only pause: the window closes now and the cooldown runs from the lift.
    expect(await core.authority.guardianWindowEnd(targetAddress)).to.equal(liftedAt);
  });

  it("the re-pause cooldown can never be governed down to zero (windows would chain)", async () => {
    const sys = await loadFixture(systemWithTarget);
    const timelock = sys.deployment.contracts.TimelockController;
    await impersonateAccount(timelock);
    await setBalance(timelock, 10n ** 18n);
    const key = parameterKey("guardian.repauseCooldown");
    await expect(sys.core.parameters.connect(await hre.ethers.getSigner(timelock)).setParameter(key, 0))
      .to.be.revertedWithCustomError(sys.core.parameters, "ParameterOutOfBounds")
      .withArgs(key, 0, DAY, 14 * DAY);
  });

  it("guardians can never unpause, confirm, or change anything else", async () => {
    const sys = await loadFixture(systemWithTarget);
    const { core, targetAddress, ping, guardianAsSigner } = sys;
    const guardian = sys.deployment.safes.guardian;
    await core.authority.connect(guardianAsSigner).guardianPause(targetAddress, [], "stop");

    await expect(core.authority.connect(guardianAsSigner).unpause(targetAddress, []))
      .to.be.revertedWithCustomError(core.authority, "AuthorityUnauthorized")
      .withArgs(guardian, ROLES.ADMIN);
    await expect(core.authority.connect(guardianAsSigner).confirmPause(targetAddress, [ping]))
      .to.be.revertedWithCustomError(core.authority, "AuthorityUnauthorized")
      .withArgs(guardian, ROLES.ADMIN);
    await expect(core.authority.connect(guardianAsSigner).setTargetClosed(targetAddress, false))
      .to.be.revertedWithCustomError(core.authority, "AccessManagerUnauthorizedAccount")
      .withArgs(guardian, ROLES.ADMIN);
    await expect(core.authority.connect(guardianAsSigner).grantRole(ROLES.GUARDIAN, sys.user.address, 0))
      .to.be.revertedWithCustomError(core.authority, "AccessManagerUnauthorizedAccount")
      .withArgs(guardian, ROLES.ADMIN);
    await expect(
      core.parameters.connect(guardianAsSigner).setParameter(parameterKey("guardian.maxPauseDuration"), 30 * DAY),
    )
      .to.be.revertedWithCustomError(core.parameters, "AccessManagedUnauthorized")
      .withArgs(guardian);
    await expect(core.governor.connect(guardianAsSigner).setVotingPeriod(DAY))
      .to.be.revertedWithCustomError(core.governor, "GovernorOnlyExecutor")
      .withArgs(guardian);

    // Through the Safe, the unpause is refused before anything is sent, and nothing changes.
    const executor = sys.signers[4].address; // guardian owner 1 sends the Safe transaction
    const executorNonce = await hre.ethers.provider.getTransactionCount(executor);
    await expect(viaGuardianSafe(sys, "unpause", [targetAddress, []])).to.be.rejectedWith(
      /would revert: .*AuthorityUnauthorized/,
    );
    expect(await hre.ethers.provider.getTransactionCount(executor)).to.equal(executorNonce);
    expect(await core.authority.isPaused(targetAddress, ping)).to.equal(true);
  });

  it("governance confirms a pause so it outlives the guardian window, repairs the paused contract, then unpauses", async () => {
    const sys = await loadFixture(systemWithTarget);
    const { core, target, targetAddress, ping, guardianAsSigner, user } = sys;
    const lifecycle = new Lifecycle(sys);
    const tx = await core.authority.connect(guardianAsSigner).guardianPause(targetAddress, [], "incident 42");
    const until = (await tx.getBlock())!.timestamp + MAX_PAUSE;
    const authorityAddress = sys.deployment.contracts.STAB3LAuthority;
    const iface = core.authority.interface;

    // While paused, the Timelock (ADMIN) still reaches the target: governance can repair it.
    const { receipt } = await lifecycle.pass({
      actions: [
        { target: authorityAddress, value: 0n, data: iface.encodeFunctionData("confirmPause", [targetAddress, []]) },
        { target: targetAddress, value: 0n, data: target.interface.encodeFunctionData("setValue", [7]) },
      ],
      description: "Confirm the incident-42 pause and patch the target",
    });
    await expect(receipt).to.emit(core.authority, "PauseConfirmed").withArgs(targetAddress, WHOLE, until);
    await expect(receipt).to.emit(target, "ValueSet").withArgs(0, 7);
    expect(await core.authority.pausedUntil(targetAddress, WHOLE)).to.equal(2n ** 64n - 1n);

    await time.increaseTo(until + DAY);
    await expect(target.connect(user).ping())
      .to.be.revertedWithCustomError(target, "Stab3lPaused")
      .withArgs(targetAddress, ping, 2n ** 64n - 1n);

    const unpaused = await lifecycle.pass({
      actions: [
        { target: authorityAddress, value: 0n, data: iface.encodeFunctionData("unpause", [targetAddress, []]) },
      ],
      description: "Lift the incident-42 pause",
    });
    await expect(unpaused.receipt)
      .to.emit(core.authority, "Unpaused")
      .withArgs(targetAddress, WHOLE, 2n ** 64n - 1n);
    await expect(target.connect(user).ping()).to.emit(target, "Pinged");
  });
  it("governance closes a target (AccessManager's switch): every caller but the manager is refused until reopened", async () => {
    const sys = await loadFixture(systemWithTarget);
    const { core, target, targetAddress, user } = sys;
    const lifecycle = new Lifecycle(sys);
    const authorityAddress = sys.deployment.contracts.STAB3LAuthority;
    const close = (closed: boolean) =>
      lifecycle.pass({
        actions: [
          {
            target: authorityAddress,
            value: 0n,
            data: core.authority.interface.encodeFunctionData("setTargetClosed", [targetAddress, closed]),
          },
        ],
        description: closed ? "Close the target" : "Reopen the target",
      });
    const closed = await close(true);
    await expect(closed.receipt).to.emit(core.authority, "TargetClosed").withArgs(targetAddress, true);
    expect(await core.authority.isTargetClosed(targetAddress)).to.equal(true);
    expect(
      await core.authority.canCall(user.address, targetAddress, target.interface.getFunction("ping").selector),
    ).to.deep.equal([false, 0n]);
    await expect(target.connect(user).ping())
      .to.be.revertedWithCustomError(target, "AccessManagedUnauthorized")
      .withArgs(user.address);
    // Closed and paused share one slot in the authority: a guardian pause leaves the closed flag alone, and
    // reopening leaves the pause alone.
    await (await core.authority.connect(sys.guardianAsSigner).guardianPause(targetAddress, [], "while closed")).wait();
    expect(await core.authority.isTargetClosed(targetAddress)).to.equal(true);
    expect(await core.authority.isPaused(targetAddress, WHOLE)).to.equal(true);
    const reopened = await close(false);
    await expect(reopened.receipt).to.emit(core.authority, "TargetClosed").withArgs(targetAddress, false);
    expect(await core.authority.isTargetClosed(targetAddress)).to.equal(false);
    expect(await core.authority.isPaused(targetAddress, WHOLE)).to.equal(true);
    await expect(target.connect(user).ping()).to.be.revertedWithCustomError(target, "Stab3lPaused");
    await time.increase(MAX_PAUSE); // the guardian pause ends by itself; the target stays open
    expect(await core.authority.isPaused(targetAddress, WHOLE)).to.equal(false);
    expect(await core.authority.isTargetClosed(targetAddress)).to.equal(false);
    await expect(target.connect(user).ping()).to.emit(target, "Pinged");
  });
});
