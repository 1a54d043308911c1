/**
 * CLI: random-walk the local mock feeds of a deployment.
 *   tsx oracles/simulate.ts [--rpc http://127.0.0.1:8545] [--deployment deployments/localhost.json]
 *                           [--interval 5] [--steps 0] [--seed 1] [--max-step-bps 100]
 * `--steps 0` runs until interrupted. The signer is local account 0 (the mocks accept any sender).
 */
import { Command } from "commander";
import { NonceManager } from "ethers";
import { localWallet } from "../governance/accounts.js";
import { connect } from "../governance/chain.js";
import { loadDeployment } from "../governance/deployment.js";
import { deployedFeeds } from "./feeds.js";
import { seededRandom, stepFeeds } from "./simulator.js";

const program = new Command()
  .name("simulate-feeds")
  .option("--rpc <url>", "JSON-RPC endpoint", "http://127.0.0.1:8545")
  .option("--deployment <file>", "deployment file", "deployments/localhost.json")
  .option("--interval <seconds>", "seconds between steps", "5")
  .option("--steps <n>", "number of steps (0 = forever)", "0")
  .option("--seed <n>", "PRNG seed", "1")
  .option("--max-step-bps <bps>", "largest move per step (bps)", "100")
  .parse();

const opts = program.opts<{
  rpc: string;
  deployment: string;
  interval: string;
  steps: string;
  seed: string;
  maxStepBps: string;
}>();
const deployment = loadDeployment(opts.deployment);
const chain = await connect(opts.rpc, deployment.chainId);
const signer = new NonceManager(localWallet(0, chain.provider));
const feeds = await deployedFeeds(deployment, chain.provider);
const addresses = Object.values(feeds.assets).map((a) => a.feed);
const rng = seededRandom(Number(opts.seed));
const steps = Number(opts.steps);
console.log(
  `seed ${opts.seed}; feeds ${Object.entries(feeds.assets)
    .map(([k, v]) => `${k}=${v.feed}`)
    .join(", ")}`,
);
for (let i = 0; steps === 0 || i < steps; i++) {
  const answers = await stepFeeds(signer, addresses, rng, { maxStepBps: Number(opts.maxStepBps) });
  console.log(
    `step ${i + 1}: ${Object.keys(feeds.assets)
      .map((k, j) => `${k} ${answers[j]}`)
      .join(", ")}`,
  );
  if (steps === 0 || i + 1 < steps) await new Promise((r) => setTimeout(r, Number(opts.interval) * 1000));
}
(chain.provider as { destroy?: () => void }).destroy?.();
