import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { parameterKey } from "../../governance/catalog/index.js";
import { ROLES } from "../../governance/contracts.js";
import { governed, guardianPause } from "../oracles/fixtures.js";
import {
  DAY,
  WAD,
  collateralFor,
  freshPrices,
  mintFor,
  onboardProvider,
  protocolSystem,
  unlockOf,
} from "../core/fixtures.js";

const M_KEY = parameterKey("rewards.multiplier");

/** A provider that minted and auto-staked 10,000 CU for 30 days, and a user holding 2,000 sSTB it bought. */
async function staked() {
  const sys = await protocolSystem();
  const [provider, , user] = sys.spare;
  await onboardProvider(sys, provider, collateralFor(12_000n * WAD));
  const { receipt } = await mintFor(sys, provider, 10_000n * WAD, 30 * DAY);
  const stakedAt = BigInt((await hre.ethers.provider.getBlock(receipt.blockNumber))!.timestamp);
  await mintFor(sys, provider, 2_000n * WAD, 7 * DAY);
  await time.increaseTo((await sys.p.staking.position(provider.address, 1)).unlockAt);
  await freshPrices(sys);
  await (await sys.p.staking.connect(provider).unstake(1)).wait();
  await (await sys.p.sstb.connect(provider).transfer(user.address, 2_000n * WAD)).wait();
  await (await sys.p.sstb.connect(user).approve(await sys.p.staking.getAddress(), hre.ethers.MaxUint256)).wait();
  return { ...sys, provider, user, stakedAt };
}

async function blockTime(tx: { blockNumber: number | null }): Promise<bigint> {
  return BigInt((await hre.ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
}

describe("Flow 2 — stake, time, rewards R = S × T × M in rSTB", () => {
  it("anyone stakes sSTB for at least the minimum period and takes it back only after it", async () => {
    const sys = await loadFixture(staked);
    const { p, user } = sys;
    const tx = await p.staking.connect(user).stake(1_500n * WAD, 14 * DAY);
    const at = await blockTime(tx);
    await expect(tx)
      .to.emit(p.staking, "Staked")
      .withArgs(user.address, 0, 1_500n * WAD, unlockOf(at, 14 * DAY), user.address);
    await expect(tx).to.changeTokenBalances(
      p.sstb,
      [user, await p.staking.getAddress()],
      [-1_500n * WAD, 1_500n * WAD],
    );
    await time.setNextBlockTimestamp(unlockOf(at, 14 * DAY) - 1n);
    await expect(p.staking.connect(user).unstake(0))
      .to.be.revertedWithCustomError(p.staking, "StakingPositionLocked")
      .withArgs(user.address, 0, unlockOf(at, 14 * DAY), unlockOf(at, 14 * DAY) - 1n);
    await expect(p.staking.connect(user).unstake(0))
      .to.emit(p.staking, "Unstaked")
      .withArgs(user.address, 0, 1_500n * WAD);
    await expect(p.staking.connect(user).unstake(0))
      .to.be.revertedWithCustomError(p.staking, "StakingNoPosition")
      .withArgs(user.address, 0);
    await expect(p.staking.connect(sys.spare[4]).unstake(0))
      .to.be.revertedWithCustomError(p.staking, "StakingNoPosition")
      .withArgs(sys.spare[4].address, 0);
    expect(await p.staking.stakeOf(user.address)).to.equal(0n);
  });

  it("periods and amounts outside the governed limits revert with the limits in the error", async () => {
    const sys = await loadFixture(staked);
    const { p, user } = sys;
    const get = (k: string) => sys.core.parameters.get(parameterKey(k));
    const [minPeriod, maxPeriod, minAmount] = [
      await get("staking.minPeriod"),
      await get("staking.maxPeriod"),
      await get("staking.minAmount"),
    ];
    await expect(p.staking.connect(user).stake(WAD, minPeriod - 1n))
      .to.be.revertedWithCustomError(p.staking, "StakingPeriodTooShort")
      .withArgs(minPeriod - 1n, minPeriod);
    await expect(p.staking.connect(user).stake(WAD, maxPeriod + 1n))
      .to.be.revertedWithCustomError(p.staking, "StakingPeriodTooLong")
      .withArgs(maxPeriod + 1n, maxPeriod);
    await expect(p.staking.connect(user).stake(minAmount - 1n, minPeriod))
      .to.be.revertedWithCustomError(p.staking, "StakingAmountTooLow")
      .withArgs(minAmount - 1n, minAmount);
    await expect(p.staking.connect(user).stake(0, minPeriod))
      .to.be.revertedWithCustomError(p.staking, "StakingAmountTooLow")
      .withArgs(0, minAmount);
    expect(await p.staking.positionCount(user.address)).to.equal(0n);
  });

  it("pays exactly S × T × M: the provider's auto-staked sSTB earns rSTB it claims", async () => {
    const sys = await loadFixture(staked);
    const { p, provider, stakedAt } = sys;
    const m = await sys.core.parameters.get(M_KEY);
    // The second position (2,000 CU, 7 days) earned while it was staked, then left.
    const unstakedAt = BigInt((await p.staking.position(provider.address, 1)).unlockAt);
    const secondStakedAt = BigInt((await p.staking.position(provider.address, 1)).stakedAt);
    expect(unstakedAt).to.equal(unlockOf(secondStakedAt, 7 * DAY));
    const claim = await p.rewards.connect(provider).claim();
    const t = await blockTime(claim);
    // 10,000 sSTB since stakedAt; 2,000 more from secondStakedAt until it was unstaked (checkpointed then).
    const unstakeTime = (await p.staking.queryFilter(p.staking.filters.Unstaked(provider.address)))[0].blockNumber;
    const u = BigInt((await hre.ethers.provider.getBlock(unstakeTime))!.timestamp);
    const first = 10_000n * WAD * m * (u - stakedAt);
    const both = 2_000n * WAD * m * (u - secondStakedAt);
    const accruedAtUnstake = (first + both) / WAD;
    const sinceUnstake = (10_000n * WAD * m * (t - u)) / WAD;
    const expected = accruedAtUnstake + sinceUnstake;
    await expect(claim).to.emit(p.rewards, "RewardsClaimed").withArgs(provider.address, expected, 0);
    await expect(claim).to.changeTokenBalance(sys.core.token, provider, expected);
    expect(await p.rewards.totalPaid()).to.equal(expected);
    // ≈ (10,000 + 2,000) sSTB × 0.1 rSTB/yr × 7 to 8 days (the lock end rounded up to a day): 23 to 26 rSTB
    const days = Number(u - secondStakedAt) / DAY;
    expect(days).to.be.within(7, 8);
    expect(expected / WAD).to.be.within(23n, 26n);
  });

  it("no double claim: once paid and unstaked, a claim is RewardsNothingToClaim", async () => {
    const sys = await loadFixture(staked);
    const { p, provider } = sys;
    await time.increase(30 * DAY);
    await freshPrices(sys);
    await (await p.staking.connect(provider).unstake(0)).wait();
    await (await p.rewards.connect(provider).claim()).wait();
    expect(await p.rewards.accruedOf(provider.address)).to.equal(0n);
    await time.increase(DAY);
    await expect(p.rewards.connect(provider).claim())
      .to.be.revertedWithCustomError(p.rewards, "RewardsNothingToClaim")
      .withArgs(provider.address);
  });

  it("M set by a proposal applies from its execution on; a scheduled M applies from its effective time, not before", async () => {
    const sys = await loadFixture(staked);
    const { p, user } = sys;
    const stakeTx = await p.staking.connect(user).stake(1_000n * WAD, 365 * DAY);
    const t0 = await blockTime(stakeTx);
    const m1 = await sys.core.parameters.get(M_KEY);
    const m2 = (m1 * 3n) / 2n; // +50%, the largest step allowed
    const store = sys.deployment.contracts.ParameterStore;
    const { receipt } = await governed(
      sys,
      [
        {
          target: store,
          value: 0n,
          data: sys.core.parameters.interface.encodeFunctionData("setParameter", [M_KEY, m2]),
        },
      ],
      "# Rewards: M +50%",
    );
    const t1 = await blockTime(receipt);
    // A second change, scheduled 40 days out (past the 30-day cooldown), back down by a third.
    const m3 = (m2 * 2n) / 3n;
    const t3 = t1 + BigInt(40 * DAY) + BigInt(8 * DAY); // proposal takes ~8 days; effective 40 days after t1 + 8
    const scheduled = await governed(
      sys,
      [
        {
          target: store,
          value: 0n,
          data: sys.core.parameters.interface.encodeFunctionData("scheduleParameter", [M_KEY, m3, t3]),
        },
      ],
      "# Rewards: M back down in 48 days",
    );
    const ts = await blockTime(scheduled.receipt);
    expect(ts).to.be.lessThan(t3);
    const S = 1_000n * WAD;
    const expectedAt = (t: bigint) =>
      (S * (m1 * (t1 - t0) + m2 * ((t < t3 ? t : t3) - t1) + (t > t3 ? m3 * (t - t3) : 0n))) / WAD;
    // Before the scheduled time: only m1 then m2.
    await time.increaseTo(t3 - 100n);
    expect(await p.rewards.accruedOf(user.address)).to.equal(expectedAt(t3 - 100n));
    await time.increaseTo(t3 + BigInt(5 * DAY));
    expect(await p.rewards.accruedOf(user.address)).to.equal(expectedAt(t3 + BigInt(5 * DAY)));
    const claim = await p.rewards.connect(user).claim();
    const tc = await blockTime(claim);
    await expect(claim).to.emit(p.rewards, "RewardsClaimed").withArgs(user.address, expectedAt(tc), 0);
  });

  it("pays within rSTB's governed supply cap: the room is paid, the rest stays owed, then RewardsSupplyCapReached", async () => {
    const sys = await loadFixture(protocolSystem);
    const { p } = sys;
    const whale = sys.spare[3];
    const perProvider = 100_000_000n * WAD;
    const now = await time.latest();
    await time.increaseTo(now - (now % DAY) + DAY + 1);
    await freshPrices(sys);
    const providers = [];
    for (let i = 0; i < 10; i++) {
      const w = hre.ethers.Wallet.createRandom().connect(hre.ethers.provider);
      await (await sys.deployer.sendTransaction({ to: w.address, value: WAD })).wait();
      await onboardProvider(sys, w, collateralFor(perProvider));
      await mintFor(sys, w, perProvider, 7 * DAY);
      providers.push(w);
    }
    await time.increase(8 * DAY); // 7 days, the lock end rounded up to a day boundary
    await freshPrices(sys);
    for (const w of providers) {
      await (await p.staking.connect(w).unstake(0)).wait();
      await (await p.sstb.connect(w).transfer(whale.address, perProvider)).wait();
    }
    await (await p.sstb.connect(whale).approve(await p.staking.getAddress(), hre.ethers.MaxUint256)).wait();
    await (await p.staking.connect(whale).stake(10n * perProvider, 365 * DAY)).wait();
    await time.increase(365 * DAY);
    const cap = await sys.core.token.supplyCap();
    const supply = await sys.core.token.totalSupply();
    const claim = await p.rewards.connect(whale).claim();
    const receipt = await claim.wait();
    const event = receipt!.logs.map((l) => p.rewards.interface.parseLog(l)).find((e) => e?.name === "RewardsClaimed")!;
    const [, paid, stillOwed] = event.args;
    expect(paid).to.equal(cap - supply);
    expect(stillOwed).to.be.greaterThan(0n);
    expect(await sys.core.token.totalSupply()).to.equal(cap);
    await expect(p.rewards.connect(whale).claim())
      .to.be.revertedWithCustomError(p.rewards, "RewardsSupplyCapReached")
      .withArgs(whale.address, (owed: bigint) => owed >= stillOwed, cap, cap);
  });

  it("an issued stake must already be held: StakingUnbackedIssue(balance, required)", async () => {
    const sys = await loadFixture(staked);
    const issuer = sys.spare[5];
    await governed(
      sys,
      [
        {
          target: sys.deployment.contracts.STAB3LAuthority,
          value: 0n,
          data: sys.core.authority.interface.encodeFunctionData("grantRole", [ROLES.STAKE_ISSUER, issuer.address, 0]),
        },
      ],
      "# Test: a second stake issuer",
    );
    const held = await sys.p.sstb.balanceOf(await sys.p.staking.getAddress());
    const total = await sys.p.staking.totalStaked();
    expect(held).to.equal(total);
    await expect(sys.p.staking.connect(issuer).stakeFor(issuer.address, WAD, 7 * DAY))
      .to.be.revertedWithCustomError(sys.p.staking, "StakingUnbackedIssue")
      .withArgs(held, total + WAD);
  });

  it("guardians can pause staking and claims; unstaking stays open", async () => {
    const sys = await loadFixture(staked);
    const { p, provider, user } = sys;
    await (await p.staking.connect(user).stake(1_000n * WAD, 7 * DAY)).wait();
    const staking = sys.deployment.contracts.ProviderStaking;
    const rewards = sys.deployment.contracts.RewardsDistributor;
    const stakeSel = p.staking.interface.getFunction("stake").selector;
    const claimSel = p.rewards.interface.getFunction("claim").selector;
    await guardianPause(sys, staking, [stakeSel], "drill");
    await guardianPause(sys, rewards, [claimSel], "drill");
    await expect(p.staking.connect(user).stake(WAD, 7 * DAY))
      .to.be.revertedWithCustomError(p.staking, "Stab3lPaused")
      .withArgs(staking, stakeSel, await sys.core.authority.pausedUntil(staking, stakeSel));
    await expect(p.rewards.connect(provider).claim())
      .to.be.revertedWithCustomError(p.rewards, "Stab3lPaused")
      .withArgs(rewards, claimSel, await sys.core.authority.pausedUntil(rewards, claimSel));
    await time.increase(8 * DAY); // past the lock (rounded up to a day), within the 10-day pause
    expect(await sys.core.authority.isPaused(rewards, claimSel)).to.equal(true);
    await expect(p.staking.connect(user).unstake(0))
      .to.emit(p.staking, "Unstaked")
      .withArgs(user.address, 0, 1_000n * WAD);
  });

  it("pausing the whole RewardsDistributor stops claims; stake changes go on and still checkpoint (a wired hop)", async () => {
    // The checkpoint is wired to ProviderStaking: a pause of the distributor cannot skip it (that would pay the
    // new stake for the old period, breaking INV-REWARDS), and no longer holds unstaking hostage either.
    const sys = await loadFixture(staked);
    const { p, user } = sys;
    await (await p.staking.connect(user).stake(1_000n * WAD, 7 * DAY)).wait();
    const rewards = sys.deployment.contracts.RewardsDistributor;
    await guardianPause(sys, rewards, [], "rewards incident");
    await time.increase(8 * DAY); // past the lock (rounded up to a day boundary)
    const before = await p.rewards.accruedOf(user.address);
    await expect(p.staking.connect(user).unstake(0)).to.emit(p.staking, "Unstaked");
    // Accrued up to the unstake, then nothing more: the checkpoint ran on the old stake.
    const accrued = await p.rewards.accruedOf(user.address);
    expect(accrued).to.be.greaterThan(before);
    await time.increase(DAY);
    expect(await p.rewards.accruedOf(user.address)).to.equal(accrued);
    const claimSel = p.rewards.interface.getFunction("claim").selector;
    await expect(p.rewards.connect(user).claim())
      .to.be.revertedWithCustomError(p.rewards, "Stab3lPaused")
      .withArgs(rewards, claimSel, await sys.core.authority.pausedUntil(rewards, "0x00000000"));
  });
});
