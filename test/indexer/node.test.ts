/**
 * The indexer against a real JSON-RPC node (`hardhat node` in a child process): a governance history made
 * through the SDK, a restart, a crash mid-stream, the node going away and coming back, confirmations.
 * "Nothing lost, nothing counted twice" is checked by comparing every indexed table with a database indexed
 * from scratch in one go.
 */
import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JsonRpcProvider } from "ethers";
import { castVote } from "../../governance/lifecycle.js";
import { PROPOSAL_STATES } from "../../governance/proposal.js";
import {
  createApiClient,
  getIndexerStatus,
  getProposal,
  listDelegates,
  listGuardianActions,
  listPauses,
  listProposals,
  listVotes,
} from "../../governance/api/index.js";
import type { Deployment } from "../../governance/deployment.js";
import { startApi, type ApiHandle } from "../../indexer/api.js";
import { DATA_TABLES, getMeta, openDatabase, type Db } from "../../indexer/db/schema.js";
import { Indexer } from "../../indexer/ingest/indexer.js";
import { ChainSource } from "../../indexer/rpc/source.js";
import { HttpTransport } from "../../indexer/rpc/transport.js";
import type { System } from "../helpers/fixtures.js";
import {
  deployOn,
  mineAt,
  RpcLifecycle,
  RpcProxy,
  spawnGroup,
  startHardhatNode,
  stopGroup,
  type NodeProcess,
} from "./node.js";
import { runScenario, type ScenarioResult } from "./scenario.js";

/** Every row of every indexed table, in primary-key order. */
function dump(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of DATA_TABLES) out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all();
  return out;
}

/** Index the node from the deployment's start block to `block` into a fresh in-memory database. */
async function referenceIndex(url: string, deployment: Deployment, block: number): Promise<Db> {
  const db = openDatabase(":memory:");
  const indexer = new Indexer(db, new ChainSource(new HttpTransport(url)), deployment, { pollIntervalMs: 50 });
  indexer.start();
  await indexer.waitForBlock(block, 60_000);
  await indexer.stop();
  return db;
}

async function head(sys: System): Promise<number> {
  return sys.chain.provider.getBlockNumber();
}

describe("indexer following a hardhat node over JSON-RPC", function () {
  this.timeout(300_000);
  let node: NodeProcess;
  let sys: System;
  let deployment: Deployment;
  let scenario: ScenarioResult;
  let dir: string;
  let deploymentFile: string;
  const apis: ApiHandle[] = [];
  const provider = () => sys.chain.provider as JsonRpcProvider;

  before(async () => {
    node = await startHardhatNode();
    ({ sys, deployment } = await deployOn(node.url));
    dir = mkdtempSync(join(tmpdir(), "stab3l-indexer-"));
    deploymentFile = join(dir, "localhost.json");
    writeFileSync(deploymentFile, JSON.stringify(deployment));
  });

  after(async () => {
    for (const a of apis) await a.close();
    await node?.stop();
  });

  async function api(dbPath: string, rpcUrl = node.url, confirmations = 0): Promise<ApiHandle> {
    const handle = await startApi({
      rpcUrl,
      deployment,
      dbPath,
      port: 0,
      indexer: { pollIntervalMs: 50, confirmations, retryInitialMs: 50, retryMaxMs: 400 },
    });
    apis.push(handle);
    return handle;
  }

  it("indexes a proposal lifecycle made through the SDK, identical to a fresh index", async () => {
    const dbPath = join(dir, "main.sqlite");
    const handle = await api(dbPath);
    scenario = await runScenario(sys, new RpcLifecycle(sys));
    const block = await head(sys);
    await handle.indexer.waitForBlock(block);

    const client = createApiClient({ url: handle.url });
    const proposals = await listProposals(client);
    expect(proposals.nodes.map((p) => p.id)).to.deep.equal([scenario.ids.p3, scenario.ids.p2, scenario.ids.p1]);
    for (const p of proposals.nodes) {
      const state = PROPOSAL_STATES[Number(await sys.core.governor.state(p.id))];
      expect(p.status, `proposal ${p.id}`).to.equal(state.toLowerCase());
    }
    const p1 = await getProposal(client, scenario.ids.p1);
    expect(p1.events.map((e) => e.type)).to.deep.equal(["created", "activated", "succeeded", "queued", "executed"]);
    const votes = await listVotes(client, { proposalId: scenario.ids.p1, descending: false });
    const snapshot = await sys.core.governor.proposalSnapshot(scenario.ids.p1);
    expect(votes.nodes.map((v) => v.support)).to.deep.equal(["for", "for", "against", "abstain"]);
    for (const v of votes.nodes) expect(v.weight).to.equal(await sys.core.token.getPastVotes(v.voter, snapshot));
    for (const d of (await listDelegates(client, { limit: 100 })).nodes) {
      expect(d.votes, d.address).to.equal(await sys.core.token.getVotes(d.address));
    }
    const [pause] = await listPauses(client, { activeOnly: true });
    expect(pause.pausedUntil).to.equal(await sys.core.authority.pausedUntil(pause.target, pause.selector));
    expect((await listGuardianActions(client)).nodes.map((a) => a.kind)).to.deep.equal(["PAUSE", "CANCEL_PROPOSAL"]);
    expect(await getIndexerStatus(client)).to.include({ status: "ok", indexedBlock: block, lagBlocks: 0 });

    const reference = await referenceIndex(node.url, deployment, block);
    expect(dump(handle.db)).to.deep.equal(dump(reference));
    reference.close();
  });

  it("resumes after a restart: nothing lost, nothing counted twice", async () => {
    const dbPath = join(dir, "main.sqlite");
    const first = apis.shift()!;
    const cursorBefore = first.indexer.status().indexedBlock;
    await first.close();

    // The chain moves on while the API is down.
    await castVote(sys.core.governor, sys.delegates[2], scenario.ids.p3, "against", "changed my mind");
    await (await sys.core.token.connect(sys.delegates[3]).delegate(sys.delegates[2].address)).wait();
    const block = await head(sys);
    expect(block).to.be.greaterThan(cursorBefore);

    const again = await api(dbPath);
    expect(again.indexer.status().indexedBlock).to.equal(cursorBefore); // picked up the cursor from the file
    await again.indexer.waitForBlock(block);
    const client = createApiClient({ url: again.url });
    const p3 = await getProposal(client, scenario.ids.p3);
    const [against, forVotes] = await sys.core.governor.proposalVotes(scenario.ids.p3);
    expect(p3.votes.against).to.equal(against);
    expect(p3.votes.for).to.equal(forVotes);
    expect(p3.voters).to.deep.equal({ for: 1, against: 1, abstain: 0 });

    const reference = await referenceIndex(node.url, deployment, block);
    expect(dump(again.db)).to.deep.equal(dump(reference));
    reference.close();
  });

  it("recovers from a kill -9 in the middle of the stream", async () => {
    const dbPath = join(dir, "crash.sqlite");
    const target = await head(sys);
    // A throttled CLI indexer (one block per range, requests spaced) so the kill lands mid-stream.
    const child = spawnGroup(process.execPath, [
      "--import",
      "tsx",
      "indexer/main.ts",
      "--rpc",
      node.url,
      "--deployment",
      deploymentFile,
      "--db",
      dbPath,
      "--port",
      "0",
      "--block-range",
      "1",
      "--min-request-interval",
      "20",
      "--quiet",
    ]);
    const midway = deployment.startBlock.number + Math.floor((target - deployment.startBlock.number) / 3);
    let cursorAtKill = -1;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 100));
      if (child.exitCode !== null) throw new Error(`indexer child exited with ${child.exitCode}`);
      let cursor: number;
      try {
        const db = openDatabase(dbPath, { readonly: true });
        cursor = Number(getMeta(db, "cursor_block") ?? -1);
        db.close();
      } catch {
        continue; // not created yet
      }
      if (cursor >= midway) {
        await stopGroup(child, "SIGKILL");
        const db = openDatabase(dbPath, { readonly: true });
        cursorAtKill = Number(getMeta(db, "cursor_block"));
        db.close();
        break;
      }
    }
    expect(cursorAtKill, "the child was killed mid-stream").to.be.within(midway, target - 1);

    const resumed = await api(dbPath);
    expect(resumed.indexer.status().indexedBlock).to.equal(cursorAtKill);
    await resumed.indexer.waitForBlock(target);
    const reference = await referenceIndex(node.url, deployment, target);
    expect(dump(resumed.db)).to.deep.equal(dump(reference));
    reference.close();
    await resumed.close();
  });

  it("reports the node going away, retries with backoff, serves meanwhile and catches up", async () => {
    const proxy = new RpcProxy(node.url);
    await proxy.start();
    const handle = await api(":memory:", proxy.url);
    await handle.indexer.waitForBlock(await head(sys));
    const client = createApiClient({ url: handle.url });
    expect((await fetch(handle.healthUrl)).status).to.equal(200);

    await proxy.stop();
    // A vote the indexer cannot see yet.
    await castVote(sys.core.governor, sys.delegates[1], scenario.ids.p3, "for");
    const deadline = Date.now() + 20_000;
    while (handle.indexer.status().consecutiveFailures < 3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const down = handle.indexer.status();
    expect(down.status).to.equal("down");
    expect(down.consecutiveFailures).to.be.at.least(3);
    expect(down.lastError).to.match(/cannot reach the node/);
    const health = await fetch(handle.healthUrl);
    expect(health.status).to.equal(503);
    expect(((await health.json()) as { status: string }).status).to.equal("down");
    // The API still answers from the database, and says it is behind.
    expect((await getProposal(client, scenario.ids.p3)).voters.for).to.equal(1);
    expect((await getIndexerStatus(client)).status).to.equal("down");

    await proxy.start();
    await handle.indexer.waitForBlock(await head(sys), 20_000);
    expect(handle.indexer.status()).to.include({ status: "ok", consecutiveFailures: 0, lastError: null });
    expect((await getProposal(client, scenario.ids.p3)).voters.for).to.equal(2);
    await handle.close();
    await proxy.stop();
  });

  it("waits the configured confirmations before indexing a block", async () => {
    const handle = await api(":memory:", node.url, 3);
    const start = await head(sys);
    await handle.indexer.waitForBlock(start - 3);
    await (await sys.core.token.connect(sys.delegates[0]).delegate(sys.delegates[1].address)).wait();
    const txBlock = await head(sys);
    await new Promise((r) => setTimeout(r, 300));
    expect(handle.indexer.status().indexedBlock).to.equal(txBlock - 3);
    const client = createApiClient({ url: handle.url });
    const before = await listDelegates(client, { address: sys.delegates[0].address });
    expect(before.nodes[0].delegators).to.equal(1); // still self-delegated, as far as the API knows

    for (let i = 0; i < 3; i++) await mineAt(provider());
    await handle.indexer.waitForBlock(txBlock);
    expect(handle.indexer.status().indexedBlock).to.equal(txBlock);
    const after = await listDelegates(client, { address: sys.delegates[0].address });
    expect(after.nodes[0].delegators).to.equal(0);
    expect(after.nodes[0].votes).to.equal(await sys.core.token.getVotes(sys.delegates[0].address));
    await handle.close();
  });
});
