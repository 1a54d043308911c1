/**
 * The indexer's follow loop against a synthetic node: backoff, range limits, atomic batches, reorganisations,
 * wrong chains and databases, and contracts that plug in through their ABI alone.
 */
import { expect } from "chai";
import { Interface } from "ethers";
import { createApiEnv } from "../../indexer/graphql/env.js";
import { startApiServer } from "../../indexer/graphql/server.js";
import { DATA_TABLES, getMeta, openDatabase, type Db } from "../../indexer/db/schema.js";
import { IndexerHaltedError } from "../../indexer/errors.js";
import { artifactInterface, watchPlan } from "../../indexer/ingest/contracts.js";
import { Indexer, type IndexerOptions } from "../../indexer/ingest/indexer.js";
import type { ContractKind } from "../../indexer/ingest/types.js";
import { ChainSource } from "../../indexer/rpc/source.js";
import { SyntheticChain } from "./synthetic.js";

const WAD = 10n ** 18n;
const A = (n: number) => SyntheticChain.account(n);

/** Proposal 1 created in block 1, then `blocks` blocks of `perBlock` votes each. */
function votingChain(blocks: number, perBlock: number): SyntheticChain {
  const chain = new SyntheticChain();
  const t = chain.blocks[0].timestamp;
  chain.mine([chain.proposalCreated(1n, A(0), t + 1, t + 1_000_000)]);
  let voter = 1;
  for (let b = 0; b < blocks; b++) {
    chain.mine(Array.from({ length: perBlock }, () => chain.voteCast(A(voter++), 1n, voter % 3, BigInt(voter) * WAD)));
  }
  return chain;
}

function indexer(chain: SyntheticChain, db: Db = openDatabase(":memory:"), options: IndexerOptions = {}) {
  return new Indexer(db, new ChainSource(chain.transport()), chain.deployment, { pollIntervalMs: 10, ...options });
}

function dump(db: Db) {
  return Object.fromEntries(DATA_TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("indexer follow loop (synthetic node)", () => {
  it("retries with exponential backoff while the node is down, reports it, then catches up", async () => {
    const chain = votingChain(3, 2);
    chain.down = true;
    const ix = indexer(chain, undefined, { retryInitialMs: 20, retryMaxMs: 160 });
    const delays: number[] = [];
    let seen = 0;
    ix.start();
    await until(() => {
      const s = ix.status();
      if (s.consecutiveFailures > seen) {
        seen = s.consecutiveFailures;
        delays.push(s.retryDelayMs!);
      }
      return seen >= 6;
    });
    expect(delays).to.deep.equal([20, 40, 80, 160, 160, 160]);
    const status = ix.status();
    expect(status.status).to.equal("down");
    expect(status.lastError).to.equal("synthetic node is down");
    expect(status.retryInMs).to.be.at.most(160);
    // Timers never fire early: six attempts span at least the first five delays.
    const times = chain.requests.map((r) => r.at);
    expect(times[5] - times[0]).to.be.at.least(20 + 40 + 80 + 160 + 160 - 5);

    chain.down = false;
    await ix.waitForBlock(chain.head, 5_000);
    expect(ix.status()).to.include({ status: "ok", consecutiveFailures: 0, lastError: null, indexedBlock: chain.head });
    expect(ix.db.prepare("SELECT COUNT(*) FROM votes").pluck().get()).to.equal(6);
    await ix.stop();
  });

  it("halves the block range when the node refuses a large answer, and indexes everything", async () => {
    const chain = votingChain(40, 10);
    chain.maxLogsPerQuery = 50;
    const ix = indexer(chain, undefined, { blockRange: 1_000 });
    ix.start();
    await ix.waitForBlock(chain.head, 10_000);
    await ix.stop();
    const db = ix.db;
    expect(db.prepare("SELECT COUNT(*) FROM votes").pluck().get()).to.equal(400);
    const tallies = db.prepare("SELECT for_voters + against_voters + abstain_voters FROM proposals").pluck().get();
    expect(tallies).to.equal(400);
    const refused = chain.requests.filter((r) => r.method === "eth_getLogs").length;
    expect(refused).to.be.greaterThan(8); // 40 blocks in ranges of at most 4 (50 logs), plus the refusals
  });

  it("commits whole blocks with the cursor: a failing batch leaves no partial rows, and a retry counts once", async () => {
    const chain = votingChain(10, 3);
    // A contract kind whose handler fails on the 5th vote block's logs until `broken` is cleared.
    let broken = true;
    const failing: ContractKind = {
      kind: "test:failing",
      abi: new Interface(["event Poke(uint256 n)"]),
      handlers: () => ({
        Poke: () => {
          if (broken) throw new Error("handler bug");
        },
      }),
    };
    const poker = "0x000000000000000000000000000000000000beef";
    const poke = { address: poker, ...failing.abi.encodeEventLog(failing.abi.getEvent("Poke")!, [1n]) };
    chain.blocks[7].logs.push({
      ...chain.blocks[7].logs[0],
      address: poker,
      topics: poke.topics,
      data: poke.data,
      logIndex: "0x3",
    });
    const extra = [{ name: "Poker", address: poker, kind: failing }];
    const ix = indexer(chain, undefined, {
      maxLogsPerCommit: 4,
      extraContracts: extra,
      retryInitialMs: 5,
      retryMaxMs: 20,
    });
    ix.start();
    await until(() => ix.status().consecutiveFailures >= 3);
    // Blocks before the failing group are committed; nothing of block 7 (its group) is.
    const cursor = ix.status().indexedBlock;
    expect(cursor).to.be.within(2, 6);
    expect(ix.db.prepare("SELECT MAX(block_number) FROM votes").pluck().get()).to.equal(cursor);
    expect(ix.db.prepare("SELECT COUNT(*) FROM events WHERE name = ?").pluck().get("Poke")).to.equal(0);
    expect(ix.db.prepare("SELECT COUNT(*) FROM votes WHERE block_number > ?").pluck().get(cursor)).to.equal(0);
    expect(ix.status().lastError).to.equal("handler bug");

    broken = false;
    await ix.waitForBlock(chain.head, 5_000);
    await ix.stop();
    const reference = indexer(chain, undefined, { extraContracts: extra });
    reference.start();
    await reference.waitForBlock(chain.head);
    await reference.stop();
    expect(dump(ix.db)).to.deep.equal(dump(reference.db));
    expect(ix.db.prepare("SELECT COUNT(*) FROM votes").pluck().get()).to.equal(30);
  });

  it("halts on a reorganisation below the confirmation depth, keeping what it indexed", async () => {
    const chain = votingChain(5, 2);
    const ix = indexer(chain, undefined, { reindexOnReorg: false });
    ix.start();
    await ix.waitForBlock(chain.head);
    chain.reorg(4);
    chain.mine([]);
    const waiting = ix.waitForBlock(chain.head, 5_000).then(
      () => "resolved",
      (e: Error) => e.message,
    );
    await until(() => ix.status().status === "halted");
    expect(ix.status().lastError).to.match(/reorganised below the confirmation depth \(0\): block 7 no longer follows/);
    expect(await waiting).to.match(/reorganised/);
    expect(ix.db.prepare("SELECT COUNT(*) FROM votes").pluck().get()).to.equal(10);
    await ix.stop();
    expect(ix.status().status).to.equal("halted");
  });

  it("on a local chain, a reorganisation (a simulation's revert) starts the index over and matches the new chain", async () => {
    const chain = votingChain(5, 2);
    const ix = indexer(chain);
    ix.start();
    await ix.waitForBlock(chain.head);
    expect(ix.db.prepare("SELECT COUNT(*) FROM votes").pluck().get()).to.equal(10);
    // History from block 4 on is replaced by empty blocks, longer than before.
    chain.reorg(4, chain.head - 4 + 3);
    await until(() => ix.status().indexedBlock === chain.head && ix.status().status === "ok");
    await ix.stop();
    const reference = indexer(chain);
    reference.start();
    await reference.waitForBlock(chain.head);
    await reference.stop();
    expect(dump(ix.db)).to.deep.equal(dump(reference.db));
    expect(ix.db.prepare("SELECT COUNT(*) FROM votes").pluck().get()).to.be.lessThan(10);
  });

  it("on a local chain, the head moving back below the indexed block starts the index over", async () => {
    const chain = votingChain(5, 2);
    const ix = indexer(chain);
    ix.start();
    await ix.waitForBlock(chain.head);
    const before = chain.head;
    chain.blocks.length = 4; // evm_revert to a snapshot: the head is now below what was indexed
    await until(() => ix.status().indexedBlock === chain.head);
    expect(chain.head).to.be.lessThan(before);
    await ix.stop();
    const reference = indexer(chain);
    reference.start();
    await reference.waitForBlock(chain.head);
    await reference.stop();
    expect(dump(ix.db)).to.deep.equal(dump(reference.db));
  });

  it("halts when the node serves another chain", async () => {
    const chain = votingChain(1, 1);
    const other = new SyntheticChain(42161);
    const ix = new Indexer(openDatabase(":memory:"), new ChainSource(other.transport()), chain.deployment, {
      pollIntervalMs: 10,
    });
    ix.start();
    await until(() => ix.status().status === "halted");
    expect(ix.status().lastError).to.equal(
      "the node at synthetic serves chain 42161, the deployment is on chain 31337",
    );
    await ix.stop();
  });

  it("refuses a database that indexes another deployment", () => {
    const chain = votingChain(1, 1);
    const db = openDatabase(":memory:");
    indexer(chain, db);
    const moved = { ...chain.deployment, startBlock: { ...chain.deployment.startBlock, number: 5 } };
    expect(() => new Indexer(db, new ChainSource(chain.transport()), moved)).to.throw(
      IndexerHaltedError,
      /this database indexes another deployment/,
    );
    expect(getMeta(db, "cursor_block")).to.equal("0");
  });

  it("plugs in a deployment contract by its compiled ABI: its events are stored and served by `events`", async () => {
    const abi = artifactInterface("ManagedTarget");
    expect(abi, "artifacts/ holds ManagedTarget (npx hardhat compile)").to.not.equal(undefined);
    const chain = votingChain(1, 1);
    const target = "0x00000000000000000000000000000000000a11ce";
    const deployment = {
      ...chain.deployment,
      contracts: { ...chain.deployment.contracts, ManagedTarget: target, Ghost: A(9) },
    };
    const plan = watchPlan(deployment);
    expect(plan.skipped).to.deep.equal(["Ghost"]);
    chain.mine([{ address: target, ...abi!.encodeEventLog(abi!.getEvent("Pinged")!, [A(7), 3n]) }]);

    const db = openDatabase(":memory:");
    const ix = new Indexer(db, new ChainSource(chain.transport()), deployment, { pollIntervalMs: 10 });
    expect(ix.status().skippedContracts).to.deep.equal(["Ghost"]);
    ix.start();
    await ix.waitForBlock(chain.head);
    await ix.stop();
    const server = await startApiServer({ env: createApiEnv(db, deployment, () => ix.status()), port: 0 });
    const res = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `{ events(input: {contract: "ManagedTarget"}) { nodes { contract name args block { number } } pageInfo { count } } }`,
      }),
    });
    const body = (await res.json()) as { data: { events: { nodes: unknown[]; pageInfo: { count: number } } } };
    await server.close();
    expect(body.data.events.pageInfo.count).to.equal(1);
    expect(body.data.events.nodes[0]).to.deep.equal({
      contract: "ManagedTarget",
      name: "Pinged",
      args: { caller: A(7), count: "3" },
      block: { number: chain.head },
    });
  });
});
