/**
 * `npm start`: the embedded default. Starts a Hardhat JSON-RPC node on 127.0.0.1:8545 (or reuses one that is
 * already running with a live deployment), deploys everything, starts the indexer and GraphQL API on
 * 127.0.0.1:4000, and opens the console. Without a terminal it prints the status and the parameters instead
 * and keeps the node and the API running until Ctrl-C.
 *
 *   npm start                     # console acting as delegate-1 (votes); e.g. `npm start -- --as core-1`
 */
import { existsSync } from "node:fs";
import { NonceManager } from "ethers";
import { LOCAL_ACCOUNT_LAYOUT, localWallet } from "../governance/accounts.js";
import { oracleFeeds, refreshFeeds } from "../oracles/simulator.js";
import { removeDatabase } from "../indexer/db/schema.js";
import { connect, type Chain } from "../governance/chain.js";
import { deploymentPath, loadDeployment, saveDeployment, type Deployment } from "../governance/deployment.js";
import { Context } from "../console/context.js";
import { emit } from "../console/output.js";
import { deployLocal } from "./lib/local.js";
import { probeRpc, startHardhatNode, type HardhatNode } from "./lib/hardhat-node.js";

const PORT = 8545;
const RPC = `http://127.0.0.1:${PORT}`;
const API_PORT = 4000;

/** A deployment file for this chain whose every contract still has code (a restarted node loses them). */
async function liveDeployment(chain: Chain): Promise<Deployment | undefined> {
  const file = deploymentPath("localhost");
  if (!existsSync(file)) return undefined;
  const d = loadDeployment(file);
  if (BigInt(d.chainId) !== chain.chainId) return undefined;
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

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  let node: HardhatNode | undefined;
  if (await probeRpc(RPC)) {
    console.log(`A node already answers on ${RPC}; using it.`);
  } else {
    console.log(`Starting a Hardhat node on ${RPC} (log: .stab3l/node.log)`);
    node = await startHardhatNode({ port: PORT, logFile: ".stab3l/node.log" });
  }
  let closeApi: (() => Promise<void>) | undefined;
  const stop = async () => {
    await closeApi?.();
    await node?.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  const chain = await connect(RPC);
  const dbPath = ".stab3l/indexer-localhost.sqlite";
  if (await liveDeployment(chain)) {
    console.log(`Found a live deployment in ${deploymentPath("localhost")}.`);
  } else {
    console.log("Deploying STAB3L (Safes, authority, parameters, rSTB, Timelock, Governor, protocol) ...");
    const deployment = await deployLocal(chain, "localhost", (line) => console.log(`  ${line}`));
    saveDeployment(deploymentPath("localhost"), deployment);
    console.log(`Wrote ${deploymentPath("localhost")}`);
    removeDatabase(dbPath); // a new chain: the old index (and its WAL) describes another history
  }

  // The indexer and GraphQL API, alongside the node (the console reads it with --api).
  const { startApi } = await import("../indexer/api.js");
  const api = await startApi({
    rpcUrl: RPC,
    deployment: deploymentPath("localhost"),
    dbPath,
    port: API_PORT,
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

  const ctx = Context.from({ network: "localhost", rpc: RPC, as: argValue("--as") ?? "delegate-1" });
  if (process.stdin.isTTY && process.stdout.isTTY && !process.argv.includes("--no-console")) {
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

main().catch((err: unknown) => {
  console.error(`start failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
