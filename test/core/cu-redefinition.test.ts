import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ATTESTER_METHOD } from "../../governance/deploy/protocol.js";
import type { Proposal } from "../../governance/proposal.js";
import { attesterProof, newReport } from "../../governance/reports.js";
import { Lifecycle } from "../helpers/lifecycle.js";
import { DAY, WAD, collateralFor, freshPrices, onboardProvider, protocolSystem } from "./fixtures.js";

/** Start of the UTC calendar quarter after the one containing `ts` (unix seconds), by the JS calendar. */
function nextQuarter(ts: number): number {
  const d = new Date(ts * 1000);
  return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3 + 3, 1) / 1000;
}

describe("quarterly CU redefinition carried by a real proposal", () => {
  it("is scheduled by the Timelock, takes effect at the quarter boundary and not a second before; history stays readable", async () => {
    const sys = await loadFixture(protocolSystem);
    const { p } = sys;
    const lifecycle = new Lifecycle(sys);
    const provider = sys.spare[0];
    await onboardProvider(sys, provider, collateralFor(1_000_000n * WAD));
    // Begin a day into a quarter, so the whole governance cycle happens inside it.
    await time.increaseTo(nextQuarter(await time.latest()) + DAY);
    await freshPrices(sys);

    const verifier = sys.deployment.contracts.ComputeUnitVerifier;
    const redefine = (flops: bigint, usd: bigint, title: string): Proposal => ({
      actions: [
        {
          target: verifier,
          value: 0n,
          data: p.verifier.interface.encodeFunctionData("scheduleDefinition", [flops, usd]),
        },
      ],
      description: `# ${title}\n\nFLOPs per CU ${flops}, USD per CU ${usd} (8 decimals), from the next quarter.`,
    });

    // 1. Redefine: 1 CU = 1.1e15 FLOPs at $0.066 (+10% each, within cu.maxRedefinitionBps = 25%).
    const first = redefine(11n * 10n ** 14n, 6_600_000n, "Q-redefinition: CU +10%");
    const { receipt } = await lifecycle.pass(first);
    const executedAt = (await hre.ethers.provider.getBlock(receipt.blockNumber))!.timestamp;
    const boundary = nextQuarter(executedAt);
    await expect(receipt)
      .to.emit(p.verifier, "DefinitionScheduled")
      .withArgs(1, boundary, 10n ** 15n, 11n * 10n ** 14n, 6_000_000n, 6_600_000n);
    expect(await p.verifier.flopsPerUnit()).to.equal(10n ** 15n);
    expect(boundary - executedAt).to.be.greaterThan(30 * DAY);

    // 2. A second redefinition in the same quarter passes the vote but cannot execute: one per quarter.
    const second = redefine(12n * 10n ** 14n, 6_600_000n, "Second redefinition in the same quarter");
    const id = await lifecycle.proposeViaCoreSafe(second);
    await lifecycle.toVoteStart(id);
    await lifecycle.vote(id, "for", sys.delegates.slice(0, 2));
    await lifecycle.toVoteEnd(id);
    await lifecycle.toEta(await lifecycle.queue(second));
    expect(await time.latest()).to.be.lessThan(boundary);
    await expect(lifecycle.execute(second))
      .to.be.revertedWithCustomError(p.verifier, "CUVerifierRedefinitionPending")
      .withArgs(1, boundary);

    // 3. One second before the boundary a report's FLOPs still count under the old definition...
    const flops = 33n * 10n ** 17n; // 3,300 CU under the old definition, 3,000 under the new
    const mintAt = async (t: number) => {
      const report = newReport(provider.address, flops, t - 60, 3_600);
      const proof = await attesterProof(sys.attesters.slice(0, 2), sys.domain, report);
      await time.setNextBlockTimestamp(t);
      const tx = await p.agent.connect(provider).mint(report, ATTESTER_METHOD, proof, 7 * DAY);
      return { tx, reportHash: await p.verifier.hashReport(report) };
    };
    await time.increaseTo(boundary - 120);
    await freshPrices(sys);
    const before = await mintAt(boundary - 1);
    await expect(before.tx)
      .to.emit(p.verifier, "ReportConsumed")
      .withArgs(before.reportHash, provider.address, ATTESTER_METHOD, flops, 3_300n * WAD, 0);

    // 4. ... and from the boundary on, under the new one.
    const after = await mintAt(boundary);
    await expect(after.tx)
      .to.emit(p.verifier, "ReportConsumed")
      .withArgs(after.reportHash, provider.address, ATTESTER_METHOD, flops, 3_000n * WAD, 1);
    expect(await p.verifier.flopsPerUnit()).to.equal(11n * 10n ** 14n);
    expect(await p.verifier.usdPerUnit()).to.equal(6_600_000n);

    // 5. The definition in force at any past time stays readable.
    const [epochThen, then] = await p.verifier.definitionAt(executedAt);
    expect([epochThen, then.flopsPerUnit, then.usdPerUnit]).to.deep.equal([0n, 10n ** 15n, 6_000_000n]);
    const [epochNow, now] = await p.verifier.definitionAt(boundary);
    expect([epochNow, now.startsAt, now.flopsPerUnit]).to.deep.equal([1n, BigInt(boundary), 11n * 10n ** 14n]);
  });
});
