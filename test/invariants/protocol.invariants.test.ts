/**
 * Property tests: random sequences of user actions, price moves and time on the deployed system, with the
 * domain's invariants checked after every step.
 *
 *   INV-CU          the CU token's supply is zero after every transaction: each transaction's CU mints and burns
 *                   net to zero, and a provider that is a contract (CUSupplyProbe) reads supply and balance
 *                   right after its mint returns, inside the transaction.
 *   INV-BACKING     sSTB supply = minted − redeemed − liquidated (− bridged out + bridged in: none here), and
 *                   the providers' backing = sSTB supply + backing reserved by pending redemptions.
 *   INV-COLLATERAL  after any successful action no provider is below the collateral ratio unless it already
 *                   was; only price moves put a provider below it (and make it liquidatable).
 *   INV-REWARDS     rSTB paid to each account (its rSTB balance) ≤ Σ stake × time × M accrued to it, with M
 *                   changed by governance at random times (and, right after a claim, within rounding of it: the
 *                   bound is tight, not vacuous).
 *
 * A liquidation of a provider below the ratio, within its available backing and the liquidator's sSTB, must
 * succeed: "makes it liquidatable" is checked, not assumed.
 *
 * Every failed action must fail with a named error of the protocol (never an access error, a panic or a bare
 * revert). Seeds: PROP_SEEDS="1,2,3" and PROP_STEPS=60 by default; a failure prints the seed and the last steps;
 * PROP_VERBOSE=1 prints every step.
 */
import { AssertionError, expect } from "chai";
import hre from "hardhat";
import { loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  Wallet,
  ZeroAddress,
  type ContractTransactionReceipt,
  type ContractTransactionResponse,
  type HDNodeWallet,
} from "ethers";
import { decodeError } from "../../governance/abis.js";
import { parameterKey } from "../../governance/catalog/index.js";
import { compensationRounds } from "../../governance/redemption.js";
import { ATTESTER_METHOD } from "../../governance/deploy/protocol.js";
import { attesterProof, newReport } from "../../governance/reports.js";
import { nextAnswer, seededRandom, setFeedAnswer } from "../../oracles/simulator.js";
import { CUSupplyProbe__factory } from "../../typechain-types/factories/contracts/mocks/CUSupplyProbe__factory.js";
import type { CUSupplyProbe } from "../../typechain-types/contracts/mocks/CUSupplyProbe.js";
import { COLLATERAL_USD, CU_USD } from "../oracles/fixtures.js";
import {
  DAY,
  FLOPS_PER_CU,
  USDC,
  WAD,
  deposit,
  freshPrices,
  onboardProvider,
  protocolSystem,
  type ProtocolSystem,
} from "../core/fixtures.js";

const SEEDS = (process.env.PROP_SEEDS ?? "1,2,3").split(",").map(Number);
const STEPS = Number(process.env.PROP_STEPS ?? 60);

interface World {
  sys: ProtocolSystem;
  rng: () => number;
  providers: HDNodeWallet[];
  /** A provider that is a contract: it mints and reads the CU token before its transaction ends. */
  probe: CUSupplyProbe;
  probeAddress: string;
  /** Mints observed by the probe (the run must have some for INV-CU inside a transaction to mean anything). */
  probeMints: number;
  users: HDNodeWallet[];
  /** Exact Σ stake × M × dt (wad-scaled) per account, and when it was last brought up to date. */
  rewardsExact: Map<string, bigint>;
  stakes: Map<string, bigint>;
  lastTime: number;
  multiplier: bigint;
  /** Multiplier changes scheduled by governance and not yet in force, by effective time. */
  pendingMultiplier: { at: number; value: bigint }[];
}

function pick<T>(w: World, list: readonly T[]): T | undefined {
  return list.length === 0 ? undefined : list[Math.floor(w.rng() * list.length)];
}
function between(w: World, lo: bigint, hi: bigint): bigint {
  return lo + BigInt(Math.floor(w.rng() * Number(hi - lo + 1n)));
}

/** Errors an action may legitimately fail with (bad input, rules, untrusted prices). */
const ALLOWED = new Set([
  "CollateralBelowMinRatio",
  "CollateralInsufficient",
  "CollateralInsufficientBacking",
  "CollateralNotLiquidatable",
  "CollateralZeroAmount",
  "StakingPeriodTooShort",
  "StakingPeriodTooLong",
  "StakingAmountTooLow",
  "StakingPositionLocked",
  "StakingNoPosition",
  "RedemptionAmountTooSmall",
  "RedemptionNoProviderAvailable",
  "RedemptionDeadlinePassed",
  "RedemptionDeadlineNotReached",
  "PriceOracleRoundBeforeTime",
  "RedemptionNotPending",
  "RewardsNothingToClaim",
  "MintingAgentProviderCapExceeded",
  "MintingAgentEpochCapExceeded",
  "ERC20InsufficientBalance",
  "ParameterChangePending",
  "ParameterCooldownActive",
  "ParameterOutOfBounds",
]);

/** Send a transaction; returns true if it succeeded, false if it failed with an allowed named error. */
async function attempt(w: World, label: string, send: () => Promise<ContractTransactionResponse>): Promise<boolean> {
  // The model accrues rewards up to the transaction's block time: pin it, since on a busy machine the node's
  // wall clock can put the next block more than 1 s after the last.
  const next = (await time.latest()) + 1;
  await time.setNextBlockTimestamp(next);
  await syncRewards(w, next);
  try {
    const receipt = (await (await send()).wait())!;
    checkCuNetZero(w, receipt);
    return true;
  } catch (err) {
    if (err instanceof AssertionError) throw err;
    const data = (err as { data?: string }).data;
    const name = decodeError(data).name;
    if (!name || !ALLOWED.has(name)) {
      throw new Error(`${label} failed with ${name ?? `unknown error ${data ?? (err as Error).message}`}`);
    }
    return false;
  }
}

/**
 * INV-CU inside a transaction: the CU token keeps its balances in transient storage, which reads zero from any
 * later call, so the check is on the transaction's own Transfer events: every CU minted was burned again.
 */
function checkCuNetZero(w: World, receipt: ContractTransactionReceipt) {
  const cu = w.sys.deployment.contracts.CUToken.toLowerCase();
  let net = 0n;
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== cu) continue;
    const e = w.sys.p.cuToken.interface.parseLog(log);
    if (e?.name !== "Transfer") continue;
    if (e.args.from === ZeroAddress) net += e.args.value as bigint;
    if (e.args.to === ZeroAddress) net -= e.args.value as bigint;
  }
  expect(net, "INV-CU: CU minted and not burned in the same transaction").to.equal(0n);
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== w.probeAddress.toLowerCase()) continue;
    const e = w.probe.interface.parseLog(log)!;
    expect(e.args.cuMinted, "INV-CU: the probe minted").to.be.greaterThan(0n);
    expect(
      [e.args.cuSupply, e.args.agentCuBalance],
      "INV-CU: CU supply and the MintingAgent's CU balance inside the transaction",
    ).to.deep.equal([0n, 0n]);
    w.probeMints++;
  }
}

/**
 * Bring the exact reward sums up to `t` with the stakes held since the last update, switching M at the
 * effective time of each scheduled change on the way.
 */
async function syncRewards(w: World, t: number) {
  const accrue = (to: number) => {
    if (to <= w.lastTime) return;
    for (const [account, stake] of w.stakes) {
      w.rewardsExact.set(account, (w.rewardsExact.get(account) ?? 0n) + stake * w.multiplier * BigInt(to - w.lastTime));
    }
    w.lastTime = to;
  };
  while (w.pendingMultiplier.length > 0 && w.pendingMultiplier[0].at <= t) {
    const change = w.pendingMultiplier.shift()!;
    accrue(change.at);
    w.multiplier = change.value;
  }
  accrue(t);
}

async function refreshStakes(w: World) {
  for (const a of [...w.providers, ...w.users]) w.stakes.set(a.address, await w.sys.p.staking.stakeOf(a.address));
}

async function liquidatable(w: World): Promise<Set<string>> {
  const out = new Set<string>();
  for (const p of providerAddresses(w)) if (await w.sys.p.collateral.isLiquidatable(p)) out.add(p);
  return out;
}

async function fundedWallet(w: World): Promise<HDNodeWallet> {
  const wallet = Wallet.createRandom().connect(hre.ethers.provider);
  await (await w.sys.deployer.sendTransaction({ to: wallet.address, value: 10n * WAD })).wait();
  return wallet;
}

/** A CUSupplyProbe registered as a provider with 500 mUSDC of collateral. */
async function deployProbe(sys: ProtocolSystem): Promise<{ probe: CUSupplyProbe; probeAddress: string }> {
  const probe = await new CUSupplyProbe__factory(sys.deployer).deploy(
    await sys.p.agent.getAddress(),
    await sys.p.cuToken.getAddress(),
  );
  const probeAddress = await probe.getAddress();
  await (await probe.register(await sys.p.verifier.getAddress(), hre.ethers.id("probe provider"))).wait();
  await (await sys.token.connect(sys.deployer).faucet(probeAddress, 500n * USDC)).wait();
  await (await probe.deposit(await sys.p.collateral.getAddress(), await sys.token.getAddress(), 500n * USDC)).wait();
  return { probe, probeAddress };
}

/** Every provider's address: the wallets and the probe. */
function providerAddresses(w: World): string[] {
  return [...w.providers.map((p) => p.address), w.probeAddress];
}

/** The actions, by weight. Each returns a label and whether it is a price move (excluded from INV-COLLATERAL). */
type Action = (w: World) => Promise<{ label: string; priceMove?: boolean; claimBy?: string }>;
const ACTIONS: [number, Action][] = [
  [
    1,
    async (w) => {
      const provider = await fundedWallet(w);
      await onboardProvider(w.sys, provider, between(w, 50n, 1_000n) * USDC);
      w.providers.push(provider);
      return { label: `new provider ${provider.address.slice(0, 8)}` };
    },
  ],
  [
    2,
    async (w) => {
      const p = pick(w, w.providers);
      if (!p) return { label: "deposit (no provider)" };
      const amount = between(w, 1n, 300n) * USDC;
      await deposit(w.sys, p, amount);
      return { label: `deposit ${amount}` };
    },
  ],
  [
    2,
    async (w) => {
      const p = pick(w, w.providers);
      if (!p) return { label: "withdraw (no provider)" };
      const held = (await w.sys.p.collateral.accountOf(p.address)).collateral;
      const amount = (held * between(w, 1n, 60n)) / 100n + 1n;
      const ok = await attempt(w, "withdraw", () => w.sys.p.collateral.connect(p).withdraw(amount));
      return { label: `withdraw ${amount} ${ok ? "ok" : "refused"}` };
    },
  ],
  [
    4,
    async (w) => {
      const viaProbe = w.rng() < 0.25;
      const p = pick(w, w.providers);
      if (!p) return { label: "mint (no provider)" };
      const provider = viaProbe ? w.probeAddress : p.address;
      // Mostly within the provider's collateral capacity, sometimes beyond it.
      const account = await w.sys.p.collateral.accountOf(provider);
      const [cuPrice, collPrice] = await w.sys.p.oracle.prices(CU_USD, COLLATERAL_USD);
      const valueUsd = (account.collateral * collPrice) / USDC;
      const room = (valueUsd * WAD * 10_000n) / (cuPrice * 12_000n);
      const capacity = room > account.backing ? room - account.backing : 0n;
      const cu = capacity > WAD ? (capacity * between(w, 1n, 120n)) / 100n + WAD : between(w, 1n, 100n) * WAD;
      const period = between(w, 6n, 40n) * BigInt(DAY);
      const report = newReport(provider, (cu * FLOPS_PER_CU) / WAD, await time.latest(), 3_600);
      const proof = await attesterProof(w.sys.attesters.slice(0, 2), w.sys.domain, report);
      const ok = await attempt(w, "mint", () =>
        viaProbe
          ? w.probe.connect(p).mintAndProbe(report, ATTESTER_METHOD, proof, period)
          : w.sys.p.agent.connect(p).mint(report, ATTESTER_METHOD, proof, period),
      );
      if (ok && (await w.sys.p.verifier.isReportUsed(report.provider, report.reportId)) !== true) {
        throw new Error("minted from a report that is not marked used");
      }
      const by = viaProbe ? " by the probe" : "";
      return { label: `mint ${cu / WAD} CU for ${period / BigInt(DAY)} d${by} ${ok ? "ok" : "refused"}` };
    },
  ],
  [
    3,
    async (w) => {
      const stakers = [...w.providers, ...w.users].filter((x) => (w.stakes.get(x.address) ?? 0n) > 0n);
      const a = pick(w, stakers) ?? pick(w, [...w.providers, ...w.users]);
      if (!a) return { label: "unstake (nobody)" };
      const n = await w.sys.p.staking.positionCount(a.address);
      const now = BigInt(await time.latest());
      const open: bigint[] = [];
      const unlocked: bigint[] = [];
      for (let i = 0n; i < n; i++) {
        const pos = await w.sys.p.staking.position(a.address, i);
        if (pos.amount > 0n) (pos.unlockAt <= now + 1n ? unlocked : open).push(i);
      }
      // Usually an unlocked position; sometimes a locked, closed or missing one (refused by name).
      const index = (w.rng() < 0.75 ? pick(w, unlocked) : undefined) ?? pick(w, open) ?? between(w, 0n, n);
      const ok = await attempt(w, "unstake", () => w.sys.p.staking.connect(a).unstake(index));
      return { label: `unstake #${index} ${ok ? "ok" : "refused"}` };
    },
  ],
  [
    2,
    async (w) => {
      const p = pick(w, w.providers);
      const u = pick(w, w.users);
      if (!p || !u) return { label: "transfer (nobody)" };
      const balance = await w.sys.p.sstb.balanceOf(p.address);
      if (balance === 0n) return { label: "transfer (nothing free)" };
      const amount = between(w, 1n, balance / WAD + 1n) * WAD;
      const ok = await attempt(w, "transfer", () =>
        w.sys.p.sstb.connect(p).transfer(u.address, amount > balance ? balance : amount),
      );
      return { label: `transfer ${amount / WAD} sSTB ${ok ? "ok" : "refused"}` };
    },
  ],
  [
    2,
    async (w) => {
      const u = pick(w, w.users);
      if (!u) return { label: "stake (nobody)" };
      const balance = await w.sys.p.sstb.balanceOf(u.address);
      const amount = w.rng() < 0.85 ? (balance * between(w, 1n, 100n)) / 100n : between(w, 0n, 1_500n) * WAD;
      const period = between(w, 6n, 30n) * BigInt(DAY);
      const ok = await attempt(w, "stake", () => w.sys.p.staking.connect(u).stake(amount, period));
      return { label: `stake ${amount / WAD} for ${period / BigInt(DAY)} d ${ok ? "ok" : "refused"}` };
    },
  ],
  [
    3,
    async (w) => {
      const u = pick(w, w.users);
      if (!u) return { label: "redeem (nobody)" };
      const balance = await w.sys.p.sstb.balanceOf(u.address);
      const amount = w.rng() < 0.85 ? (balance * between(w, 1n, 60n)) / 100n : between(w, 0n, 1_500n) * WAD;
      const chosen = w.rng() < 0.3 ? pick(w, w.providers)?.address : undefined;
      const ok = await attempt(w, "redeem", () =>
        w.sys.p.redemption.connect(u).redeem(amount, chosen ?? hre.ethers.ZeroAddress),
      );
      return { label: `redeem ${amount / WAD} ${chosen ? "chosen" : "auto"} ${ok ? "ok" : "refused"}` };
    },
  ],
  [
    3,
    async (w) => {
      const n = await w.sys.p.redemption.requestCount();
      if (n === 0n) return { label: "confirm (no request)" };
      const pending: bigint[] = [];
      for (let i = 0n; i < n; i++) if ((await w.sys.p.redemption.request(i)).status === 1n) pending.push(i);
      const id = (w.rng() < 0.85 ? pick(w, pending) : undefined) ?? between(w, 0n, n - 1n);
      const r = await w.sys.p.redemption.request(id);
      // The probe is a provider too: it confirms through its own pass-through.
      const provider = w.providers.find((p) => p.address === r.provider);
      const ok = await attempt(w, "confirm", async () =>
        provider
          ? w.sys.p.redemption.connect(provider).confirmDelivery(id)
          : w.probe.connect(w.sys.spare[7]).confirmDelivery(await w.sys.p.redemption.getAddress(), id),
      );
      return { label: `confirm #${id} ${ok ? "ok" : "refused"}` };
    },
  ],
  [
    2,
    async (w) => {
      const n = await w.sys.p.redemption.requestCount();
      if (n === 0n) return { label: "compensate (no request)" };
      const id = between(w, 0n, n - 1n);
      const feeds = {
        cuUsd: w.sys.feeds.assets["CU/USD"].feed,
        collateralUsd: w.sys.feeds.assets["COLLATERAL/USD"].feed,
      };
      // The rounds that price it (the first answers at or after the deadline); none yet: the latest, refused.
      const rounds = await compensationRounds(w.sys.p.redemption, id, feeds, hre.ethers.provider).catch(
        () => undefined,
      );
      const latest = async (feed: string) => BigInt(await hre.ethers.provider.call({ to: feed, data: "0x668a0f02" })); // latestRound()
      const cuRound = rounds?.cuRoundId ?? (await latest(feeds.cuUsd));
      const collRound = rounds?.collateralRoundId ?? (await latest(feeds.collateralUsd));
      const ok = await attempt(w, "compensate", () =>
        w.sys.p.redemption.connect(w.sys.spare[7]).claimCompensation(id, cuRound, collRound),
      );
      // Compensation is priced at the deadline: it can put a provider below the ratio at today's prices only when
      // CU was dearer against the collateral then than now, i.e. through a price move since the deadline.
      const answer = async (feed: string) => BigInt(await hre.ethers.provider.call({ to: feed, data: "0x50d25bcd" }));
      const moved =
        ok &&
        rounds !== undefined &&
        rounds.cuAnswer * (await answer(feeds.collateralUsd)) > (await answer(feeds.cuUsd)) * rounds.collateralAnswer;
      return { label: `compensate #${id} ${ok ? "ok" : "refused"}`, priceMove: moved };
    },
  ],
  [
    3,
    async (w) => {
      const under = [...(await liquidatable(w))];
      const target = pick(w, under) ?? pick(w, w.providers)?.address;
      const u = pick(w, w.users);
      if (!target || !u) return { label: "liquidate (nobody)" };
      const available = await w.sys.p.collateral.availableBacking(target);
      const held = await w.sys.p.sstb.balanceOf(u.address);
      const cap = available < held ? available : held;
      const amount = cap > 0n ? (cap * between(w, 1n, 100n)) / 100n + 1n : WAD;
      await (
        await w.sys.p.sstb.connect(u).approve(await w.sys.p.collateral.getAddress(), hre.ethers.MaxUint256)
      ).wait();
      const ok = await attempt(w, "liquidate", () => w.sys.p.collateral.connect(u).liquidate(target, amount));
      if (!ok && under.includes(target) && amount <= cap) {
        throw new AssertionError(
          `INV-COLLATERAL: ${target} is liquidatable but a liquidation of ${amount} was refused`,
        );
      }
      return { label: `liquidate ${amount / WAD} of ${target.slice(0, 8)} ${ok ? "ok" : "refused"}` };
    },
  ],
  [
    2,
    async (w) => {
      const stakers = [...w.providers, ...w.users].filter((x) => (w.stakes.get(x.address) ?? 0n) > 0n);
      const a = (w.rng() < 0.85 ? pick(w, stakers) : undefined) ?? pick(w, [...w.providers, ...w.users]);
      if (!a) return { label: "claim (nobody)" };
      const ok = await attempt(w, "claim", () => w.sys.p.rewards.connect(a).claim());
      return { label: `claim ${ok ? "ok" : "refused"}`, claimBy: ok ? a.address : undefined };
    },
  ],
  [
    1,
    async (w) => {
      // Governance (the Timelock) schedules a new M within the step rule (±50% of the latest value), 1 s to
      // 5 d ahead; while a change is pending or the cooldown runs, the store refuses by name.
      const key = parameterKey("rewards.multiplier");
      const info = await w.sys.core.parameters.parameterInfo(key);
      const latest = info.hasPending ? info.pendingValue : info.value;
      const delta = (latest * between(w, 0n, 5_000n)) / 10_000n;
      const value = w.rng() < 0.5 ? latest - delta : latest + delta;
      const at = (await time.latest()) + 1 + Number(between(w, 1n, 5n * BigInt(DAY)));
      const timelock = await hre.ethers.getImpersonatedSigner(w.sys.deployment.contracts.TimelockController);
      await setBalance(await timelock.getAddress(), WAD);
      const ok = await attempt(w, "schedule M", () =>
        w.sys.core.parameters.connect(timelock).scheduleParameter(key, value, at),
      );
      if (ok) w.pendingMultiplier.push({ at, value });
      return {
        label: `schedule M ${value} at +${Math.round((at - (await time.latest())) / 3600)} h ${ok ? "ok" : "refused"}`,
      };
    },
  ],
  [
    2,
    async (w) => {
      const seconds = Number(between(w, 3_600n, 10n * BigInt(DAY)));
      await time.increase(seconds);
      await syncRewards(w, (await time.latest()) + 1);
      await freshPrices(w.sys);
      return { label: `time +${Math.round(seconds / 3600)} h` };
    },
  ],
  [
    3,
    async (w) => {
      const cu = w.sys.feeds.assets["CU/USD"].feed;
      const coll = w.sys.feeds.assets["COLLATERAL/USD"].feed;
      const feed = (f: string) => w.sys.p.oracle.runner!.provider!.call({ to: f, data: "0x50d25bcd" }).then(BigInt);
      const nextCu = nextAnswer(await feed(cu), w.rng, { maxStepBps: 2_500, floor: 3_000_000n, ceiling: 12_000_000n });
      const nextColl = nextAnswer(await feed(coll), w.rng, {
        maxStepBps: 1_000,
        floor: 80_000_000n,
        ceiling: 120_000_000n,
      });
      await syncRewards(w, (await time.latest()) + 2);
      await setFeedAnswer(w.sys.feedKeeper, cu, nextCu);
      await setFeedAnswer(w.sys.feedKeeper, coll, nextColl);
      return { label: `prices CU ${nextCu} COLL ${nextColl}`, priceMove: true };
    },
  ],
];
const TOTAL_WEIGHT = ACTIONS.reduce((s, [weight]) => s + weight, 0);

function chooseAction(w: World): Action {
  let r = w.rng() * TOTAL_WEIGHT;
  for (const [weight, action] of ACTIONS) {
    if ((r -= weight) < 0) return action;
  }
  return ACTIONS[ACTIONS.length - 1][1];
}

async function checkInvariants(w: World, underBefore: Set<string>, step: { priceMove?: boolean; claimBy?: string }) {
  const { p, deployment } = w.sys;
  // INV-CU is checked inside each transaction (`checkCuNetZero`): between transactions the transient supply
  // reads zero whatever happened, so a read here could not fail.
  // INV-BACKING
  const supply = await p.sstb.totalSupply();
  const minted = await p.sstb.mintedBy(deployment.contracts.MintingAgent);
  const redeemed = await p.sstb.burnedBy(deployment.contracts.Redemption);
  const liquidated = await p.sstb.burnedBy(deployment.contracts.CollateralManager);
  expect(supply, "INV-BACKING: supply = minted − redeemed − liquidated").to.equal(minted - redeemed - liquidated);
  let backing = 0n;
  let reserved = 0n;
  for (const pr of providerAddresses(w)) {
    const a = await p.collateral.accountOf(pr);
    backing += a.backing;
    reserved += a.reserved;
  }
  expect(backing, "INV-BACKING: Σ backing = supply + Σ reserved").to.equal(supply + reserved);
  // INV-COLLATERAL
  const under = await liquidatable(w);
  if (!step.priceMove) {
    for (const pr of under) {
      expect(underBefore.has(pr), `INV-COLLATERAL: ${pr} fell below the ratio without a price move`).to.equal(true);
    }
  }
  // INV-REWARDS
  await syncRewards(w, await time.latest());
  // Paid per account: its rSTB balance (rSTB reaches these accounts only through claims), which must also
  // match the RewardsClaimed events.
  const claimed = new Map<string, bigint>();
  for (const e of await p.rewards.queryFilter(p.rewards.filters.RewardsClaimed())) {
    claimed.set(e.args.account, (claimed.get(e.args.account) ?? 0n) + e.args.paid);
  }
  let paidTotal = 0n;
  for (const a of [...w.providers, ...w.users]) {
    const paid = await w.sys.core.token.balanceOf(a.address);
    expect(claimed.get(a.address) ?? 0n, `INV-REWARDS: ${a.address} claim events vs rSTB received`).to.equal(paid);
    paidTotal += paid;
    const exact = w.rewardsExact.get(a.address) ?? 0n;
    expect(paid * WAD <= exact, `INV-REWARDS: ${a.address} paid ${paid} > S×T×M ${exact / WAD}`).to.equal(true);
    if (step.claimBy === a.address) {
      // Right after its claim nothing is owed: the payment is S×T×M minus at most one wei per checkpoint.
      expect(exact / WAD - paid <= 1_000n, `INV-REWARDS: ${a.address} underpaid (${paid} vs ${exact / WAD})`).to.equal(
        true,
      );
    }
  }
  expect(await p.rewards.totalPaid(), "INV-REWARDS: total paid = Σ paid").to.equal(paidTotal);
}

describe("invariants over random operation sequences (INV-CU, INV-BACKING, INV-COLLATERAL, INV-REWARDS)", () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${STEPS} random steps keep every invariant`, async () => {
      const sys = await loadFixture(protocolSystem);
      const w: World = {
        sys,
        rng: seededRandom(seed),
        providers: [],
        users: [],
        rewardsExact: new Map(),
        stakes: new Map(),
        lastTime: await time.latest(),
        multiplier: await sys.core.parameters.get(parameterKey("rewards.multiplier")),
        pendingMultiplier: [],
        ...(await deployProbe(sys)),
        probeMints: 0,
      };
      for (let i = 0; i < 3; i++) w.users.push(await fundedWallet(w));
      for (const u of w.users) {
        await (await sys.p.sstb.connect(u).approve(await sys.p.staking.getAddress(), hre.ethers.MaxUint256)).wait();
        await (await sys.p.sstb.connect(u).approve(await sys.p.redemption.getAddress(), hre.ethers.MaxUint256)).wait();
      }
      // Bootstrap: two providers mint and, after the minimum period, sell their sSTB to two users.
      for (let i = 0; i < 2; i++) {
        const provider = await fundedWallet(w);
        await onboardProvider(sys, provider, 500n * USDC);
        w.providers.push(provider);
        const report = newReport(provider.address, 3_000n * FLOPS_PER_CU, await time.latest(), 3_600);
        const proof = await attesterProof(sys.attesters.slice(0, 2), sys.domain, report);
        await (await sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, proof, 7 * DAY)).wait();
      }
      await time.increase(8 * DAY); // 7 days, the lock end rounded up to a day boundary
      await freshPrices(sys);
      for (const [i, provider] of w.providers.entries()) {
        await (await sys.p.staking.connect(provider).unstake(0)).wait();
        await (await sys.p.sstb.connect(provider).transfer(w.users[i].address, 3_000n * WAD)).wait();
      }
      // Rewards accrued during the bootstrap belong to the bound too: 3,000 sSTB from stake to unstake.
      for (const e of await sys.p.staking.queryFilter(sys.p.staking.filters.Unstaked())) {
        const t = BigInt((await hre.ethers.provider.getBlock(e.blockNumber))!.timestamp);
        const pos = await sys.p.staking.position(e.args.account, 0);
        w.rewardsExact.set(e.args.account, 3_000n * WAD * w.multiplier * (t - pos.stakedAt));
      }
      w.lastTime = await time.latest();
      // The probe provider mints once for sure (later mints through it are random).
      const report = newReport(w.probeAddress, 100n * FLOPS_PER_CU, await time.latest(), 3_600);
      const proof = await attesterProof(sys.attesters.slice(0, 2), sys.domain, report);
      const probed = await (await w.probe.mintAndProbe(report, ATTESTER_METHOD, proof, 7 * DAY)).wait();
      checkCuNetZero(w, probed!);
      expect(w.probeMints, "the probe's reading was found in its transaction").to.equal(1);
      // Several changes of M per run: the cooldown shortened to a day (governance may do the same).
      const timelock = await hre.ethers.getImpersonatedSigner(sys.deployment.contracts.TimelockController);
      await setBalance(await timelock.getAddress(), WAD);
      const multiplierKey = parameterKey("rewards.multiplier");
      const rules = (await sys.core.parameters.parameterInfo(multiplierKey)).rules;
      await (
        await sys.core.parameters
          .connect(timelock)
          .setParameterChangeRules(multiplierKey, rules.stepKind, rules.maxStep, DAY)
      ).wait();
      await refreshStakes(w);
      const log: string[] = [];
      let successes = 0;
      try {
        for (let step = 0; step < STEPS; step++) {
          const underBefore = await liquidatable(w);
          const outcome = await chooseAction(w)(w);
          log.push(`${step}: ${outcome.label}`);
          if (/ ok$|^new|^deposit|^time|^prices/.test(outcome.label)) successes++;
          await refreshStakesAfter(w);
          await checkInvariants(w, underBefore, outcome);
        }
      } catch (err) {
        throw new Error(
          `property failure with seed ${seed} (replay: PROP_SEEDS=${seed} PROP_STEPS=${STEPS})\n` +
            `last steps:\n  ${log.slice(-12).join("\n  ")}\n${(err as Error).message}`,
        );
      }
      if (process.env.PROP_VERBOSE) console.log(`seed ${seed}:\n  ${log.join("\n  ")}`);
      // The run exercised the system rather than bouncing off it.
      expect(successes, `only ${successes} user actions succeeded`).to.be.greaterThan(STEPS / 4);
    });
  }
});

/** Stakes changed inside the last transaction; the rewards up to it were synced before it was sent. */
async function refreshStakesAfter(w: World) {
  await refreshStakes(w);
}
