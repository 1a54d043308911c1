/**
 * `npm start`: the embedded default. Starts a local chain (anvil on 127.0.0.1:8545, its state kept in
 * .stab3l/anvil-state.json across restarts) or reuses a node that already answers there, deploys everything
 * unless a live deployment of this chain is found, starts the indexer and GraphQL API on 127.0.0.1:4000, and
 * opens the console. Without a terminal (or with --no-console) it prints the status and the parameters
 * instead and keeps the node and the API running until Ctrl-C.
 *
 *   npm start                     # console acting as delegate-1 (votes); e.g. `npm start -- --as core-1`
 *   npm start -- --fresh          # set the saved chain aside and start a new one
 *
 * Exit codes: 0 stopped with Ctrl-C (or nothing left running), 1 failed (node, compile, deployment), 2 bad
 * arguments. `npm start` runs console/bin/prepare.js first, which compiles the contracts when needed.
 */
import { existsSync, renameSync } from "node:fs";
import { NonceManager } from "ethers";
import { LOCAL_ACCOUNT_LAYOUT, localWallet } from "../governance/accounts.js";
import { oracleFeeds, refreshFeeds } from "../oracles/simulator.js";
import { removeDatabase } from "../indexer/db/schema.js";
import { connect, type Chain } from "../governance/chain.js";
import { deploymentPath, loadDeployment, saveDeployment, type Deployment } from "../governance/deployment.js";
import { Context } from "../console/context.js";
import { emit } from "../console/output.js";
import { deployLocal } from "./lib/local.js";
import { probeRpc } from "./lib/hardhat-node.js";
import { startAnvilNode, type LocalRpcNode } from "./lib/anvil-node.js";

const STATE_FILE = ".stab3l/anvil-state.json";
const USAGE = "usage: npm start -- [--as <account>] [--no-console] [--fresh] [--port <n>] [--api-port <n>]";

/** Exit 2 with one line: the arguments were wrong, nothing was started. */
class UsageError extends Error {}

/** Stops what this process started (the API, then the node, which saves its state); set once they run. */
let shutdown: () => Promise<void> = async () => {};

/** `npm start`'s own flags, checked before anything starts. */
function parseArgs(argv: string[]) {
  const opts = { as: "delegate-1", console: true, fresh: false, port: 8545, apiPort: 4000 };
  const port = (flag: string, v: string | undefined) => {
    const n = Number(v);
    if (!v || !Number.isInteger(n) || n < 0 || n > 65_535) throw new UsageError(`${flag}: expected a port number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--no-console") opts.console = false;
    else if (a === "--fresh") opts.fresh = true;
    else if (a === "--as" && argv[i + 1]) opts.as = argv[++i];
    else if (a === "--port") opts.port = port(a, argv[++i]);
    else if (a === "--api-port") opts.apiPort = port(a, argv[++i]);
    else throw new UsageError(`unknown argument "${a}"\n${USAGE}`);
  }
  return opts;
}

/**
 * The deployment file for this chain, if it is this chain's: same chain id, and the block it started from is
 * on this chain with the same hash (a new chain reuses the addresses and nonces, never the block hashes).
 */
async function liveDeployment(chain: Chain): Promise<Deployment | undefined> {
  const file = deploymentPath("localhost");
  if (!existsSync(file)) return undefined;
  let d: Deployment;
  try {
    d = loadDeployment(file);
  } catch {
    return undefined; // unreadable or written by an older version: deploy again
  }
  if (BigInt(d.chainId) !== chain.chainId) return undefined;
  const start = await chain.provider.getBlock(d.startBlock.number);
  if (start?.hash?.toLowerCase() !== d.startBlock.hash.toLowerCase()) return undefined;
  for (const address of Object.values(d.contracts)) {
    if ((await chain.provider.getCode(address)) === "0x") return undefined;
  }
  return d;
}

/** Re-post every local feed's answer (the PriceOracle's primary and fallback feeds of each asset). */
async function refreshLocalFeeds(chain: Chain): Promise<void> {
  const d = loadDeployment(deploymentPath("localhost"));
  if (!d.contracts.PriceOracle) return;
  const signer = new NonceManager(localWallet(LOCAL_ACCOUNT_LAYOUT.spare.at(-1)!, chain.provider));
  await refreshFeeds(signer, await oracleFeeds(d.contracts.PriceOracle, chain.provider));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const RPC = `http://127.0.0.1:${args.port}`;
  let node: LocalRpcNode | undefined;
  let resumedState = false;
  if (await probeRpc(RPC)) {
    console.log(`A node already answers on ${RPC}; using it (its state is its own: nothing is saved by npm start).`);
  } else {
    if (args.fresh && existsSync(STATE_FILE)) {
      renameSync(STATE_FILE, `${STATE_FILE}.previous`);
      console.log(`--fresh: the saved chain was moved to ${STATE_FILE}.previous`);
    }
    resumedState = existsSync(STATE_FILE);
    console.log(
      resumedState
        ? `Resuming the local chain saved in ${STATE_FILE} (anvil on ${RPC}; log: .stab3l/node.log)`
        : `Starting a fresh local chain (anvil on ${RPC}; saved in ${STATE_FILE}; log: .stab3l/node.log)`,
    );
    node = await startAnvilNode({ port: args.port, stateFile: STATE_FILE, logFile: ".stab3l/node.log" }).catch(
      (err: Error) => {
        // A saved state anvil cannot load (another anvil version, a damaged file) must not lock the user out.
        if (resumedState) err.message += `; \`npm start -- --fresh\` sets ${STATE_FILE} aside and starts a new chain`;
        throw err;
      },
    );
  }
  let closeApi: (() => Promise<void>) | undefined;
  let stopping: Promise<void> | undefined;
  shutdown = () =>
    (stopping ??= (async () => {
      await closeApi?.();
      if (node) {
        await node.stop(); // anvil writes the state file as it stops
        console.log(
          `Local chain saved in ${STATE_FILE}: \`npm start\` resumes it (\`npm start -- --fresh\` starts over).`,
        );
      }
    })());
  const stop = async () => {
    await shutdown();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  const chain = await connect(RPC);
  const dbPath = ".stab3l/indexer-localhost.sqlite";
  const live = await liveDeployment(chain);
  if (live) {
    console.log(
      `Resumed: the deployment in ${deploymentPath("localhost")} is live on this chain ` +
        `(chain ${live.chainId}, started at block ${live.startBlock.number} ${live.startBlock.hash.slice(0, 10)}…).`,
    );
  } else {
    if (resumedState) console.log(`The saved chain has no live deployment of ${deploymentPath("localhost")}.`);
    console.log("Fresh: deploying STAB3L (Safes, authority, parameters, rSTB, Timelock, Governor, protocol) ...");
    const deployment = await deployLocal(chain, "localhost", (line) => console.log(`  ${line}`));
    saveDeployment(deploymentPath("localhost"), deployment);
    console.log(
      `Wrote ${deploymentPath("localhost")} (deployment identity: chain ${deployment.chainId}, block ${deployment.startBlock.number} ${deployment.startBlock.hash})`,
    );
    removeDatabase(dbPath); // a new chain: the old index (and its WAL) describes another history
  }

  // Hook point for work that must run once the chain and its deployment are settled and before anything reads
  // them (e.g. reverting a simulation snapshot a crashed session left open).

  // The indexer and GraphQL API, alongside the node (the console reads it with --api).
  const { startApi } = await import("../indexer/api.js");
  const api = await startApi({
    rpcUrl: RPC,
    deployment: deploymentPath("localhost"),
    dbPath,
    port: args.apiPort,
    log: () => {},
  }).catch((err: Error) => {
    console.log(`GraphQL API not started (${err.message}); the console reads the chain directly.`);
    return undefined;
  });
  if (api) {
    console.log(`GraphQL API on ${api.url} (health: ${api.healthUrl})`);
    closeApi = () => api.close();
  }

  // Local price feeds are mocks: keep them fresh (as Chainlink's heartbeat would) while the node runs.
  const feeds = setInterval(() => void refreshLocalFeeds(chain).catch(() => {}), 10 * 60_000);
  feeds.unref();

  const ctx = Context.from({ network: "localhost", rpc: RPC, as: args.as });
  if (process.stdin.isTTY && process.stdout.isTTY && args.console) {
    const { openConsole } = await import("../console/tui.js");
    await openConsole(ctx);
    await stop();
    return;
  }
  const { status } = await import("../console/commands/status.js");
  const { paramsList } = await import("../console/commands/params.js");
  const { StatusView } = await import("../console/ui/StatusView.js");
  const { ParametersView } = await import("../console/ui/ParametersView.js");
  const React = await import("react");
  const s = await status(ctx);
  await emit(ctx, s, () => React.createElement(StatusView, { data: s }));
  const p = await paramsList(ctx);
  await emit(ctx, p, () => React.createElement(ParametersView, { params: p }));
  if (!node && !api) return;
  console.log(`The node keeps running on ${RPC}; in another terminal: npx stab3l console. Ctrl-C stops it.`);
  await new Promise(() => {});
}

main().catch(async (err: unknown) => {
  console.error(`start failed: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown().catch(() => {});
  process.exit(err instanceof UsageError ? 2 : 1);
});
