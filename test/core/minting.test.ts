import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ATTESTER_METHOD } from "../../governance/deploy/protocol.js";
import { parameterKey } from "../../governance/catalog/index.js";
import { attesterProof } from "../../governance/reports.js";
import { setFeedAnswer } from "../../oracles/simulator.js";
import { CU_USD, COLLATERAL_USD, guardianPause } from "../oracles/fixtures.js";
import {
  DAY,
  FLOPS_PER_CU,
  USDC,
  WAD,
  collateralFor,
  deposit,
  freshPrices,
  mintFor,
  onboardProvider,
  protocolSystem,
  signedReport,
  unlockOf,
} from "./fixtures.js";

const ZERO = hre.ethers.ZeroAddress;

describe("Flow 1 — mint: verified report → CU → sSTB → staked, in one transaction", () => {
  it("runs end to end on the deployed system with every step on the event log", async () => {
    const sys = await loadFixture(protocolSystem);
    const { p } = sys;
    const provider = sys.spare[0];
    const cu = 1_000n * WAD;
    await onboardProvider(sys, provider, collateralFor(cu));
    const { report, receipt } = await mintFor(sys, provider, cu, 30 * DAY);
    const reportHash = await p.verifier.hashReport(report);
    const agent = await p.agent.getAddress();
    const staking = await p.staking.getAddress();
    const now = BigInt((await hre.ethers.provider.getBlock(receipt.blockNumber))!.timestamp);
    const epochStart = now - (now % BigInt(DAY));

    await expect(receipt)
      .to.emit(p.verifier, "ReportConsumed")
      .withArgs(reportHash, provider.address, ATTESTER_METHOD, report.flops, cu, 0);
    await expect(receipt).to.emit(p.cuToken, "Transfer").withArgs(ZERO, agent, cu);
    await expect(receipt).to.emit(p.cuToken, "Transfer").withArgs(agent, ZERO, cu);
    await expect(receipt).to.emit(p.sstb, "SSTBMinted").withArgs(agent, staking, cu);
    await expect(receipt)
      .to.emit(p.staking, "Staked")
      .withArgs(provider.address, 0, cu, unlockOf(now, 30 * DAY), agent);
    await expect(receipt).to.emit(p.collateral, "BackingAdded").withArgs(provider.address, cu, cu);
    await expect(receipt).to.emit(p.agent, "Minted").withArgs(provider.address, reportHash, cu, 0, epochStart);

    expect(await p.cuToken.totalSupply()).to.equal(0n); // INV-CU
    expect(await p.sstb.totalSupply()).to.equal(cu);
    expect(await p.sstb.balanceOf(staking)).to.equal(cu);
    expect(await p.staking.stakeOf(provider.address)).to.equal(cu);
    const position = await p.staking.position(provider.address, 0);
    expect([position.amount, position.stakedAt, position.unlockAt]).to.deep.equal([cu, now, unlockOf(now, 30 * DAY)]);
    expect((await p.collateral.accountOf(provider.address)).backing).to.equal(cu);
    expect(await p.verifier.isReportUsed(provider.address, report.reportId)).to.equal(true);
    expect(await p.agent.mintedThisEpoch(provider.address)).to.equal(cu);
    expect(await p.agent.totalMintedThisEpoch()).to.equal(cu);
  });

  it("only the report's provider may mint from it", async () => {
    const sys = await loadFixture(protocolSystem);
    const [provider, other] = sys.spare;
    await onboardProvider(sys, provider, 1_000n * USDC);
    const { report, proof } = await signedReport(sys, provider.address, WAD);
    await expect(sys.p.agent.connect(other).mint(report, ATTESTER_METHOD, proof, 7 * DAY))
      .to.be.revertedWithCustomError(sys.p.agent, "MintingAgentNotProvider")
      .withArgs(other.address, provider.address);
  });

  describe("bad input reverts with named errors and leaves no partial state", () => {
    async function expectNothingChanged(
      sys: Awaited<ReturnType<typeof protocolSystem>>,
      report: { provider: string; reportId: string },
    ) {
      expect(await sys.p.verifier.isReportUsed(report.provider, report.reportId)).to.equal(false);
      expect(await sys.p.sstb.totalSupply()).to.equal(0n);
      expect(await sys.p.cuToken.totalSupply()).to.equal(0n);
      expect(await sys.p.staking.totalStaked()).to.equal(0n);
      expect(await sys.p.agent.totalMintedThisEpoch()).to.equal(0n);
    }

    it("a stake period under the governed minimum → StakingPeriodTooShort(period, minPeriod)", async () => {
      const sys = await loadFixture(protocolSystem);
      const provider = sys.spare[0];
      await onboardProvider(sys, provider, 1_000n * USDC);
      const { report, proof } = await signedReport(sys, provider.address, WAD);
      const minPeriod = await sys.core.parameters.get(parameterKey("staking.minPeriod"));
      await expect(sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, proof, minPeriod - 1n))
        .to.be.revertedWithCustomError(sys.p.staking, "StakingPeriodTooShort")
        .withArgs(minPeriod - 1n, minPeriod);
      await expectNothingChanged(sys, report);
    });

    it("a period over the maximum → StakingPeriodTooLong; an amount under the minimum stake → StakingAmountTooLow", async () => {
      const sys = await loadFixture(protocolSystem);
      const provider = sys.spare[0];
      await onboardProvider(sys, provider, 1_000n * USDC);
      const maxPeriod = await sys.core.parameters.get(parameterKey("staking.maxPeriod"));
      let { report, proof } = await signedReport(sys, provider.address, WAD);
      await expect(sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, proof, maxPeriod + 1n))
        .to.be.revertedWithCustomError(sys.p.staking, "StakingPeriodTooLong")
        .withArgs(maxPeriod + 1n, maxPeriod);
      ({ report, proof } = await signedReport(sys, provider.address, WAD / 2n));
      await expect(sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, proof, 7 * DAY))
        .to.be.revertedWithCustomError(sys.p.staking, "StakingAmountTooLow")
        .withArgs(WAD / 2n, WAD);
      await expectNothingChanged(sys, report);
    });

    it("collateral under the minimum ratio → CollateralBelowMinRatio(provider, collateralUsd, requiredUsd)", async () => {
      const sys = await loadFixture(protocolSystem);
      const provider = sys.spare[0];
      const cu = 1_000n * WAD; // $60 of CU, $72 of collateral required at 120%
      await onboardProvider(sys, provider, collateralFor(cu) - 1n);
      const { report, proof } = await signedReport(sys, provider.address, cu);
      await expect(sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, proof, 7 * DAY))
        .to.be.revertedWithCustomError(sys.p.collateral, "CollateralBelowMinRatio")
        .withArgs(provider.address, 72n * WAD - 10n ** 12n, 72n * WAD);
      await expectNothingChanged(sys, report);
    });

    it("an untrusted price stops valuation: the oracle's named error, nothing minted", async () => {
      const sys = await loadFixture(protocolSystem);
      const provider = sys.spare[0];
      await onboardProvider(sys, provider, 1_000n * USDC);
      const { report, proof } = await signedReport(sys, provider.address, WAD);
      const cuFeed = sys.feeds.assets["CU/USD"].feed;
      await setFeedAnswer(sys.feedKeeper, cuFeed, 0n);
      await expect(sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, proof, 7 * DAY))
        .to.be.revertedWithCustomError(sys.oracle, "PriceOracleNonPositivePrice")
        .withArgs(CU_USD, cuFeed, 0n);
      await setFeedAnswer(sys.feedKeeper, cuFeed, 6_000_000n);
      const collFeed = sys.feeds.assets["COLLATERAL/USD"].feed;
      await setFeedAnswer(sys.feedKeeper, collFeed, 10n ** 12n); // $10,000: out of bounds
      await expect(sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, proof, 7 * DAY))
        .to.be.revertedWithCustomError(sys.oracle, "PriceOracleOutOfBounds")
        .withArgs(COLLATERAL_USD, collFeed, 10n ** 22n, WAD / 10n, 10n * WAD);
      await expectNothingChanged(sys, report);
    });

    it("a report of zero FLOPs → CUVerifierReportTooSmall(flops, flopsPerUnit)", async () => {
      const sys = await loadFixture(protocolSystem);
      const provider = sys.spare[0];
      await onboardProvider(sys, provider, 1_000n * USDC);
      const { report } = await signedReport(sys, provider.address, WAD);
      report.flops = 0n;
      const proof = await attesterProof(sys.attesters.slice(0, 2), sys.domain, report);
      await expect(sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, proof, 7 * DAY))
        .to.be.revertedWithCustomError(sys.p.verifier, "CUVerifierReportTooSmall")
        .withArgs(report.flops, FLOPS_PER_CU);
    });

    it("a report above 2^128 FLOPs → CUVerifierReportTooLarge(flops, max), not an overflow panic", async () => {
      const sys = await loadFixture(protocolSystem);
      const provider = sys.spare[0];
      await onboardProvider(sys, provider, 1_000n * USDC);
      const { report } = await signedReport(sys, provider.address, WAD);
      report.flops = 2n ** 128n;
      const proof = await attesterProof(sys.attesters.slice(0, 2), sys.domain, report);
      await expect(sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, proof, 7 * DAY))
        .to.be.revertedWithCustomError(sys.p.verifier, "CUVerifierReportTooLarge")
        .withArgs(report.flops, 2n ** 128n - 1n);
      await expectNothingChanged(sys, report);
    });
  });

  describe("governed caps per provider and per epoch", () => {
    it("a provider cannot mint past minting.providerEpochCap in one epoch; the next epoch starts afresh", async () => {
      const sys = await loadFixture(protocolSystem);
      const provider = sys.spare[0];
      const cap = await sys.core.parameters.get(parameterKey("minting.providerEpochCap"));
      await onboardProvider(sys, provider, collateralFor(cap + WAD));
      // Start right after an epoch boundary so both mints share the epoch.
      const now = await time.latest();
      await time.increaseTo(now - (now % DAY) + DAY + 1);
      await freshPrices(sys);
      await mintFor(sys, provider, cap - WAD);
      const epochStart = await sys.p.agent.currentEpochStart();
      const { report, proof } = await signedReport(sys, provider.address, 2n * WAD);
      await expect(sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, proof, 7 * DAY))
        .to.be.revertedWithCustomError(sys.p.agent, "MintingAgentProviderCapExceeded")
        .withArgs(provider.address, epochStart, cap - WAD, 2n * WAD, cap);
      await mintFor(sys, provider, WAD); // exactly to the cap
      await time.increaseTo(epochStart + BigInt(DAY));
      await freshPrices(sys);
      expect(await sys.p.agent.mintedThisEpoch(provider.address)).to.equal(0n);
      await deposit(sys, provider, collateralFor(2n * WAD));
      await mintFor(sys, provider, 2n * WAD);
      expect(await sys.p.agent.mintedThisEpoch(provider.address)).to.equal(2n * WAD);
    });

    it("all providers together cannot pass minting.epochCap", async () => {
      const sys = await loadFixture(protocolSystem);
      const cap = await sys.core.parameters.get(parameterKey("minting.epochCap"));
      const perProvider = await sys.core.parameters.get(parameterKey("minting.providerEpochCap"));
      const n = Number(cap / perProvider); // 10 providers fill the epoch
      const newProvider = async () => {
        const wallet = hre.ethers.Wallet.createRandom().connect(hre.ethers.provider);
        await (await sys.deployer.sendTransaction({ to: wallet.address, value: WAD })).wait();
        return wallet;
      };
      const now = await time.latest();
      await time.increaseTo(now - (now % DAY) + DAY + 1);
      await freshPrices(sys);
      for (let i = 0; i < n; i++) {
        const wallet = await newProvider();
        await onboardProvider(sys, wallet, collateralFor(perProvider));
        await mintFor(sys, wallet, perProvider);
      }
      expect(await sys.p.agent.totalMintedThisEpoch()).to.equal(cap);
      const last = await newProvider();
      await onboardProvider(sys, last, collateralFor(WAD));
      const { report, proof } = await signedReport(sys, last.address, WAD);
      await expect(sys.p.agent.connect(last).mint(report, ATTESTER_METHOD, proof, 7 * DAY))
        .to.be.revertedWithCustomError(sys.p.agent, "MintingAgentEpochCapExceeded")
        .withArgs(await sys.p.agent.currentEpochStart(), cap, WAD, cap);
    });
  });

  it("guardians can pause minting (Stab3lPaused); the pause expires by itself", async () => {
    const sys = await loadFixture(protocolSystem);
    const provider = sys.spare[0];
    await onboardProvider(sys, provider, 1_000n * USDC);
    const selector = sys.p.agent.interface.getFunction("mint").selector;
    const agent = sys.deployment.contracts.MintingAgent;
    await guardianPause(sys, agent, [selector], "attester key compromise suspected");
    const until = await sys.core.authority.pausedUntil(agent, selector);
    const { report, proof } = await signedReport(sys, provider.address, WAD);
    await expect(sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, proof, 7 * DAY))
      .to.be.revertedWithCustomError(sys.p.agent, "Stab3lPaused")
      .withArgs(agent, selector, until);
    await time.increaseTo(until + 1n);
    await freshPrices(sys);
    await mintFor(sys, provider, WAD);
    expect(await sys.p.staking.stakeOf(provider.address)).to.equal(WAD);
  });
});
