import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { encodeBytes32String, getAddress, Interface, ZeroAddress } from "ethers";
import { parameterKey } from "../../governance/catalog/index.js";
import { createClient, type Client } from "../../governance/client.js";
import { sdkContext } from "../../governance/context.js";
import { readProposal } from "../../governance/decode/onchain.js";
import { ConnectionError } from "../../governance/errors.js";
import type { Proposal } from "../../governance/proposal.js";
import { startNode } from "../../governance/simulation/node.js";
import { reportJson, reportMarkdown } from "../../governance/simulation/report.js";
import { simulateProposal } from "../../governance/simulation/simulate.js";
import type { SimulationReport } from "../../governance/simulation/types.js";
import { nextQuarterStart } from "../../governance/simulation/checks/bounds.js";
import { compileSpec } from "../../governance/specs/compile.js";
import { loadSpec, parseSpec } from "../../governance/specs/load.js";
import type { ProposalSpec } from "../../governance/specs/schema.js";
import { deployedSystem } from "../helpers/fixtures.js";
import { Lifecycle } from "../helpers/lifecycle.js";
import { deployOnNode } from "./helpers.js";

const DAY = 86_400n;
const WAD = 10n ** 18n;
const REPAUSE = parameterKey("guardian.repauseCooldown");

function check(report: SimulationReport, name: string) {
  const c = report.checks.find((x) => x.name === name);
  if (!c) throw new Error(`no check ${name}`);
  return c;
}

function iso(t: bigint) {
  return new Date(Number(t) * 1000).toISOString();
}

describe("simulation: snapshot → propose → vote → queue → execute → diff → restore, judged by plugin checks", () => {
  async function setup() {
    const sys = await loadFixture(deployedSystem);
    const client = createClient(sys.chain, sys.deployment);
    const compile = (raw: object): { spec: ProposalSpec; proposal: Proposal } => {
      const spec = parseSpec(raw);
      return { spec, proposal: compileSpec(spec, sdkContext(sys.deployment)).proposal };
    };
    return { sys, client, compile };
  }

  it("passes for the example spec: every check, exact diff and events, and the chain is restored", async () => {
    const { sys, client } = await setup();
    const file = loadSpec("proposals/20261201-shorten-guardian-repause-cooldown.yaml");
    const spec = { ...file, network: undefined }; // the example targets `localhost`; the fixture is `hardhat`
    const proposal = compileSpec(spec, sdkContext(sys.deployment)).proposal;
    const blockBefore = await hre.ethers.provider.getBlockNumber();

    const report = await simulateProposal(client, { proposal, spec });

    expect(report.ok).to.equal(true);
    expect(report.checks.map((c) => [c.name, c.status])).to.deep.equal([
      ["execution", "pass"],
      ["targets", "pass"],
      ["decoding", "pass"],
      ["bounds", "pass"],
      ["relations", "pass"],
      ["postconditions", "pass"],
      ["governance-settings", "pass"],
      ["permissions", "pass"],
      ["guardians", "warn"], // guardian.repauseCooldown is a guardian rule
      ["value-moved", "pass"],
    ]);
    const s = report.simulation;
    expect(s.steps.map((x) => [x.step, x.success])).to.deep.equal([
      ["propose", true],
      ["vote", true],
      ["queue", true],
      ["execute", true],
    ]);
    expect(s.proposer).to.equal(sys.deployment.safes.core);
    expect(s.gas.execute).to.be.greaterThan(0n);
    expect(s.gas.total).to.equal(s.gas.propose + s.gas.votes + s.gas.queue + s.gas.execute);
    expect(s.executionTime).to.equal(s.eta);
    expect(s.changes).to.deep.equal([
      {
        category: "parameter",
        subject: "guardian.repauseCooldown",
        field: "value",
        before: "259200",
        after: "172800",
        beforeDisplay: "3 d",
        afterDisplay: "2 d",
        ref: { parameter: "guardian.repauseCooldown" },
      },
    ]);
    expect(s.actions).to.have.length(1);
    expect(s.actions[0].success).to.equal(true);
    expect(s.actions[0].events.map((e) => e.text)).to.deep.equal([
      `ParameterStore.ParameterSet(key=guardian.repauseCooldown, oldValue=259200, newValue=172800, effectiveAt=${s.eta})`,
    ]);
    expect(check(report, "postconditions").info).to.deep.equal([
      "guardian.repauseCooldown = 2 d is within [1 d, 3 d] (guardians must never re-pause instantly, nor wait longer than before)",
    ]);

    // Restored: nothing of the simulation remains.
    expect(await hre.ethers.provider.getBlockNumber()).to.equal(blockBefore);
    expect(await sys.core.parameters.get(REPAUSE)).to.equal(3n * DAY);
    expect(await sys.core.governor.latestProposalId()).to.equal(0n);
    // No account stays impersonated (a revert does not undo impersonation): the node refuses to send as the
    // core Safe or any voter the simulation used.
    for (const from of [sys.deployment.safes.core, ...s.voters.map((v) => v.account)]) {
      await expect(
        hre.network.provider.request({ method: "eth_sendTransaction", params: [{ from, to: from, value: "0x0" }] }),
      ).to.be.rejectedWith(/unknown account/i);
    }
    // The report names the deployment it was made on (chain id + block hash).
    expect(report.identity.chainId).to.equal(31337);
    expect(report.identity.startBlockHash).to.equal(
      (await hre.ethers.provider.getBlock(sys.deployment.startBlock.number))!.hash!.toLowerCase(),
    );

    // Reports: Markdown for people, JSON for tools, both listing every parameter before → after.
    const md = reportMarkdown(report);
    expect(md).to.include("# Simulation: Shorten the guardian re-pause cooldown to 2 days");
    expect(md).to.include("**Verdict:** ✅ passes");
    expect(md).to.include("| parameter | guardian.repauseCooldown | value | 3 d | 2 d |");
    const json = JSON.parse(JSON.stringify(reportJson(report)));
    expect(json.ok).to.equal(true);
    const rows = json.state.filter(
      (r: { category: string; field: string }) => r.category === "parameter" && r.field === "value",
    );
    expect(rows.length).to.equal((await sys.core.parameters.parameterKeys()).length);
    expect(json.simulation.gas.execute).to.equal(s.gas.execute.toString());
  });

  it("fails the bounds check and the execution for an out-of-bounds value, naming the error", async () => {
    const { client, compile } = await setup();
    const { spec, proposal } = compile({
      title: "Too long",
      description: "x",
      actions: [{ kind: "set-parameter", parameter: "guardian.repauseCooldown", value: "20d" }],
    });
    const report = await simulateProposal(client, { proposal, spec });
    expect(report.ok).to.equal(false);
    expect(check(report, "bounds").errors).to.deep.equal([
      "action 1: guardian.repauseCooldown: 20 d is outside its bounds [1 d, 14 d]",
    ]);
    const error = "ParameterOutOfBounds(key=guardian.repauseCooldown, value=1728000, min=86400, max=1209600)";
    expect(check(report, "execution").errors).to.deep.equal([
      `execute from core Safe reverted: ${error}`,
      `stopped at execute: ${error}`,
      `action 1 (Set guardian.repauseCooldown to 20 d) reverts: ${error}`,
    ]);
    expect(report.simulation.actions[0].error?.name).to.equal("ParameterOutOfBounds");
    expect(report.simulation.changes).to.deep.equal([]);
  });

  it("flags a change that comes too early (cooldown) before sending, and the execution agrees", async () => {
    const { client, compile } = await setup();
    const { spec, proposal } = compile({
      title: "Twice",
      description: "x",
      actions: [
        { kind: "set-parameter", parameter: "guardian.repauseCooldown", value: "2d" },
        { kind: "set-parameter", parameter: "guardian.repauseCooldown", value: "1d" },
      ],
    });
    const report = await simulateProposal(client, { proposal, spec });
    const t = report.simulation.executionTime;
    expect(check(report, "bounds").errors).to.deep.equal([
      `action 2: guardian.repauseCooldown: too early: last changed ${iso(t)}, cooldown 1 d, earliest ${iso(t + DAY)} (it would run ${iso(t)})`,
    ]);
    expect(report.simulation.actions.map((a) => a.success)).to.deep.equal([true, false]);
    expect(report.simulation.actions[1].error?.text).to.equal(
      `ParameterCooldownActive(key=guardian.repauseCooldown, effectiveAt=${t}, earliestAt=${t + DAY})`,
    );
  });

  it("fails a post-condition that does not hold", async () => {
    const { client, compile } = await setup();
    const { spec, proposal } = compile({
      title: "Post",
      description: "x",
      actions: [{ kind: "set-parameter", parameter: "guardian.repauseCooldown", value: "2d" }],
      postconditions: [{ parameter: "guardian.repauseCooldown", within: ["3d", "5d"], reason: "k-style bound" }],
    });
    const report = await simulateProposal(client, { proposal, spec });
    expect(report.ok).to.equal(false);
    expect(check(report, "postconditions").errors).to.deep.equal([
      "guardian.repauseCooldown = 2 d is NOT within [3 d, 5 d] (k-style bound)",
    ]);
    expect(check(report, "execution").status).to.equal("pass");
  });

  it("names changes that are each within bounds but together out of order, and loosened bounds an invariant needs", async () => {
    const { client, compile } = await setup();
    const inverted = compile({
      title: "Inverted CU price bounds",
      description: "x",
      actions: [
        { kind: "set-parameter", parameter: "oracle.cu.minPrice", value: "0.5 wad" },
        { kind: "set-parameter", parameter: "oracle.cu.maxPrice", value: "0.1 wad" },
      ],
    });
    const report = await simulateProposal(client, inverted);
    expect(check(report, "bounds").status).to.equal("pass"); // each value alone is within its bounds
    expect(check(report, "execution").status).to.equal("pass"); // and the chain accepts them
    expect(check(report, "relations").errors).to.deep.equal([
      "this proposal leaves oracle.cu.minPrice (0.5 (wad)) above oracle.cu.maxPrice (0.1 (wad)): otherwise every CU/USD answer is out of bounds and valuation, minting and liquidation stop",
    ]);
    expect(report.ok).to.equal(false);

    // Each schedule alone keeps the order; between the two effective times the minimum is above the maximum.
    const t1 = BigInt(await time.latest()) + 30n * DAY;
    const t2 = t1 + 10n * DAY;
    const staggered = compile({
      title: "Staggered CU price bounds",
      description: "x",
      actions: [
        { kind: "set-parameter", parameter: "oracle.cu.maxPrice", value: "0.1 wad" },
        { kind: "schedule-parameter", parameter: "oracle.cu.minPrice", value: "0.15 wad", effectiveAt: Number(t1) },
        { kind: "schedule-parameter", parameter: "oracle.cu.maxPrice", value: "0.2 wad", effectiveAt: Number(t2) },
      ],
    });
    const windowed = await simulateProposal(client, staggered);
    expect(check(windowed, "execution").status).to.equal("pass");
    expect(check(windowed, "relations").errors).to.deep.equal([
      `this proposal leaves oracle.cu.minPrice (0.15 (wad)) above oracle.cu.maxPrice (0.1 (wad)) from ${iso(t1)}: otherwise every CU/USD answer is out of bounds and valuation, minting and liquidation stop`,
    ]);

    // A multiple: the futures cap in force is at most half the skew scale, so a larger maximum is named.
    const futures = compile({
      title: "Futures cap above half the scale",
      description: "x",
      actions: [
        { kind: "set-parameter", parameter: "futures.maxOpenInterestCu", value: "3000000 tokens" },
        { kind: "set-parameter", parameter: "futures.skewScaleCu", value: "5000000 tokens" },
      ],
    });
    const futuresReport = await simulateProposal(client, futures);
    expect(check(futuresReport, "execution").status).to.equal("pass");
    expect(check(futuresReport, "relations").errors).to.deep.equal([
      "this proposal leaves 2 × futures.maxOpenInterestCu (2 × 3,000,000 tokens) above futures.skewScaleCu (5,000,000 tokens): the contract caps open interest per side at half the skew scale (premium within ±50%), so a larger maximum is not the cap in force",
    ]);

    const loosened = compile({
      title: "Compensation bounds",
      description: "x",
      actions: [{ kind: "set-parameter-bounds", parameter: "redemption.compensationBps", min: "10000", max: "12500" }],
    });
    const second = await simulateProposal(client, loosened);
    expect(check(second, "relations").warnings).to.deep.equal([
      "CRITICAL: with the new bounds, redemption.compensationBps may reach 125% (12500 bps), above the lowest collateral.minRatioBps (110% (11000 bps)): a missed delivery is compensated from collateral held at the ratio; INV-COLLATERAL relies on it",
    ]);
    expect(second.critical).to.be.greaterThan(0);
  });

  it("names a redemption deadline cap below one guardian pause plus one delivery window (a pause would become a penalty)", async () => {
    const { client, compile } = await setup();
    const report = await simulateProposal(
      client,
      compile({
        title: "Shorter deadline extensions",
        description: "x",
        actions: [{ kind: "set-parameter", parameter: "redemption.maxDeadlineExtension", value: "12d" }],
      }),
    );
    expect(check(report, "bounds").status).to.equal("pass");
    expect(check(report, "relations").errors).to.deep.equal([
      "this proposal leaves guardian.maxPauseDuration (10 d) + redemption.deliveryWindow (3 d) above redemption.maxDeadlineExtension (12 d): a guardian pause of the delivery path moves a redemption's deadline to a full window after it, at most maxDeadlineExtension later; below one pause plus one window, a single guardian pause could cut the provider's window short and become its penalty",
    ]);
    expect(report.ok).to.equal(false);
  });

  it("flags the timelock delay, guardians, permissions and moved tokens, critical where it matters", async () => {
    const { sys, client, compile } = await setup();
    const { spec, proposal } = compile({
      title: "Sweeping",
      description: "x",
      actions: [
        { kind: "set-setting", setting: "timelock.minDelay", value: "3d" },
        { kind: "revoke-role", role: "GUARDIAN", account: "guardian Safe" },
        { kind: "set-function-role", contract: "RSTBToken", functions: ["mint"], role: "PUBLIC" },
        {
          kind: "call",
          target: "RSTBToken",
          signature: "transfer(address,uint256)",
          args: [sys.deployment.safes.core, "1000000000000000000000"],
        },
      ],
    });
    const report = await simulateProposal(client, { proposal, spec });
    expect(report.ok).to.equal(true);
    expect(check(report, "governance-settings").warnings).to.deep.equal([
      "CRITICAL: timelock.minDelay: 2 d → 3 d",
      "CRITICAL: action 2 calls STAB3LAuthority.revokeRole(uint64,address): Revoke a protocol role from an account.",
      "CRITICAL: action 3 calls STAB3LAuthority.setTargetFunctionRole(address,bytes4[],uint64): Map functions of a contract to the role allowed to call them.",
    ]);
    expect(check(report, "guardians").warnings).to.deep.equal([
      "CRITICAL: guardian membership: GUARDIAN ← guardian Safe: revoked",
    ]);
    expect(check(report, "permissions").warnings).to.deep.equal([
      "CRITICAL: RSTBToken.mint(address,uint256) role: RSTB_MINTER → PUBLIC",
    ]);
    const moved = check(report, "value-moved").warnings;
    expect(moved[0]).to.equal("RSTBToken transfer of 1000.0 from TimelockController to core Safe");
    expect(moved).to.include("TimelockController RSTBToken: 4,000,000 RSTBToken → 3,999,000 RSTBToken");
    expect(report.critical).to.equal(5);
  });

  it("changes a per-asset oracle feed, flagged critical, with its keyed setting before → after", async () => {
    const { sys, client, compile } = await setup();
    const oracle = new Interface(["function assetConfig(bytes32) view returns (address,uint8,bytes8,address,uint8)"]);
    const read = async (asset: string) =>
      oracle.decodeFunctionResult(
        "assetConfig",
        await hre.ethers.provider.call({
          to: sys.deployment.contracts.PriceOracle,
          data: oracle.encodeFunctionData("assetConfig", [encodeBytes32String(asset)]),
        }),
      );
    const cu = await read("CU/USD");
    const collateralFeed = (await read("COLLATERAL/USD"))[0] as string;
    const { spec, proposal } = compile({
      title: "CU/USD fallback",
      description: "x",
      actions: [{ kind: "set-oracle-feed", asset: "CU/USD", feed: cu[0], fallbackFeed: collateralFeed }],
    });
    const report = await simulateProposal(client, { proposal, spec });
    expect(report.ok).to.equal(true);
    expect(report.subject.decoded.actions[0].intent!.summary).to.equal(
      `Price CU/USD from feed ${cu[0]} (fallback ${collateralFeed}, tag cu)`,
    );
    const change = report.simulation.changes.find((c) => c.subject === "oracle.assets[CU/USD]")!;
    expect(change.before).to.equal(
      `feed=${cu[0]}, feedDecimals=8, tag=0x6375000000000000, fallbackFeed=${ZeroAddress}, fallbackDecimals=0`,
    );
    expect(change.after).to.equal(
      `feed=${cu[0]}, feedDecimals=8, tag=0x6375000000000000, fallbackFeed=${collateralFeed}, fallbackDecimals=8`,
    );
    expect(check(report, "governance-settings").warnings[0]).to.match(/^CRITICAL: oracle\.assets\[CU\/USD\]: /);
  });

  it("simulates the quarterly CU redefinition template: new epoch at the next quarter, in force unchanged", async () => {
    const { sys, client } = await setup();
    const template = {
      ...loadSpec("proposals/templates/quarterly-cu-redefinition.yaml", { checkName: false }),
      network: undefined,
    };
    const proposal = compileSpec(template, sdkContext(sys.deployment)).proposal;
    const report = await simulateProposal(client, { proposal, spec: template });
    expect(report.ok).to.equal(true);
    const t = report.simulation.executionTime;
    const boundary = nextQuarterStart(t);
    expect(check(report, "bounds").info).to.deep.equal([
      "action 1: CU flopsPerUnit 1e15 FLOPs → 102e13 FLOPs within ±25e13 FLOPs",
      "action 1: CU usdPerUnit $0.06 → $0.061 within ±$0.015",
      `action 1: the new CU definition takes effect at ${iso(boundary)} (next quarter boundary)`,
    ]);
    expect(check(report, "postconditions").status).to.equal("pass");
    const epoch = report.simulation.changes.find((c) => c.subject === "cu.definitions[1]")!;
    expect(epoch.before).to.equal(undefined);
    expect(epoch.after).to.equal(`startsAt=${boundary}, flopsPerUnit=1020000000000000, usdPerUnit=6100000`);
    expect(check(report, "governance-settings").warnings[0]).to.equal(
      `CRITICAL: cu.definitions[1]: (none) → startsAt=${boundary}, flopsPerUnit=1020000000000000, usdPerUnit=6100000`,
    );
    expect(new Date(Number(boundary) * 1000).getUTCDate()).to.equal(1);
    expect([0, 3, 6, 9]).to.include(new Date(Number(boundary) * 1000).getUTCMonth());
  });

  it("rejects a CU redefinition beyond the governed step, before and during execution", async () => {
    const { client, compile } = await setup();
    const { spec, proposal } = compile({
      title: "Double the CU",
      description: "x",
      actions: [{ kind: "schedule-cu-definition", flopsPerUnit: "2e15", usdPerUnit: "$0.06" }],
    });
    const report = await simulateProposal(client, { proposal, spec });
    expect(report.ok).to.equal(false);
    expect(check(report, "bounds").errors).to.deep.equal([
      "action 1: CU flopsPerUnit 1e15 FLOPs → 2e15 FLOPs exceeds the redefinition limit of 25e13 FLOPs (cu.maxRedefinitionBps 2500)",
    ]);
    expect(report.simulation.actions[0].error?.text).to.equal(
      "CUVerifierRedefinitionTooLarge(field=flopsPerUnit, oldValue=1000000000000000, newValue=2000000000000000, maxDelta=250000000000000)",
    );
  });

  it("shows an attester added to the governed set, flagged critical", async () => {
    const { client, compile } = await setup();
    const attester = getAddress("0x00000000000000000000000000000000000a77e5");
    const { spec, proposal } = compile({
      title: "Attester",
      description: "x",
      actions: [{ kind: "add-attester", attester }],
    });
    const report = await simulateProposal(client, { proposal, spec });
    expect(report.ok).to.equal(true);
    expect(report.subject.decoded.actions[0].intent!.changes).to.deep.equal([
      { subject: `cu.attesters ← ${attester}`, before: "not an attester", after: "attester" },
    ]);
    expect(check(report, "permissions").warnings).to.deep.equal([
      `CRITICAL: cu.attesters ← ${attester} member: (none) → member`,
    ]);
  });

  it("adds a bridge relayer: the relayer set before → after, flagged critical", async () => {
    const { client, compile } = await setup();
    const relayer = getAddress("0x00000000000000000000000000000000000b71d6");
    const { spec, proposal } = compile({
      title: "Relayer",
      description: "x",
      actions: [{ kind: "add-relayer", relayer }],
    });
    const report = await simulateProposal(client, { proposal, spec });
    expect(report.ok).to.equal(true);
    expect(report.subject.decoded.actions[0].intent!.changes).to.deep.equal([
      { subject: `MessageVerifier.relayers ← ${relayer}`, before: "not a relayer", after: "relayer" },
    ]);
    const change = report.simulation.changes.find((c) => c.subject === "MessageVerifier.relayers")!;
    expect(change.after!.split(",")).to.deep.equal([...change.before!.split(",").filter(Boolean), relayer]);
    expect(check(report, "governance-settings").warnings[0]).to.match(/^CRITICAL: MessageVerifier\.relayers: /);
    expect(report.simulation.events.map((e) => e.name)).to.include("RelayerSet");
  });

  it("continues a proposal already on chain, by id", async () => {
    const { sys, client, compile } = await setup();
    const { proposal } = compile({
      title: "Already proposed",
      description: "x",
      actions: [{ kind: "set-parameter", parameter: "guardian.repauseCooldown", value: "2d" }],
    });
    const id = await new Lifecycle(sys).proposeViaCoreSafe(proposal);
    // Read back from the chain by id: the actions decode to intents with the values in force now.
    const read = await readProposal(client, id);
    expect(read.onChain.proposal).to.deep.equal(proposal);
    expect(read.decoded.ids.proposalId).to.equal(id);
    expect(read.decoded.actions[0].intent!.changes).to.deep.equal([
      { subject: "guardian.repauseCooldown", before: "3 d", after: "2 d" },
    ]);
    const report = await simulateProposal(client, { proposalId: id });
    expect(report.ok).to.equal(true);
    expect(report.simulation.proposalId).to.equal(id);
    expect(report.simulation.steps.map((s) => s.step)).to.deep.equal(["vote", "queue", "execute"]);
    expect(report.subject.decoded.ids.proposalId).to.equal(id);
    expect(await sys.core.governor.state(id)).to.equal(0n); // still Pending on the real chain
  });

  it("stops with a reason when the proposer lacks votes", async () => {
    const { sys, client, compile } = await setup();
    const { proposal } = compile({
      title: "No votes",
      description: "x",
      actions: [{ kind: "set-parameter", parameter: "guardian.repauseCooldown", value: "2d" }],
    });
    const report = await simulateProposal(client, { proposal }, { proposer: sys.spare[3].address });
    expect(report.ok).to.equal(false);
    expect(report.simulation.stoppedAt).to.deep.equal({
      step: "propose",
      reason: `${sys.spare[3].address} has 0 votes, below the proposal threshold ${100_000n * WAD}`,
    });
    expect(check(report, "execution").errors).to.deep.equal([
      `stopped at propose: ${sys.spare[3].address} has 0 votes, below the proposal threshold ${100_000n * WAD}`,
    ]);
  });
});

describe("simulation on a fork of a JSON-RPC endpoint (the local node's URL; no outside network here)", function () {
  this.timeout(300_000);

  it("simulates on an in-process fork and leaves the forked node untouched", async () => {
    const origin = await startNode();
    try {
      const deployment = await deployOnNode(origin);
      const originBlock = await origin.chain.provider.getBlockNumber();
      const fork = await startNode({ fork: { url: origin.url } });
      try {
        expect(fork.chainId).to.equal(31337n);
        expect(fork.fork).to.deep.equal({ url: origin.url, blockNumber: originBlock });
        const client: Client = createClient(fork.chain, deployment);
        const spec = parseSpec({
          title: "Fork",
          description: "x",
          actions: [{ kind: "set-parameter", parameter: "guardian.repauseCooldown", value: "2d" }],
        });
        const proposal = compileSpec(spec, sdkContext(deployment)).proposal;
        const report = await simulateProposal(client, { proposal, spec }, { mode: "fork" });
        expect(report.ok).to.equal(true);
        expect(report.simulation.mode).to.equal("fork");
        expect(report.simulation.changes.map((c) => [c.subject, c.beforeDisplay, c.afterDisplay])).to.deep.equal([
          ["guardian.repauseCooldown", "3 d", "2 d"],
        ]);
        // The origin never saw a transaction.
        expect(await origin.chain.provider.getBlockNumber()).to.equal(originBlock);
        const origin2 = createClient(origin.chain, deployment);
        expect(await origin2.core.parameters.get(REPAUSE)).to.equal(3n * DAY);
      } finally {
        await fork.close();
      }
    } finally {
      await origin.close();
    }
  });

  it("refuses to fork an unreachable endpoint with a clear error", async () => {
    await expect(startNode({ fork: { url: "http://127.0.0.1:9" } })).to.be.rejectedWith(
      ConnectionError,
      "cannot reach http://127.0.0.1:9 to fork it: is it running?",
    );
  });
});
