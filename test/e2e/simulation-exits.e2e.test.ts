/**
 * `stab3l propose simulate` leaves the node it is connected to exactly as it found it, however the command
 * ends: completed, failed (an action that reverts), Ctrl-C (SIGINT), SIGTERM, or killed outright (SIGKILL) with
 * the next command run afterwards. After each: same latest block (number, hash, time), same proposals, and the
 * node refuses eth_sendTransaction "from" the core Safe (no impersonated account left behind).
 *
 * Each run is the real `stab3l` command as a child process against a real `hardhat node` child process.
 */
import { expect } from "chai";
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { connect, type Chain } from "../../governance/chain.js";
import { coreContracts } from "../../governance/contracts.js";
import { saveDeployment, type Deployment } from "../../governance/deployment.js";
import { localWallet, LOCAL_ACCOUNT_LAYOUT as L } from "../../governance/accounts.js";
import { deployLocal } from "../../scripts/lib/local.js";
import { startHardhatNode, type HardhatNode } from "../../scripts/lib/hardhat-node.js";

const run = promisify(execFile);
const BIN = resolve("console/bin/stab3l.js");

describe("propose simulate never leaves anything on the node (every exit path)", function () {
  this.timeout(600_000);
  let node: HardhatNode;
  let chain: Chain;
  let deployment: Deployment;
  let dir: string;
  let deploymentFile: string;
  let specFile: string;

  before(async () => {
    node = await startHardhatNode();
    chain = await connect(node.url);
    // Other addresses than the other end-to-end files' deployments: protocol-kit memoizes Safe contract
    // handles by address, and in one mocha process theirs are bound to nodes stopped by then.
    const deployer = localWallet(L.deployer, chain.provider);
    for (let i = 0; i < 5; i++) await (await deployer.sendTransaction({ to: deployer.address })).wait();
    deployment = await deployLocal(chain, "localhost", () => {});
    dir = mkdtempSync(join(tmpdir(), "stab3l-simexit-"));
    deploymentFile = join(dir, "localhost.json");
    saveDeployment(deploymentFile, deployment);
    specFile = join(dir, "20261204-ten-changes.json");
    // Ten actions, so the simulation runs for a while: a signal a second in lands in its middle.
    writeFileSync(
      specFile,
      JSON.stringify({
        title: "Ten changes to interrupt",
        description: "simulated, then interrupted",
        actions: [
          { kind: "set-parameter", parameter: "guardian.repauseCooldown", value: "2d" },
          { kind: "set-parameter", parameter: "guardian.maxPauseDuration", value: "9d" },
          { kind: "set-parameter", parameter: "oracle.sequencerGrace", value: "30m" },
          { kind: "set-parameter", parameter: "oracle.cu.heartbeat", value: "20h" },
          { kind: "set-parameter", parameter: "oracle.cu.fbHeartbeat", value: "20h" },
          { kind: "set-parameter", parameter: "oracle.coll.heartbeat", value: "20h" },
          { kind: "set-parameter", parameter: "oracle.coll.fbHeartbeat", value: "20h" },
          { kind: "set-parameter", parameter: "rstb.supplyCap", value: "105000000 rSTB" },
          { kind: "grant-role", role: "RSTB_MINTER", account: "core Safe" },
          { kind: "set-setting", setting: "governor.votingPeriod", value: "4d" },
        ],
      }),
    );
  });

  after(async () => {
    await node?.stop();
  });

  /** What a leftover simulation would change: the latest block, the time, the proposals on chain. */
  async function facts() {
    const block = (await chain.provider.getBlock("latest"))!;
    const { governor } = coreContracts(deployment, chain.provider);
    const proposals = await governor.queryFilter(governor.filters.ProposalCreated(), 0);
    return { number: block.number, hash: block.hash, timestamp: block.timestamp, proposals: proposals.length };
  }

  /** The node's answer to a transaction "from" the core Safe: refused unless someone left it impersonated. */
  async function sendAsCoreSafe(): Promise<{ result?: string; error?: { message: string } }> {
    const res = await fetch(node.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "eth_sendTransaction",
        params: [{ from: deployment.safes.core, to: deployment.safes.core, value: "0x0" }],
      }),
    });
    return (await res.json()) as { result?: string; error?: { message: string } };
  }

  async function expectUntouched(before: Awaited<ReturnType<typeof facts>>) {
    expect(await facts()).to.deep.equal(before);
    const sent = await sendAsCoreSafe();
    expect(sent.result, "the core Safe is impersonated on the node").to.equal(undefined);
    expect(sent.error!.message).to.match(/unknown account/i);
  }

  /** Start `stab3l propose simulate`, wait until it simulates, wait `delayMs` more, send `signal`. */
  async function interrupt(signal: NodeJS.Signals, delayMs = 1_000) {
    const child = spawn(
      process.execPath,
      [BIN, "propose", "simulate", specFile, "--rpc", node.url, "--deployment", deploymentFile],
      { cwd: dir, env: { ...process.env, FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.stdout.resume();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
      child.on("exit", (code, sig) => res({ code, signal: sig })),
    );
    const deadline = Date.now() + 120_000;
    while (!stderr.includes("simulating")) {
      if (Date.now() > deadline) throw new Error(`the simulation never started: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, delayMs));
    child.kill(signal);
    const end = await exited;
    // It was stopped in the middle, not after finishing (which would make this test prove nothing).
    expect(end, stderr).to.deep.equal({ code: null, signal });
  }

  it("a completed simulation restores nothing because it changed nothing (and impersonates no one on the node)", async () => {
    const before = await facts();
    const { stdout } = await run(
      process.execPath,
      [BIN, "propose", "simulate", specFile, "--rpc", node.url, "--deployment", deploymentFile, "--json"],
      { cwd: dir },
    );
    const out = JSON.parse(stdout) as {
      passed: boolean;
      report: { deployment: unknown; simulation: { mode: string } };
    };
    expect(out.passed).to.equal(true);
    expect(out.report.simulation.mode).to.equal("fork");
    expect(out.report.deployment).to.deep.equal({
      chainId: 31337,
      startBlockNumber: deployment.startBlock.number,
      startBlockHash: deployment.startBlock.hash.toLowerCase(),
    });
    await expectUntouched(before);
  });

  it("a failing simulation (an action that reverts on execution) leaves nothing", async () => {
    const failing = join(dir, "20261204-reverts.json");
    writeFileSync(
      failing,
      JSON.stringify({
        title: "Move more rSTB than the Timelock holds",
        description: "reverts on execution",
        actions: [
          {
            kind: "call",
            target: "RSTBToken",
            signature: "transfer(address,uint256)",
            args: [deployment.safes.core, (10n ** 30n).toString()],
          },
        ],
      }),
    );
    const before = await facts();
    const failed = await run(
      process.execPath,
      [BIN, "propose", "simulate", failing, "--rpc", node.url, "--deployment", deploymentFile, "--json"],
      { cwd: dir },
    ).then(
      () => ({ code: 0, stdout: "" }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed.code).to.equal(1);
    const out = JSON.parse(failed.stdout) as {
      passed: boolean;
      report: { simulation: { stoppedAt: { step: string } } };
    };
    expect(out.passed).to.equal(false);
    expect(out.report.simulation.stoppedAt.step).to.equal("execute");
    await expectUntouched(before);
  });

  it("Ctrl-C (SIGINT) a second into the simulation leaves nothing", async () => {
    const before = await facts();
    await interrupt("SIGINT");
    await expectUntouched(before);
  });

  it("SIGTERM a second into the simulation leaves nothing", async () => {
    const before = await facts();
    await interrupt("SIGTERM");
    await expectUntouched(before);
  });

  it("kill -9 mid-simulation, then the next command: nothing was left to recover", async () => {
    const before = await facts();
    await interrupt("SIGKILL", 2_000);
    const { stdout } = await run(
      process.execPath,
      [BIN, "status", "--rpc", node.url, "--deployment", deploymentFile, "--json"],
      { cwd: dir },
    );
    expect(JSON.parse(stdout)).to.have.property("network");
    await expectUntouched(before);
  });
});
