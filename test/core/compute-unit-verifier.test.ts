import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { AbiCoder, Wallet, concat, dataSlice, keccak256, verifyTypedData } from "ethers";
import { PARAMETERS, parameterKey, registrationOf } from "../../governance/catalog/index.js";
import { ATTESTER_METHOD } from "../../governance/deploy/protocol.js";
import { BENCHMARK_REPORT_TYPES, attesterProof, newReport, reportIdOf, signReport } from "../../governance/reports.js";
import { governed } from "../oracles/fixtures.js";
import { DAY, USDC, WAD, freshPrices, mintFor, onboardProvider, protocolSystem, signedReport } from "./fixtures.js";

/** Who signed the first 65-byte signature of `proof` over `report` under `domain` (what the contract recovers). */
function firstSigner(domain: Parameters<typeof verifyTypedData>[0], report: object, proof: string): string {
  return verifyTypedData(domain, BENCHMARK_REPORT_TYPES as never, report, dataSlice(proof, 0, 65));
}

/** Start of the UTC calendar quarter containing `ts`, and of the next one, computed with JS dates. */
function jsQuarter(ts: number): [number, number] {
  const d = new Date(ts * 1000);
  const q = Math.floor(d.getUTCMonth() / 3) * 3;
  return [Date.UTC(d.getUTCFullYear(), q, 1) / 1000, Date.UTC(d.getUTCFullYear(), q + 3, 1) / 1000];
}

describe("ComputeUnitVerifier: providers, reports, verification methods", () => {
  describe("providers", () => {
    it("anyone registers itself once, with its metadata on the event log", async () => {
      const sys = await loadFixture(protocolSystem);
      const [a, b] = sys.spare;
      const meta = hre.ethers.id("8x H100, TEE quote 0x…");
      await expect(sys.p.verifier.connect(a).registerProvider(meta))
        .to.emit(sys.p.verifier, "ProviderRegistered")
        .withArgs(a.address, meta);
      await expect(sys.p.verifier.connect(a).registerProvider(meta))
        .to.be.revertedWithCustomError(sys.p.verifier, "CUVerifierProviderAlreadyRegistered")
        .withArgs(a.address);
      await sys.p.verifier.connect(b).registerProvider(meta);
      expect(await sys.p.verifier.providerCount()).to.equal(2n);
      expect([await sys.p.verifier.providerAt(0), await sys.p.verifier.providerAt(1)]).to.deep.equal([
        a.address,
        b.address,
      ]);
      const record = await sys.p.verifier.providerInfo(a.address);
      expect([record.registered, record.suspended, record.metadata]).to.deep.equal([true, false, meta]);
    });

    it("governance suspends a provider: it can no longer mint; reinstated, it can", async () => {
      const sys = await loadFixture(protocolSystem);
      const provider = sys.spare[0];
      await onboardProvider(sys, provider, 1_000n * USDC);
      const suspend = (on: boolean) => ({
        target: sys.deployment.contracts.ComputeUnitVerifier,
        value: 0n,
        data: sys.p.verifier.interface.encodeFunctionData("setProviderSuspended", [provider.address, on]),
      });
      const { receipt } = await governed(sys, [suspend(true)], "# Suspend a provider under investigation");
      await expect(receipt).to.emit(sys.p.verifier, "ProviderSuspensionSet").withArgs(provider.address, false, true);
      await freshPrices(sys);
      const { report, proof } = await signedReport(sys, provider.address, WAD);
      await expect(sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, proof, 7 * DAY))
        .to.be.revertedWithCustomError(sys.p.verifier, "CUVerifierProviderSuspended")
        .withArgs(provider.address);
      await governed(sys, [suspend(false)], "# Reinstate the provider");
      await freshPrices(sys);
      await mintFor(sys, provider, WAD);
    });
  });

  describe("benchmark reports: forged, replayed, under-signed or stale reports are refused by name", () => {
    async function ready() {
      const sys = await protocolSystem();
      const provider = sys.spare[0];
      await onboardProvider(sys, provider, 1_000n * USDC);
      return { ...sys, provider };
    }
    const mint = (sys: Awaited<ReturnType<typeof ready>>, report: unknown, proof: string, method = ATTESTER_METHOD) =>
      sys.p.agent.connect(sys.provider).mint(report as never, method, proof, 7 * DAY);

    it("replayed: a report works once, then CUVerifierReportAlreadyUsed(reportHash)", async () => {
      const sys = await loadFixture(ready);
      const { report, proof } = await signedReport(sys, sys.provider.address, WAD);
      await mint(sys, report, proof);
      // Re-signing does not help: the single-use key is the provider's report nonce, not the signatures.
      const resigned = await attesterProof(sys.attesters.slice(1, 3), sys.domain, report);
      await expect(mint(sys, report, resigned))
        .to.be.revertedWithCustomError(sys.p.verifier, "CUVerifierReportAlreadyUsed")
        .withArgs(await sys.p.verifier.hashReport(report));
    });

    it("a second report with a used nonce is refused even when signed: CUVerifierReportAlreadyUsed(its hash)", async () => {
      const sys = await loadFixture(ready);
      const { report, proof } = await signedReport(sys, sys.provider.address, WAD);
      await mint(sys, report, proof);
      const nonce = BigInt(report.reportId);
      expect(await sys.p.verifier.isReportUsed(sys.provider.address, report.reportId)).to.equal(true);
      expect(await sys.p.verifier.usedReportNonces(sys.provider.address, nonce >> 8n)).to.equal(1n << (nonce & 255n));
      // The attesters sign another report (more FLOPs) under the same number: a different hash, the same nonce.
      const twin = newReport(sys.provider.address, 2n * 10n ** 15n, await time.latest(), 3_600, nonce);
      const twinProof = await attesterProof(sys.attesters.slice(0, 2), sys.domain, twin);
      await expect(mint(sys, twin, twinProof))
        .to.be.revertedWithCustomError(sys.p.verifier, "CUVerifierReportAlreadyUsed")
        .withArgs(await sys.p.verifier.hashReport(twin));
      // Nonces are per provider and unordered: the next number, or one far ahead, is still free.
      expect(await sys.p.verifier.isReportUsed(sys.provider.address, reportIdOf(nonce + 1n))).to.equal(false);
      const ahead = newReport(sys.provider.address, 10n ** 15n, await time.latest(), 3_600, nonce + 1000n);
      await mint(sys, ahead, await attesterProof(sys.attesters.slice(0, 2), sys.domain, ahead));
      expect(await sys.p.verifier.isReportUsed(sys.provider.address, ahead.reportId)).to.equal(true);
    });

    it("forged: a signer outside the attester set → AttesterUnknownSigner(index, signer)", async () => {
      const sys = await loadFixture(ready);
      const report = newReport(sys.provider.address, 10n ** 15n, await time.latest());
      const forger = Wallet.createRandom();
      const signers = [sys.attesters[0], forger].sort((x, y) => (BigInt(x.address) < BigInt(y.address) ? -1 : 1));
      const proof = await attesterProof(signers, sys.domain, report);
      await expect(mint(sys, report, proof))
        .to.be.revertedWithCustomError(sys.p.attesters, "AttesterUnknownSigner")
        .withArgs(signers.indexOf(forger), forger.address);
    });

    it("tampered: changing the FLOPs after signing makes the signatures someone else's", async () => {
      const sys = await loadFixture(ready);
      const { report, proof } = await signedReport(sys, sys.provider.address, WAD);
      const tampered = { ...report, flops: report.flops * 10n };
      await expect(mint(sys, tampered, proof))
        .to.be.revertedWithCustomError(sys.p.attesters, "AttesterUnknownSigner")
        .withArgs(0, firstSigner(sys.domain, tampered, proof));
    });

    it("signed for another chain or verifier: the EIP-712 domain differs, the signer is unknown", async () => {
      const sys = await loadFixture(ready);
      const report = newReport(sys.provider.address, 10n ** 15n, await time.latest());
      const proof = await attesterProof(sys.attesters.slice(0, 2), { ...sys.domain, chainId: 1n }, report);
      await expect(mint(sys, report, proof))
        .to.be.revertedWithCustomError(sys.p.attesters, "AttesterUnknownSigner")
        .withArgs(0, firstSigner(sys.domain, report, proof));
    });

    it("under-signed: one signature where cu.attesterThreshold is 2 → AttesterThresholdNotMet(1, 2)", async () => {
      const sys = await loadFixture(ready);
      const { report, proof } = await signedReport(sys, sys.provider.address, WAD, 1);
      await expect(mint(sys, report, proof))
        .to.be.revertedWithCustomError(sys.p.attesters, "AttesterThresholdNotMet")
        .withArgs(1, 2);
      await expect(mint(sys, report, "0x"))
        .to.be.revertedWithCustomError(sys.p.attesters, "AttesterThresholdNotMet")
        .withArgs(0, 2);
    });

    it("one attester counted twice, or signers out of order → AttesterSignersNotAscending", async () => {
      const sys = await loadFixture(ready);
      const report = newReport(sys.provider.address, 10n ** 15n, await time.latest());
      const a = sys.attesters[0];
      const sig = await signReport(a, sys.domain, report);
      await expect(mint(sys, report, concat([sig, sig])))
        .to.be.revertedWithCustomError(sys.p.attesters, "AttesterSignersNotAscending")
        .withArgs(1, a.address, a.address);
      const sorted = [...sys.attesters.slice(0, 2)].sort((x, y) => (BigInt(x.address) < BigInt(y.address) ? -1 : 1));
      const descending = [...sorted].reverse();
      const proof = concat(await Promise.all(descending.map((w) => signReport(w, sys.domain, report))));
      await expect(mint(sys, report, proof))
        .to.be.revertedWithCustomError(sys.p.attesters, "AttesterSignersNotAscending")
        .withArgs(1, descending[1].address, descending[0].address);
    });

    it("malformed proofs → AttesterMalformedProof(length) or AttesterInvalidSignature(index)", async () => {
      const sys = await loadFixture(ready);
      const { report, proof } = await signedReport(sys, sys.provider.address, WAD);
      await expect(mint(sys, report, proof + "00"))
        .to.be.revertedWithCustomError(sys.p.attesters, "AttesterMalformedProof")
        .withArgs(131);
      const garbage = "0x" + "00".repeat(130);
      await expect(mint(sys, report, garbage))
        .to.be.revertedWithCustomError(sys.p.attesters, "AttesterInvalidSignature")
        .withArgs(0);
    });

    it("expired: past its deadline → CUVerifierReportExpired(reportHash, deadline, now)", async () => {
      const sys = await loadFixture(ready);
      const { report, proof } = await signedReport(sys, sys.provider.address, WAD);
      await time.setNextBlockTimestamp(report.deadline + 1n);
      await expect(mint(sys, report, proof))
        .to.be.revertedWithCustomError(sys.p.verifier, "CUVerifierReportExpired")
        .withArgs(await sys.p.verifier.hashReport(report), report.deadline, report.deadline + 1n);
    });

    it("an unregistered provider or an unknown method is refused", async () => {
      const sys = await loadFixture(ready);
      const stranger = sys.spare[1];
      const { report, proof } = await signedReport(sys, stranger.address, WAD);
      await expect(sys.p.agent.connect(stranger).mint(report, ATTESTER_METHOD, proof, 7 * DAY))
        .to.be.revertedWithCustomError(sys.p.verifier, "CUVerifierUnknownProvider")
        .withArgs(stranger.address);
      const own = await signedReport(sys, sys.provider.address, WAD);
      await expect(mint(sys, own.report, own.proof, 7))
        .to.be.revertedWithCustomError(sys.p.verifier, "CUVerifierUnknownMethod")
        .withArgs(7);
    });
  });

  describe("governed attesters, threshold and verification methods", () => {
    it("a proposal removes an attester and raises the threshold: old proofs fail by name, new ones pass", async () => {
      const sys = await loadFixture(protocolSystem);
      const provider = sys.spare[0];
      await onboardProvider(sys, provider, 1_000n * USDC);
      const [a0, a1, a2] = sys.attesters;
      const fresh = Wallet.createRandom();
      const attesters = sys.deployment.contracts.AttesterReportVerifier;
      const { receipt } = await governed(
        sys,
        [
          {
            target: attesters,
            value: 0n,
            data: sys.p.attesters.interface.encodeFunctionData("setAttester", [a2.address, false]),
          },
          {
            target: attesters,
            value: 0n,
            data: sys.p.attesters.interface.encodeFunctionData("setAttester", [fresh.address, true]),
          },
          {
            target: sys.deployment.contracts.ParameterStore,
            value: 0n,
            data: sys.core.parameters.interface.encodeFunctionData("setParameter", [
              parameterKey("cu.attesterThreshold"),
              3n,
            ]),
          },
        ],
        "# Rotate attester 3 out, a new attester in; require 3 signatures",
      );
      await expect(receipt).to.emit(sys.p.attesters, "AttesterSet").withArgs(a2.address, true, false);
      await expect(receipt).to.emit(sys.p.attesters, "AttesterSet").withArgs(fresh.address, false, true);
      expect(await sys.p.attesters.attesterCount()).to.equal(3n);
      await freshPrices(sys);
      const report = newReport(provider.address, 10n ** 15n, await time.latest());
      const twoOld = await attesterProof([a0, a1], sys.domain, report);
      await expect(sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, twoOld, 7 * DAY))
        .to.be.revertedWithCustomError(sys.p.attesters, "AttesterThresholdNotMet")
        .withArgs(2, 3);
      const withRemoved = await attesterProof([a0, a1, a2], sys.domain, report);
      const bySigner = [a0, a1, a2].map((a) => a.address).sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
      await expect(sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, withRemoved, 7 * DAY))
        .to.be.revertedWithCustomError(sys.p.attesters, "AttesterUnknownSigner")
        .withArgs(bySigner.indexOf(a2.address), a2.address);
      const proof = await attesterProof([a0, a1, fresh], sys.domain, report);
      await sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, proof, 7 * DAY);
      expect(await sys.p.staking.stakeOf(provider.address)).to.equal(WAD);
    });

    it("governance registers another verification method (a stand-in for a ZK verifier) and it mints", async () => {
      const sys = await loadFixture(protocolSystem);
      const provider = sys.spare[0];
      await onboardProvider(sys, provider, 1_000n * USDC);
      const zk = await (await hre.ethers.deployContract("MockProofVerifier", sys.spare[6])).getAddress();
      const { receipt } = await governed(
        sys,
        [
          {
            target: sys.deployment.contracts.ComputeUnitVerifier,
            value: 0n,
            data: sys.p.verifier.interface.encodeFunctionData("setVerificationMethod", [1, zk]),
          },
        ],
        "# Register verification method 1",
      );
      await expect(receipt).to.emit(sys.p.verifier, "VerificationMethodSet").withArgs(1, hre.ethers.ZeroAddress, zk);
      await freshPrices(sys);
      const report = newReport(provider.address, 2n * 10n ** 15n, await time.latest());
      const reportHash = await sys.p.verifier.hashReport(report);
      const coder = AbiCoder.defaultAbiCoder();
      const good = coder.encode(
        ["bytes32"],
        [keccak256(coder.encode(["string", "bytes32"], ["mock-proof", reportHash]))],
      );
      const zkVerifier = await hre.ethers.getContractAt("MockProofVerifier", zk);
      await expect(sys.p.agent.connect(provider).mint(report, 1, "0x1234", 7 * DAY))
        .to.be.revertedWithCustomError(zkVerifier, "MockProofInvalid")
        .withArgs(reportHash);
      await expect(sys.p.agent.connect(provider).mint(report, 1, good, 7 * DAY))
        .to.emit(sys.p.verifier, "ReportConsumed")
        .withArgs(reportHash, provider.address, 1, report.flops, 2n * WAD, 0);
    });
  });
});

/** A stand-alone verifier whose authority's admin is a test account, to exercise the definition rules directly. */
async function standaloneVerifier() {
  const [admin] = await hre.ethers.getSigners();
  const authority = await hre.ethers.deployContract("STAB3LAuthority", [admin.address]);
  const store = await hre.ethers.deployContract("ParameterStore", [await authority.getAddress()]);
  await store.registerParameters(PARAMETERS.filter((p) => p.domain === "cu").map(registrationOf));
  const verifier = await hre.ethers.deployContract("ComputeUnitVerifier", [
    await authority.getAddress(),
    await store.getAddress(),
    10n ** 15n,
    6_000_000n,
    hre.ethers.ZeroAddress,
  ]);
  return { admin, verifier };
}

describe("ComputeUnitVerifier: CU definition epochs", () => {
  it("computes UTC calendar quarters exactly as the calendar does (leap years, century rules, boundaries)", async () => {
    const { verifier } = await loadFixture(standaloneVerifier);
    const samples: number[] = [];
    for (const [y, m, d] of [
      [1970, 0, 1],
      [2000, 1, 29],
      [2024, 1, 29],
      [2100, 2, 1],
      [2026, 11, 31],
      [2027, 0, 1],
      [2028, 3, 1],
      [2400, 9, 1],
    ]) {
      const t = Date.UTC(y, m, d) / 1000;
      samples.push(t, t - 1, t + 1);
    }
    let seed = 12345;
    for (let i = 0; i < 200; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      samples.push(seed * 3 + 86_400); // 1970 .. ~2174
    }
    for (const t of samples.filter((x) => x >= 0)) {
      const [start, next] = jsQuarter(t);
      expect(await verifier.quarterStart(t), `quarterStart(${t})`).to.equal(BigInt(start));
      expect(await verifier.nextQuarterStart(t), `nextQuarterStart(${t})`).to.equal(BigInt(next));
    }
  });

  it("genesis is epoch 0 from deployment; readable, but not before it", async () => {
    const { verifier } = await loadFixture(standaloneVerifier);
    const [epoch, d] = await verifier.currentDefinition();
    expect([epoch, d.flopsPerUnit, d.usdPerUnit]).to.deep.equal([0n, 10n ** 15n, 6_000_000n]);
    await expect(verifier.definitionAt(d.startsAt - 1n))
      .to.be.revertedWithCustomError(verifier, "CUVerifierBeforeGenesis")
      .withArgs(d.startsAt - 1n, d.startsAt);
  });

  it("bounds each redefinition by cu.maxRedefinitionBps and by hard limits, with the numbers in the error", async () => {
    const { verifier } = await loadFixture(standaloneVerifier);
    const flops = 10n ** 15n;
    const maxDelta = (flops * 2_500n) / 10_000n;
    await expect(verifier.scheduleDefinition(flops + maxDelta + 1n, 6_000_000n))
      .to.be.revertedWithCustomError(verifier, "CUVerifierRedefinitionTooLarge")
      .withArgs(hre.ethers.encodeBytes32String("flopsPerUnit"), flops, flops + maxDelta + 1n, maxDelta);
    await expect(verifier.scheduleDefinition(flops, 6_000_000n - 1_500_001n))
      .to.be.revertedWithCustomError(verifier, "CUVerifierRedefinitionTooLarge")
      .withArgs(hre.ethers.encodeBytes32String("usdPerUnit"), 6_000_000n, 4_499_999n, 1_500_000n);
    await expect(verifier.scheduleDefinition(10n ** 19n, 6_000_000n))
      .to.be.revertedWithCustomError(verifier, "CUVerifierFlopsOutOfBounds")
      .withArgs(10n ** 19n, 10n ** 12n, 10n ** 18n);
    await expect(verifier.scheduleDefinition(flops, 0))
      .to.be.revertedWithCustomError(verifier, "CUVerifierUsdPriceOutOfBounds")
      .withArgs(0, 1_000n, 10n ** 10n);
  });

  it("one pending redefinition at a time, effective at the next quarter boundary; cancellable before it", async () => {
    const { verifier } = await loadFixture(standaloneVerifier);
    const now = await time.latest();
    const [, boundary] = jsQuarter(now + 1);
    await expect(verifier.scheduleDefinition(11n * 10n ** 14n, 6_600_000n))
      .to.emit(verifier, "DefinitionScheduled")
      .withArgs(1, boundary, 10n ** 15n, 11n * 10n ** 14n, 6_000_000n, 6_600_000n);
    await expect(verifier.scheduleDefinition(10n ** 15n, 6_000_000n))
      .to.be.revertedWithCustomError(verifier, "CUVerifierRedefinitionPending")
      .withArgs(1, boundary);
    await expect(verifier.cancelScheduledDefinition()).to.emit(verifier, "DefinitionCancelled").withArgs(1, boundary);
    await expect(verifier.cancelScheduledDefinition()).to.be.revertedWithCustomError(
      verifier,
      "CUVerifierNoPendingRedefinition",
    );
    await verifier.scheduleDefinition(12n * 10n ** 14n, 6_000_000n);
    await time.increaseTo(boundary - 1);
    expect(await verifier.flopsPerUnit()).to.equal(10n ** 15n);
    await time.increaseTo(boundary);
    expect(await verifier.flopsPerUnit()).to.equal(12n * 10n ** 14n);
    await expect(verifier.cancelScheduledDefinition()).to.be.revertedWithCustomError(
      verifier,
      "CUVerifierNoPendingRedefinition",
    );
    // Right after the boundary, the next redefinition goes to the boundary after.
    const [, next] = jsQuarter(boundary + 1);
    await expect(verifier.scheduleDefinition(13n * 10n ** 14n, 6_000_000n))
      .to.emit(verifier, "DefinitionScheduled")
      .withArgs(2, next, 12n * 10n ** 14n, 13n * 10n ** 14n, 6_000_000n, 6_000_000n);
    expect((await verifier.definitionAt(boundary - 1))[0]).to.equal(0n);
    expect((await verifier.definitionAt(boundary))[0]).to.equal(1n);
    expect((await verifier.definitionAt(next))[0]).to.equal(2n);
    expect(await verifier.definitionCount()).to.equal(3n);
  });
});
