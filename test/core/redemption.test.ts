import { expect } from "chai";
import { anyUint } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import hre from "hardhat";
import { impersonateAccount, loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import type { Signer } from "ethers";
import { parameterKey } from "../../governance/catalog/index.js";
import { compensationRounds } from "../../governance/redemption.js";
import { setFeedAnswer } from "../../oracles/simulator.js";
import { CU_USD, governed, guardianPause } from "../oracles/fixtures.js";
import { DAY, USDC, WAD, collateralFor, freshPrices, mintFor, onboardProvider, protocolSystem } from "./fixtures.js";

/** The collateral a confirmation of `requestId` releases now: the provider's collateral pro rata of its backing. */
async function releaseOf(sys: { p: Awaited<ReturnType<typeof protocolSystem>>["p"] }, requestId: number) {
  const request = await sys.p.redemption.request(requestId);
  const account = await sys.p.collateral.accountOf(request.provider);
  return (account.collateral * request.amount) / account.backing;
}

const ZERO = hre.ethers.ZeroAddress;

type Market = Awaited<ReturnType<typeof market>>;

/** The rounds that price request `id`'s compensation: the feeds' first answers at or after its deadline. */
async function roundsOf(sys: Market, id: number) {
  const feeds = { cuUsd: sys.feeds.assets["CU/USD"].feed, collateralUsd: sys.feeds.assets["COLLATERAL/USD"].feed };
  return compensationRounds(sys.p.redemption, id, feeds, hre.ethers.provider);
}

/** `signer` claims compensation for `id` with the right rounds (0, 0 when refused before pricing). */
async function claim(sys: Market, id: number, signer: Signer, priced = true) {
  const r = priced ? await roundsOf(sys, id) : { cuRoundId: 0n, collateralRoundId: 0n };
  return sys.p.redemption.connect(signer).claimCompensation(id, r.cuRoundId, r.collateralRoundId);
}

/**
 * Two providers minted 10,000 CU each (collateral at 240%) and unstaked after the minimum period; a user holds
 * 15,000 sSTB bought from them and has approved Redemption.
 */
async function market() {
  const sys = await protocolSystem();
  const [providerA, providerB, user] = sys.spare;
  for (const provider of [providerA, providerB]) {
    await onboardProvider(sys, provider, 2n * collateralFor(10_000n * WAD));
    await mintFor(sys, provider, 10_000n * WAD);
  }
  await time.increase(8 * DAY); // the lock end is rounded up to a day boundary
  await freshPrices(sys);
  for (const provider of [providerA, providerB]) {
    await (await sys.p.staking.connect(provider).unstake(0)).wait();
    await (await sys.p.sstb.connect(provider).transfer(user.address, 7_500n * WAD)).wait();
  }
  await (await sys.p.sstb.connect(user).approve(await sys.p.redemption.getAddress(), hre.ethers.MaxUint256)).wait();
  return { ...sys, providerA, providerB, user };
}

describe("Flow 3 — redeem: burn sSTB → provider notified → collateral released on confirmation", () => {
  it("runs end to end: fee to the treasury, net burned, request assigned, delivery confirmed, collateral released pro rata", async () => {
    const sys = await loadFixture(market);
    const { p, user, providerA } = sys;
    const timelock = sys.deployment.contracts.TimelockController;
    const amount = 1_000n * WAD;
    const fee = (amount * 30n) / 10_000n; // redemption.feeBps = 30
    const net = amount - fee;
    const supplyBefore = await p.sstb.totalSupply();

    const tx = await p.redemption.connect(user).redeem(amount, ZERO);
    const at = BigInt((await tx.getBlock())!.timestamp);
    const deadline = at + BigInt(3 * DAY);
    await expect(tx)
      .to.emit(p.redemption, "RedemptionRequested")
      .withArgs(0, user.address, providerA.address, net, fee, deadline);
    await expect(tx).to.emit(p.collateral, "BackingReserved").withArgs(providerA.address, net, net);
    await expect(tx)
      .to.emit(p.sstb, "SSTBBurned")
      .withArgs(await p.redemption.getAddress(), user.address, net);
    await expect(tx).to.changeTokenBalances(p.sstb, [user, timelock], [-amount, fee]);
    expect(await p.sstb.totalSupply()).to.equal(supplyBefore - net);
    const r = await p.redemption.request(0);
    expect([r.user, r.provider, r.amount, r.deadline, r.status]).to.deep.equal([
      user.address,
      providerA.address,
      net,
      deadline,
      1n,
    ]);
    expect(await p.collateral.availableBacking(providerA.address)).to.equal(10_000n * WAD - net);

    // The provider delivers the compute off chain and confirms; its collateral is released pro rata.
    const account = await p.collateral.accountOf(providerA.address);
    const released = (account.collateral * net) / account.backing;
    const confirm = p.redemption.connect(providerA).confirmDelivery(0);
    await expect(confirm).to.emit(p.redemption, "DeliveryConfirmed").withArgs(0, providerA.address, released);
    await expect(confirm).to.emit(p.collateral, "BackingReleased").withArgs(providerA.address, net, released);
    const after = await p.collateral.accountOf(providerA.address);
    expect([after.collateral, after.backing, after.reserved]).to.deep.equal([
      account.collateral - released,
      account.backing - net,
      0n,
    ]);
    expect(await sys.token.balanceOf(providerA.address)).to.equal(released);
    expect((await p.redemption.request(0)).status).to.equal(2n);
    await expect(p.redemption.connect(providerA).confirmDelivery(0))
      .to.be.revertedWithCustomError(p.redemption, "RedemptionNotPending")
      .withArgs(0, 2);
    // INV-BACKING: supply = minted − redeemed − liquidated, and backing = supply + reserved.
    expect(await p.sstb.totalSupply()).to.equal(
      (await p.sstb.mintedBy(sys.deployment.contracts.MintingAgent)) - (await p.redemption.totalRedeemed()),
    );
  });

  it("assigns automatically round robin, skipping providers without enough unreserved backing", async () => {
    const sys = await loadFixture(market);
    const { p, user, providerA, providerB } = sys;
    const net = (amount: bigint) => amount - (amount * 30n) / 10_000n;
    const assigned: string[] = [];
    for (const amount of [9_000n, 1_000n, 2_000n]) {
      const id = await p.redemption.requestCount();
      await (await p.redemption.connect(user).redeem(amount * WAD, ZERO)).wait();
      assigned.push((await p.redemption.request(id)).provider);
    }
    // A takes 8,973; B takes 997; the cursor is back on A, which has 1,027 left: too little for 1,994, so B.
    expect(assigned).to.deep.equal([providerA.address, providerB.address, providerB.address]);
    expect(await p.collateral.availableBacking(providerA.address)).to.equal(10_000n * WAD - net(9_000n * WAD));
    // Neither has 7,976 left (A 1,027, B 7,009): RedemptionNoProviderAvailable(net, scanned).
    await expect(p.redemption.connect(user).redeem(8_000n * WAD, ZERO))
      .to.be.revertedWithCustomError(p.redemption, "RedemptionNoProviderAvailable")
      .withArgs(net(8_000n * WAD), 2);
  });

  it("many empty registrations cannot crowd backed providers out of automatic assignment", async () => {
    const sys = await loadFixture(market);
    const { p, user, providerA, providerB } = sys;
    // Anyone may register; 20 fresh accounts with no backing register after the two real providers.
    for (let i = 0; i < 20; i++) {
      const sybil = hre.ethers.Wallet.createRandom().connect(hre.ethers.provider);
      await setBalance(sybil.address, 10n ** 18n);
      await (await p.verifier.connect(sybil).registerProvider(hre.ethers.id(`sybil ${i}`))).wait();
    }
    expect(await p.verifier.providerCount()).to.be.greaterThan(20n);
    expect(await p.collateral.backedProviderCount()).to.equal(2n);
    const assigned: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await p.redemption.requestCount();
      await (await p.redemption.connect(user).redeem(1_000n * WAD, ZERO)).wait();
      assigned.push((await p.redemption.request(id)).provider);
    }
    expect(assigned).to.deep.equal([providerA.address, providerB.address, providerA.address]);
  });

  it("a chosen provider must be active and have the backing", async () => {
    const sys = await loadFixture(market);
    const { p, user, providerB } = sys;
    const stranger = sys.spare[5].address;
    await expect(p.redemption.connect(user).redeem(WAD, stranger))
      .to.be.revertedWithCustomError(p.redemption, "RedemptionInactiveProvider")
      .withArgs(stranger);
    const tooMuch = 10_100n * WAD;
    const net = tooMuch - (tooMuch * 30n) / 10_000n;
    await (await p.sstb.connect(sys.providerA).transfer(user.address, 2_500n * WAD)).wait();
    await expect(p.redemption.connect(user).redeem(tooMuch, providerB.address))
      .to.be.revertedWithCustomError(p.collateral, "CollateralInsufficientBacking")
      .withArgs(providerB.address, 10_000n * WAD, net);
    await expect(p.redemption.connect(user).redeem(1_000n * WAD, providerB.address))
      .to.emit(p.redemption, "RedemptionRequested")
      .withArgs(0, user.address, providerB.address, 997n * WAD, 3n * WAD, (d: bigint) => d > 0n);
  });

  it("spends exactly the allowance the user gave: fee and burn together, nothing more; short of it, nothing moves", async () => {
    const sys = await loadFixture(market);
    const { p, user, providerA } = sys;
    const redemption = await p.redemption.getAddress();
    const amount = 1_000n * WAD;
    const fee = (amount * 30n) / 10_000n;
    await (await p.sstb.connect(user).approve(redemption, amount - 1n)).wait();
    const balance = await p.sstb.balanceOf(user.address);
    // The fee moves first and fits the allowance; the burn of the rest does not: the whole redemption reverts.
    await expect(p.redemption.connect(user).redeem(amount, providerA.address))
      .to.be.revertedWithCustomError(p.sstb, "ERC20InsufficientAllowance")
      .withArgs(redemption, amount - 1n - fee, amount - fee);
    expect(await p.sstb.balanceOf(user.address)).to.equal(balance);
    expect(await p.redemption.requestCount()).to.equal(0n);
    await (await p.sstb.connect(user).approve(redemption, amount)).wait();
    await (await p.redemption.connect(user).redeem(amount, providerA.address)).wait();
    expect(await p.sstb.allowance(user.address, redemption)).to.equal(0n);
    expect(await p.sstb.balanceOf(user.address)).to.equal(balance - amount);
    expect(await p.sstb.balanceOf(redemption)).to.equal(0n); // nothing passes through Redemption's own balance
  });

  it("zero or dust amounts → RedemptionAmountTooSmall(amount, fee); nothing burned", async () => {
    const sys = await loadFixture(market);
    await expect(sys.p.redemption.connect(sys.user).redeem(0, ZERO))
      .to.be.revertedWithCustomError(sys.p.redemption, "RedemptionAmountTooSmall")
      .withArgs(0, 0);
    expect(await sys.p.sstb.burnedBy(await sys.p.redemption.getAddress())).to.equal(0n);
  });

  it("an absurdly large amount is refused by name with the numbers, not an overflow panic", async () => {
    const sys = await loadFixture(market);
    const huge = hre.ethers.MaxUint256;
    const scanned = await sys.p.collateral.backedProviderCount();
    const feeBps = await sys.core.parameters.get(parameterKey("redemption.feeBps"));
    // ⌊huge × feeBps / 10,000⌋ without overflow, as the contract's mulDiv computes it.
    const fee = (huge / 10_000n) * feeBps + ((huge % 10_000n) * feeBps) / 10_000n;
    await expect(sys.p.redemption.connect(sys.user).redeem(huge, ZERO))
      .to.be.revertedWithCustomError(sys.p.redemption, "RedemptionNoProviderAvailable")
      .withArgs(huge - fee, scanned);
    await expect(sys.p.redemption.connect(sys.user).redeem(huge, sys.providerA.address))
      .to.be.revertedWithCustomError(sys.p.collateral, "CollateralInsufficientBacking")
      .withArgs(sys.providerA.address, await sys.p.collateral.availableBacking(sys.providerA.address), huge - fee);
  });

  it("only the assigned provider confirms, and only by the deadline", async () => {
    const sys = await loadFixture(market);
    const { p, user, providerA, providerB } = sys;
    await (await p.redemption.connect(user).redeem(1_000n * WAD, providerA.address)).wait();
    await expect(p.redemption.connect(providerB).confirmDelivery(0))
      .to.be.revertedWithCustomError(p.redemption, "RedemptionNotAssignedProvider")
      .withArgs(0, providerB.address, providerA.address);
    const { deadline } = await p.redemption.request(0);
    await time.setNextBlockTimestamp(deadline + 1n);
    await expect(p.redemption.connect(providerA).confirmDelivery(0))
      .to.be.revertedWithCustomError(p.redemption, "RedemptionDeadlinePassed")
      .withArgs(0, deadline, deadline + 1n);
    await expect(p.redemption.connect(providerA).confirmDelivery(9))
      .to.be.revertedWithCustomError(p.redemption, "RedemptionUnknownRequest")
      .withArgs(9);
  });

  it("a missed deadline compensates the user from the provider's collateral (CU value × compensationBps)", async () => {
    const sys = await loadFixture(market);
    const { p, user, providerA } = sys;
    await (await p.redemption.connect(user).redeem(1_000n * WAD, providerA.address)).wait();
    const { deadline, amount } = await p.redemption.request(0);
    await time.setNextBlockTimestamp(deadline);
    await expect(claim(sys, 0, sys.spare[4], false))
      .to.be.revertedWithCustomError(p.redemption, "RedemptionDeadlineNotReached")
      .withArgs(0, deadline, deadline);
    await time.increaseTo(deadline + 10n);
    // The CU price moved to $0.07 at the first answer after the deadline: the user is made whole at it, +10%.
    await setFeedAnswer(sys.feedKeeper, sys.feeds.assets["CU/USD"].feed, 7_000_000n);
    await freshPrices(sys);
    const compensationBps = await sys.core.parameters.get(parameterKey("redemption.compensationBps"));
    const owedUsd = (amount * 7n * 10n ** 16n * compensationBps) / (WAD * 10_000n);
    const paid = (owedUsd * USDC) / WAD; // mUSDC at $1
    const before = await p.collateral.accountOf(providerA.address);
    const claimed = claim(sys, 0, sys.spare[4]); // anyone may trigger it
    await expect(claimed)
      .to.emit(p.redemption, "RedemptionCompensated")
      .withArgs(0, user.address, providerA.address, paid);
    await expect(claimed)
      .to.emit(p.collateral, "BackingCompensated")
      .withArgs(providerA.address, user.address, amount, paid);
    await expect(claimed).to.changeTokenBalance(sys.token, user, paid);
    const after = await p.collateral.accountOf(providerA.address);
    expect([after.collateral, after.backing, after.reserved]).to.deep.equal([
      before.collateral - paid,
      before.backing - amount,
      0n,
    ]);
    await expect(p.redemption.connect(providerA).confirmDelivery(0))
      .to.be.revertedWithCustomError(p.redemption, "RedemptionNotPending")
      .withArgs(0, 3);
  });

  it("the fee and the delivery window are governed: a proposal changes both, later requests follow", async () => {
    const sys = await loadFixture(market);
    const { p, user } = sys;
    const set = (key: string, value: bigint) => ({
      target: sys.deployment.contracts.ParameterStore,
      value: 0n,
      data: sys.core.parameters.interface.encodeFunctionData("setParameter", [parameterKey(key), value]),
    });
    await governed(
      sys,
      [set("redemption.feeBps", 80n), set("redemption.deliveryWindow", BigInt(DAY))],
      "# Redemption: 0.8% fee, 1-day delivery window",
      sys.feedKeeper,
    );
    const tx = await p.redemption.connect(user).redeem(1_000n * WAD, ZERO);
    const at = BigInt((await tx.getBlock())!.timestamp);
    await expect(tx)
      .to.emit(p.redemption, "RedemptionRequested")
      .withArgs(0, user.address, sys.providerA.address, 992n * WAD, 8n * WAD, at + BigInt(DAY));
  });

  it("guardians can pause redemptions; confirmations stay open", async () => {
    const sys = await loadFixture(market);
    const { p, user, providerA } = sys;
    await (await p.redemption.connect(user).redeem(1_000n * WAD, providerA.address)).wait();
    const selector = p.redemption.interface.getFunction("redeem").selector;
    const target = sys.deployment.contracts.Redemption;
    await guardianPause(sys, target, [selector], "provider outage");
    const until = await sys.core.authority.pausedUntil(target, selector);
    await expect(p.redemption.connect(user).redeem(WAD, ZERO))
      .to.be.revertedWithCustomError(p.redemption, "Stab3lPaused")
      .withArgs(target, selector, until);
    await expect(p.redemption.connect(providerA).confirmDelivery(0))
      .to.emit(p.redemption, "DeliveryConfirmed")
      .withArgs(0, providerA.address, await releaseOf(sys, 0));
  });

  it("a pause of confirmations never turns into a provider's penalty: no claim while paused, a full window after", async () => {
    const sys = await loadFixture(market);
    const { p, user, providerA } = sys;
    await (await p.redemption.connect(user).redeem(1_000n * WAD, providerA.address)).wait();
    const { deadline } = await p.redemption.request(0);
    expect(await p.redemption.deliveryDeadline(0)).to.equal(deadline);
    const target = sys.deployment.contracts.Redemption;
    const confirm = p.redemption.interface.getFunction("confirmDelivery").selector;
    await guardianPause(sys, target, [confirm], "confirmation exploit");
    const until = await sys.core.authority.pausedUntil(target, confirm);
    const window = await sys.core.parameters.get(parameterKey("redemption.deliveryWindow"));
    expect(until).to.be.greaterThan(deadline);
    expect(await p.redemption.deliveryDeadline(0)).to.equal(until + window);

    // Past the request's own deadline, while the provider cannot confirm: no compensation.
    await time.increaseTo(deadline + 1n);
    await expect(claim(sys, 0, user, false))
      .to.be.revertedWithCustomError(p.redemption, "RedemptionConfirmationsPaused")
      .withArgs(0, until);
    // After the pause, the provider has a full delivery window; the user's claim waits for it.
    await time.increaseTo(until + 1n);
    await expect(claim(sys, 0, user, false))
      .to.be.revertedWithCustomError(p.redemption, "RedemptionDeadlineNotReached")
      .withArgs(0, until + window, until + 2n);
    await expect(p.redemption.connect(providerA).confirmDelivery(0))
      .to.emit(p.redemption, "DeliveryConfirmed")
      .withArgs(0, providerA.address, await releaseOf(sys, 0));
  });
});

describe("Redemption under pauses (review of issue 12): a pause is never a provider's penalty, nor a user's trap", () => {
  /** The guardian Safe as a signer, to see the authority's errors directly. */
  async function guardian(sys: Market) {
    await impersonateAccount(sys.deployment.safes.guardian);
    await setBalance(sys.deployment.safes.guardian, 10n ** 18n);
    return sys.core.authority.connect(await hre.ethers.getSigner(sys.deployment.safes.guardian));
  }
  const windowOf = (sys: Market) => sys.core.parameters.get(parameterKey("redemption.deliveryWindow"));

  it("a pause of CollateralManager.releaseReserved holds claims and moves the deadline, as one of confirmDelivery does", async () => {
    const sys = await loadFixture(market);
    const { p, user, providerA } = sys;
    await (await p.redemption.connect(user).redeem(1_000n * WAD, providerA.address)).wait();
    const { deadline } = await p.redemption.request(0);
    const cm = sys.deployment.contracts.CollateralManager;
    const release = p.collateral.interface.getFunction("releaseReserved").selector;
    // The attack: guardians pause the collateral manager's release; the provider's confirmation reverts in it.
    await guardianPause(sys, cm, [release], "release bug");
    const until = await sys.core.authority.pausedUntil(cm, release);
    await expect(p.redemption.connect(providerA).confirmDelivery(0))
      .to.be.revertedWithCustomError(p.collateral, "Stab3lPaused")
      .withArgs(cm, release, until);
    const window = await windowOf(sys);
    expect(await p.redemption.deliveryPathPauseEnd()).to.equal(until);
    expect(await p.redemption.deliveryDeadline(0)).to.equal(until + window);
    // Past the request's own deadline the user cannot claim 110% from the provider who tried to deliver.
    await time.increaseTo(deadline + 1n);
    await expect(claim(sys, 0, user, false))
      .to.be.revertedWithCustomError(p.redemption, "RedemptionConfirmationsPaused")
      .withArgs(0, until);
    await time.increaseTo(until + 1n);
    await expect(claim(sys, 0, user, false))
      .to.be.revertedWithCustomError(p.redemption, "RedemptionDeadlineNotReached")
      .withArgs(0, until + window, until + 2n);
    await expect(p.redemption.connect(providerA).confirmDelivery(0))
      .to.emit(p.redemption, "DeliveryConfirmed")
      .withArgs(0, providerA.address, await releaseOf(sys, 0));
  });

  it("a pause of the whole collateral manager counts as a pause of the delivery path", async () => {
    const sys = await loadFixture(market);
    const { p, user, providerA } = sys;
    await (await p.redemption.connect(user).redeem(1_000n * WAD, providerA.address)).wait();
    const cm = sys.deployment.contracts.CollateralManager;
    await guardianPause(sys, cm, [], "collateral incident");
    const until = await sys.core.authority.pausedUntil(cm, "0x00000000");
    expect(await p.redemption.deliveryPathPauseEnd()).to.equal(until);
    expect(await p.redemption.deliveryDeadline(0)).to.equal(until + (await windowOf(sys)));
  });

  it("pauses off the delivery path move no deadline, and a pause of a selector Redemption does not serve is refused", async () => {
    const sys = await loadFixture(market);
    const { p, user, providerA } = sys;
    await (await p.redemption.connect(user).redeem(1_000n * WAD, providerA.address)).wait();
    const { deadline } = await p.redemption.request(0);
    const target = sys.deployment.contracts.Redemption;
    const authority = await guardian(sys);
    // The attack: a window opened by pausing a selector Redemption does not have pushed every deadline while
    // nothing visible was paused. Now such a pause is refused (no window opens), as is one of an ADMIN setter.
    await expect(authority.guardianPause(target, ["0xdeadbeef"], "nothing"))
      .to.be.revertedWithCustomError(sys.core.authority, "AuthoritySelectorNotPausable")
      .withArgs(target, "0xdeadbeef");
    const setter = p.redemption.interface.getFunction("setFeeRecipient").selector;
    await expect(authority.guardianPause(target, [setter], "admin only"))
      .to.be.revertedWithCustomError(sys.core.authority, "AuthoritySelectorNotPausable")
      .withArgs(target, setter);
    expect(await sys.core.authority.guardianWindowEnd(target)).to.equal(0n);
    // A real pause off the path (redemptions) opens a window but moves no deadline.
    await guardianPause(sys, target, [p.redemption.interface.getFunction("redeem").selector], "redeem incident");
    expect(await sys.core.authority.guardianWindowEnd(target)).to.be.greaterThan(deadline);
    expect(await p.redemption.deliveryPathPauseEnd()).to.equal(0n);
    expect(await p.redemption.deliveryDeadline(0)).to.equal(deadline);
    await time.increaseTo(deadline + 1n);
    await freshPrices(sys); // the first answers after the deadline price the compensation
    await expect(claim(sys, 0, user)).to.emit(p.redemption, "RedemptionCompensated");
  });

  it("guardians re-pausing confirmations at every cooldown's end hold a claim at most redemption.maxDeadlineExtension", async () => {
    const sys = await loadFixture(market);
    const { p, user, providerA } = sys;
    await (await p.redemption.connect(user).redeem(1_000n * WAD, providerA.address)).wait();
    const { deadline } = await p.redemption.request(0);
    const target = sys.deployment.contracts.Redemption;
    const confirm = p.redemption.interface.getFunction("confirmDelivery").selector;
    const window = await windowOf(sys);
    const maxExtension = await sys.core.parameters.get(parameterKey("redemption.maxDeadlineExtension"));
    const cooldown = await sys.core.parameters.get(parameterKey("guardian.repauseCooldown"));
    expect(cooldown).to.be.lessThanOrEqual(window); // the defaults the finding names: 3 d ≤ 3 d

    // The attack: pause, wait out the cooldown, pause again. Before, each pause moved the deadline to a window
    // after its end, exactly when the next pause could start: the claim never opened.
    await guardianPause(sys, target, [confirm], "first");
    const first = await sys.core.authority.pausedUntil(target, confirm);
    expect(await p.redemption.deliveryDeadline(0)).to.equal(first + window);
    await time.increaseTo(first + cooldown);
    await guardianPause(sys, target, [confirm], "second");
    const second = await sys.core.authority.pausedUntil(target, confirm);
    expect(second + window).to.be.greaterThan(deadline + maxExtension);
    expect(await p.redemption.deliveryDeadline(0)).to.equal(deadline + maxExtension);
    // The second pause outlasts the capped deadline, so it is the cap, not the pause, that holds the claim now.
    await expect(claim(sys, 0, user, false))
      .to.be.revertedWithCustomError(p.redemption, "RedemptionDeadlineNotReached")
      .withArgs(0, deadline + maxExtension, anyUint);
    // Once the pause ends the claim goes through, before guardians may pause again; priced at the capped deadline.
    await time.increaseTo(second + 60n);
    await freshPrices(sys);
    expect((await roundsOf(sys, 0)).deadline).to.equal(deadline + maxExtension);
    await expect(claim(sys, 0, user)).to.emit(p.redemption, "RedemptionCompensated");
  });

  it("guardians pausing confirmDelivery and releaseReserved in turn cannot hold a claim past the capped deadline", async () => {
    const sys = await loadFixture(market);
    const { p, user, providerA } = sys;
    await (await p.redemption.connect(user).redeem(1_000n * WAD, providerA.address)).wait();
    const { deadline } = await p.redemption.request(0);
    const maxExtension = await sys.core.parameters.get(parameterKey("redemption.maxDeadlineExtension"));
    const cap = deadline + maxExtension;
    const redemption = sys.deployment.contracts.Redemption;
    const collateral = sys.deployment.contracts.CollateralManager;
    const confirm = p.redemption.interface.getFunction("confirmDelivery").selector;
    const release = p.collateral.interface.getFunction("releaseReserved").selector;

    // The attack: windows are per contract, so pausing the two halves of the delivery path in turn covers any span.
    await guardianPause(sys, redemption, [confirm], "first half");
    const first = await sys.core.authority.pausedUntil(redemption, confirm);
    await time.increaseTo(first - 3_600n);
    await guardianPause(sys, collateral, [release], "second half");
    const second = await sys.core.authority.pausedUntil(collateral, release);
    expect(second).to.be.greaterThan(cap + BigInt(DAY)); // the path stays paused well past the cap
    expect(await p.redemption.deliveryPathPauseEnd()).to.equal(second);
    expect(await p.redemption.deliveryDeadline(0)).to.equal(cap);

    // Before the cap: the deadline is not reached (the claim waits, as it should while the provider is protected).
    await time.increaseTo(cap - 60n);
    await expect(claim(sys, 0, user, false))
      .to.be.revertedWithCustomError(p.redemption, "RedemptionDeadlineNotReached")
      .withArgs(0, cap, cap - 59n);
    // Past the cap the running pause no longer holds it: priced at the capped deadline, paid to the user.
    await time.increaseTo(cap + 60n);
    await freshPrices(sys);
    expect(await sys.core.authority.isPaused(collateral, release)).to.equal(true);
    expect((await roundsOf(sys, 0)).deadline).to.equal(cap);
    await expect(claim(sys, 0, user)).to.emit(p.redemption, "RedemptionCompensated");
    expect((await p.redemption.request(0)).status).to.equal(3n); // Compensated
  });

  it("compensation is priced at the deadline: claiming later, at a better price, pays the same; a later round is refused", async () => {
    const sys = await loadFixture(market);
    const { p, user, providerA } = sys;
    await (await p.redemption.connect(user).redeem(1_000n * WAD, providerA.address)).wait();
    const { deadline, amount } = await p.redemption.request(0);
    const cuFeed = sys.feeds.assets["CU/USD"].feed;
    await time.increaseTo(deadline + 10n);
    await setFeedAnswer(sys.feedKeeper, cuFeed, 7_000_000n); // $0.07: the first CU/USD answer after the deadline
    await freshPrices(sys);
    const rounds = await roundsOf(sys, 0);
    // The attack: the user waits for the CU price to double, then claims at it.
    await time.increase(2 * DAY);
    await setFeedAnswer(sys.feedKeeper, cuFeed, 14_000_000n);
    await freshPrices(sys);
    const latest = await sys.p.oracle.runner!.provider!.call({ to: cuFeed, data: "0x668a0f02" }).then(BigInt); // latestRound()
    const atLatest = p.redemption.connect(user).claimCompensation(0, latest, rounds.collateralRoundId);
    const previous = await hre.ethers.provider
      .call({ to: cuFeed, data: hre.ethers.concat(["0xb633620c", hre.ethers.toBeHex(latest - 1n, 32)]) }) // getTimestamp
      .then(BigInt);
    await expect(atLatest)
      .to.be.revertedWithCustomError(sys.oracle, "PriceOracleRoundNotFirst")
      .withArgs(CU_USD, latest, previous, deadline);
    // The deadline's price, $0.07 × 110%, whoever claims and whenever.
    const paid = (((amount * 7n * 10n ** 16n * 11_000n) / (WAD * 10_000n)) * USDC) / WAD;
    const claimed = p.redemption.connect(providerA).claimCompensation(0, rounds.cuRoundId, rounds.collateralRoundId);
    await expect(claimed)
      .to.emit(p.redemption, "RedemptionCompensated")
      .withArgs(0, user.address, providerA.address, paid);
    const receipt = await (await claimed).wait();
    expect(receipt!.gasUsed).to.be.lessThan(200_000n);
  });
});
