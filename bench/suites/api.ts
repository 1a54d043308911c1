/**
 * Read API benchmarks.
 *
 * 1. Ingest rate: a synthetic chain of 100,000 VoteCast events (1,000 blocks × 100, on 100 proposals) served over
 *    HTTP JSON-RPC, answering at most 10,000 logs per eth_getLogs as hosted nodes do; the real indexer follows
 *    it (HTTP transport, range halving, batched header fetches, ABI decoding, SQLite file in WAL mode) from the
 *    start block to the head.
 * 2. Query latency: a database with 1,000 proposals, 10,000 delegates and 1,000,000 votes written directly with
 *    SQLite inserts (same schema, same tallies the indexer keeps), served by the real GraphQL server; p50/p95
 *    of the proposals and delegates list queries over HTTP, walking pages with cursors.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { DELEGATES, PROPOSALS } from "../../governance/api/documents.js";
import type { Deployment } from "../../governance/deployment.js";
import { openDatabase, setMeta } from "../../indexer/db/schema.js";
import { createApiEnv } from "../../indexer/graphql/env.js";
import { startApiServer } from "../../indexer/graphql/server.js";
import { dbAddress, eventId, sortKey } from "../../indexer/ids.js";
import { Indexer, type IndexerStatus } from "../../indexer/ingest/indexer.js";
import { ChainSource } from "../../indexer/rpc/source.js";
import { HttpTransport } from "../../indexer/rpc/transport.js";
import { SyntheticChain } from "../../test/indexer/synthetic.js";
import { median, percentile, type BenchRow, type BenchSuite } from "../lib.js";

const WAD = 10n ** 18n;
const INGEST_PROPOSALS = 100;
const INGEST_BLOCKS = 1_000;
const VOTES_PER_BLOCK = 100;
const LATENCY_PROPOSALS = 1_000;
const LATENCY_DELEGATES = 10_000;
const VOTES_PER_PROPOSAL = 1_000;
const REQUESTS = 300;

export async function ingestRate(dir: string): Promise<BenchRow[]> {
  // The node runs in its own process, as a real node does.
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "test/indexer/synthetic-node.ts",
      String(INGEST_PROPOSALS),
      String(INGEST_BLOCKS),
      String(VOTES_PER_BLOCK),
      "10000",
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let buffer = "";
      child.stdout!.on("data", (c: Buffer) => {
        buffer += c.toString("utf8");
        if (buffer.includes("\n")) resolve(buffer.split("\n")[0]);
      });
      child.once("exit", (code) => reject(new Error(`synthetic node exited with ${code}`)));
    });
    const node = JSON.parse(line) as { url: string; deployment: Deployment; head: number; logs: number };
    const db = openDatabase(join(dir, "ingest.sqlite"));
    const indexer = new Indexer(db, new ChainSource(new HttpTransport(node.url)), node.deployment, {
      pollIntervalMs: 50,
    });
    const started = performance.now();
    indexer.start();
    await indexer.waitForBlock(node.head, 600_000);
    const seconds = (performance.now() - started) / 1000;
    await indexer.stop();
    const votes = db.prepare("SELECT COUNT(*) FROM votes").pluck().get() as number;
    db.close();
    if (votes !== INGEST_BLOCKS * VOTES_PER_BLOCK) throw new Error(`ingested ${votes} votes`);
    return [
      {
        name: `api: ingest ${votes.toLocaleString("en-US")} VoteCast from a JSON-RPC node (HTTP, 10k-log answers)`,
        unit: "events/s",
        value: Math.round(node.logs / seconds),
        target: "≥ 5000",
      },
    ];
  } finally {
    child.stdin!.end();
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}

/** 1M votes written straight into the indexer's schema, with the tallies and facts the indexer would keep. */
export function buildLargeDatabase(path: string, chain: SyntheticChain): { seconds: number } {
  const started = performance.now();
  const db = openDatabase(path);
  const d = chain.deployment;
  const t0 = 1_800_000_000;
  const votesOf = (i: number) => BigInt(1_000 + ((i * 7919) % 100_000)) * WAD;
  const address = (i: number) => SyntheticChain.rawAccount(i);
  db.transaction(() => {
    setMeta(
      db,
      "deployment",
      JSON.stringify({ chainId: d.chainId, governor: dbAddress(d.contracts.STAB3LGovernor), startBlock: d.startBlock }),
    );
    const head = 1_000 + LATENCY_PROPOSALS * 10 + 100;
    for (const [k, v] of Object.entries({
      cursor_block: String(head),
      cursor_hash: "0x" + "ab".repeat(32),
      cursor_time: String(t0 + head * 12),
      governor_name: "STAB3L Governor",
      token_name: "STAB3L Governance",
      token_symbol: "rSTB",
      token_decimals: "18",
      clock_mode: "mode=timestamp",
      quorum_denominator: "100",
    })) {
      setMeta(db, k, v);
    }
    db.prepare(
      `INSERT INTO governor_settings (id, name, old_value, new_value, block_number, block_time) VALUES (1, 'quorumNumerator', '0', '4', 1, ?)`,
    ).run(t0);
    let supply = 0n;
    const delegate = db.prepare(
      `INSERT INTO delegates (address, seq, votes, votes_key, delegators) VALUES (?, ?, ?, ?, 1)`,
    );
    for (let i = 0; i < LATENCY_DELEGATES; i++) {
      const v = votesOf(i);
      supply += v;
      delegate.run(address(i), eventId(2, i), v.toString(), sortKey(v));
    }
    db.prepare(`INSERT INTO supply_checkpoints (id, block_number, block_time, supply) VALUES (?, 2, ?, ?)`).run(
      eventId(2, 0),
      t0 + 24,
      supply.toString(),
    );
    const proposal = db.prepare(
      `INSERT INTO proposals (seq, onchain_id, proposer, targets, "values", signatures, calldatas, description, title,
         vote_start, vote_end, created_block, created_time, created_tx, for_votes, against_votes, abstain_votes,
         for_voters, against_voters, abstain_voters, quorum)
       VALUES (?, ?, ?, '[]', '[]', '[]', '[]', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const vote = db.prepare(
      `INSERT INTO votes (id, proposal_seq, voter, support, weight, weight_key, reason, params, block_number, block_time,
         tx_hash) VALUES (?, ?, ?, ?, ?, ?, '', NULL, ?, ?, ?)`,
    );
    const tx = "0x" + "cd".repeat(32);
    for (let p = 0; p < LATENCY_PROPOSALS; p++) {
      const created = 1_000 + p * 10;
      const seq = eventId(created, 0);
      const tallies = [0n, 0n, 0n];
      const voters = [0, 0, 0];
      for (let j = 0; j < VOTES_PER_PROPOSAL; j++) {
        const voter = (p * 7 + j) % LATENCY_DELEGATES;
        const support = (p + j) % 3;
        const weight = votesOf(voter);
        tallies[support] += weight;
        voters[support]++;
        const block = created + 1 + Math.floor(j / 100);
        vote.run(
          eventId(block, j % 100),
          seq,
          address(voter),
          support,
          weight.toString(),
          sortKey(weight),
          block,
          t0 + block * 12,
          tx,
        );
      }
      const title = `Proposal ${p + 1}`;
      proposal.run(
        seq,
        String(p + 1),
        address(0),
        `# ${title}\n\nbody`,
        title,
        t0 + created * 12 + 1,
        t0 + created * 12 + 100 + (p % 2 === 0 ? 10_000_000 : 0),
        created,
        t0 + created * 12,
        tx,
        tallies[1].toString(),
        tallies[0].toString(),
        tallies[2].toString(),
        voters[1],
        voters[0],
        voters[2],
        // Every snapshot is before the cursor: the indexer would have settled each quorum (4% of supply).
        ((supply * 4n) / 100n).toString(),
      );
    }
  })();
  db.pragma("optimize");
  db.close();
  return { seconds: (performance.now() - started) / 1000 };
}

/** `prebuilt`: reuse a database built by buildLargeDatabase (for profiling), instead of building one in `dir`. */
export async function latencies(dir: string, prebuilt?: string): Promise<BenchRow[]> {
  const chain = new SyntheticChain();
  const path = prebuilt ?? join(dir, "large.sqlite");
  const built = prebuilt ? { seconds: 0 } : buildLargeDatabase(path, chain);
  const db = openDatabase(path);
  const votes = db.prepare("SELECT COUNT(*) FROM votes").pluck().get() as number;
  const status = (): IndexerStatus => ({
    status: "ok",
    chainId: chain.chainId,
    rpc: "none",
    startBlock: 1,
    confirmations: 0,
    indexedBlock: 0,
    indexedBlockHash: null,
    indexedTime: null,
    headBlock: null,
    headTime: null,
    lagBlocks: 0,
    lagSeconds: 0,
    lastError: null,
    consecutiveFailures: 0,
    retryInMs: null,
    retryDelayMs: null,
    lastSuccessAt: null,
    eventsIndexed: 0,
    skippedContracts: [],
  });
  const server = await startApiServer({ env: createApiEnv(db, chain.deployment, status), port: 0 });

  // node:http with a keep-alive agent: fetch (undici) added ~10 ms of client overhead per request on our machines.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const post = (body: string) =>
    new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: server.port,
          path: "/graphql",
          method: "POST",
          agent,
          headers: { "content-type": "application/json" },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        },
      );
      req.on("error", reject);
      req.end(body);
    });

  const measure = async (query: string, input: (cursor: string | null) => unknown, key: string) => {
    const times: number[] = [];
    let cpu = process.cpuUsage();
    let cursor: string | null = null;
    for (let i = 0; i < REQUESTS + 20; i++) {
      const started = performance.now();
      const text = await post(JSON.stringify({ query, variables: { input: input(cursor) } }));
      const body = JSON.parse(text) as {
        data?: Record<string, { nodes: unknown[]; pageInfo: { lastCursor: string } }>;
        errors?: unknown;
      };
      const elapsed = performance.now() - started;
      if (!body.data || body.errors) throw new Error(`bench query failed: ${JSON.stringify(body.errors)}`);
      const page = body.data[key];
      // Walk pages with cursors, starting over every 25 pages; the first 20 requests warm up.
      cursor = i % 25 === 24 ? null : page.pageInfo.lastCursor;
      if (i >= 20) times.push(elapsed);
      if (i === 19) cpu = process.cpuUsage();
    }
    const used = process.cpuUsage(cpu);
    // CPU per request (client + server, one process): less sensitive to other load on the machine than latency.
    return { times, cpuMs: (used.user + used.system) / 1000 / REQUESTS };
  };

  const proposals = await measure(
    PROPOSALS,
    (c) => ({
      filters: {},
      page: { limit: 20, afterCursor: c ?? undefined },
      sort: { sortBy: "id", isDescending: true },
    }),
    "proposals",
  );
  const delegates = await measure(
    DELEGATES,
    (c) => ({
      filters: {},
      page: { limit: 20, afterCursor: c ?? undefined },
      sort: { sortBy: "votes", isDescending: true },
    }),
    "delegates",
  );
  agent.destroy();
  await server.close();
  db.close();
  const label = `${votes.toLocaleString("en-US")} votes stored`;
  const ms = (n: number) => Number(n.toFixed(2));
  return [
    {
      name: `api: build the ${label} database (direct SQLite inserts)`,
      unit: "s",
      value: Number(built.seconds.toFixed(1)),
    },
    { name: `api: proposals query p50, 20 per page (${label})`, unit: "ms", value: ms(median(proposals.times)) },
    {
      name: `api: proposals query p95, 20 per page (${label})`,
      unit: "ms",
      value: ms(percentile(proposals.times, 95)),
      target: "< 20",
    },
    { name: `api: proposals query CPU per request (client + server)`, unit: "ms", value: ms(proposals.cpuMs) },
    { name: `api: delegates query p50, by votes (${label})`, unit: "ms", value: ms(median(delegates.times)) },
    {
      name: `api: delegates query p95, by votes (${label})`,
      unit: "ms",
      value: ms(percentile(delegates.times, 95)),
      target: "< 20",
    },
    { name: `api: delegates query CPU per request (client + server)`, unit: "ms", value: ms(delegates.cpuMs) },
    // Latency here is mostly waiting for a CPU when the machine is busy: say how busy it was.
    { name: "api: machine load average (1 min) after the latency runs", unit: "procs", value: ms(loadavg()[0]) },
  ];
}

export const api: BenchSuite = {
  name: "api",
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "stab3l-bench-api-"));
    try {
      return [...(await ingestRate(dir)), ...(await latencies(dir))];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
