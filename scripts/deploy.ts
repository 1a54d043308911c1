/**
 * Deploy STAB3L to a JSON-RPC endpoint and write deployments/<network>.json.
 *
 *   npm run deploy:local                                  # a local node (chain 31337 or 1337) on 127.0.0.1:8545:
 *                                                         # Hardhat's development accounts, mock feeds and tokens
 *   npm run deploy -- --network arbitrum                  # a real network: dry run, prints the plan, sends nothing
 *   npm run deploy -- --network arbitrum --execute        # the same plan, then deploys it
 *
 * Real networks (any --network but localhost):
 *   --config <file>            reviewed config (default deployments/config/<network>.json; see arbitrum.example.json)
 *   --rpc <url>                JSON-RPC endpoint (default: STAB3L_RPC_URL)
 *   --keystore <file>          deployer key as an encrypted JSON keystore, password in DEPLOYER_KEYSTORE_PASSWORD;
 *                              otherwise DEPLOYER_PRIVATE_KEY. Never a development-mnemonic key.
 *   --out <file>               where to write the deployment (default deployments/<network>.json)
 *   --execute                  send the transactions (without it: review and plan only)
 *
 * Exit codes: 0 done (or dry run printed), 1 failure (unreachable node, reverted transaction, failed check),
 * 2 bad input or usage (no config, config refused, missing key, unknown flag).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { NonceManager, Wallet, type Signer } from "ethers";
import { connect } from "../governance/chain.js";
import { isLocalChain, LOCAL_CHAIN_IDS } from "../governance/deploy/local-chain.js";
import { deployFromPlan } from "../governance/deploy/network.js";
import { loadNetworkConfig, networkConfigPath } from "../governance/deploy/network-config.js";
import { formatPlan, reviewNetworkConfig } from "../governance/deploy/review.js";
import { deploymentPath, saveDeployment } from "../governance/deployment.js";
import { InputError } from "../governance/errors.js";
import { deployLocal } from "./lib/local.js";

const USAGE =
  "usage: tsx scripts/deploy.ts --network <name> [--config <file>] [--rpc <url>] [--keystore <file>] " +
  "[--out <file>] [--execute]   (--network localhost: a local chain with development accounts)";

function parse() {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: {
        network: { type: "string", multiple: true },
        config: { type: "string" },
        rpc: { type: "string" },
        keystore: { type: "string" },
        out: { type: "string" },
        execute: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (cause) {
    throw new InputError(`${(cause as Error).message}\n${USAGE}`, { cause });
  }
  const v = parsed.values;
  const networks = v.network ?? ["localhost"];
  if (networks.length > 1) {
    throw new InputError(
      `--network given ${networks.length} times (${networks.join(", ")}): \`npm run deploy:local\` is for local ` +
        `chains only; deploy a real network with \`npm run deploy -- --network <name>\``,
    );
  }
  return { ...v, network: networks[0] };
}

/** The deployer: an encrypted keystore (--keystore) or DEPLOYER_PRIVATE_KEY. */
async function deployerWallet(keystore: string | undefined): Promise<Wallet> {
  if (keystore) {
    const password = process.env.DEPLOYER_KEYSTORE_PASSWORD;
    if (password === undefined) {
      throw new InputError("--keystore needs its password in the environment variable DEPLOYER_KEYSTORE_PASSWORD");
    }
    let json: string;
    try {
      json = readFileSync(keystore, "utf8");
    } catch (cause) {
      throw new InputError(`cannot read the keystore ${keystore}`, { cause });
    }
    try {
      const w = await Wallet.fromEncryptedJson(json, password);
      return new Wallet(w.privateKey);
    } catch (cause) {
      throw new InputError(`cannot decrypt the keystore ${keystore}: ${(cause as Error).message}`, { cause });
    }
  }
  const key = process.env.DEPLOYER_PRIVATE_KEY;
  if (!key) throw new InputError("no deployer key: set DEPLOYER_PRIVATE_KEY or pass --keystore <file>");
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) {
    throw new InputError("DEPLOYER_PRIVATE_KEY: expected a 0x-prefixed 32-byte hex key");
  }
  return new Wallet(key);
}

async function main(): Promise<void> {
  const args = parse();
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const log = (line: string) => console.log(`  ${line}`);

  if (args.network === "localhost") {
    for (const flag of ["config", "keystore"] as const) {
      if (args[flag]) throw new InputError(`--${flag} is for real networks; --network localhost uses development keys`);
    }
    const rpc = args.rpc ?? process.env.STAB3L_RPC_URL ?? "http://127.0.0.1:8545";
    const chain = await connect(rpc);
    if (!isLocalChain(chain.chainId)) {
      throw new InputError(
        `${rpc} is chain ${chain.chainId}, not a local chain (${LOCAL_CHAIN_IDS.join(", ")}): --network localhost ` +
          `deploys mocks and development keys; deploy a real network with --network <name> and ` +
          `deployments/config/<name>.json`,
      );
    }
    console.log(`Deploying STAB3L to ${rpc} (chain ${chain.chainId}) with Hardhat's default accounts`);
    const deployment = await deployLocal(chain, args.network, log);
    const file = args.out ?? deploymentPath(args.network);
    saveDeployment(file, deployment);
    console.log(`Deployed; handover verified; wrote ${file}`);
    return;
  }

  // A real network: nothing happens without a reviewed config.
  const source = args.config ?? networkConfigPath(args.network);
  const config = loadNetworkConfig(source);
  if (config.network !== args.network) {
    throw new InputError(`${source}: network: the config is for "${config.network}", --network says "${args.network}"`);
  }
  const rpc = args.rpc ?? process.env.STAB3L_RPC_URL;
  if (!rpc) throw new InputError("no RPC endpoint: pass --rpc <url> or set STAB3L_RPC_URL");
  const wallet = await deployerWallet(args.keystore);
  const chain = await connect(rpc);
  const plan = await reviewNetworkConfig(config, source, chain, wallet.address);
  for (const line of formatPlan(plan)) console.log(line);
  console.log("");
  if (!args.execute) {
    console.log("Dry run: nothing was sent. Review the plan, then re-run with --execute to deploy it.");
    return;
  }
  console.log(`Deploying to ${config.network} (chain ${chain.chainId}) …`);
  const deployer: Signer = new NonceManager(wallet.connect(chain.provider));
  const { deployment, report } = await deployFromPlan(plan, chain, deployer, log);
  const file = args.out ?? deploymentPath(config.network);
  saveDeployment(file, deployment);
  const deployerHolds = report.handover.holdings.filter((h) => h.holder.toLowerCase() === wallet.address.toLowerCase());
  console.log(
    `Deployed; verified against ${source}: Safes, feeds, tokens, attesters, relayers and peers as configured; ` +
      `the deployer holds ${deployerHolds.length === 0 ? "no role" : deployerHolds.map((h) => h.role).join(", ")}`,
  );
  console.log(`Wrote ${file}`);
  console.log(
    "Next: the core Safe's owners delegate its rSTB to the Safe (stab3l delegate --via-safe); delegates self-delegate.",
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const input = err instanceof InputError;
    console.error(`deploy ${input ? "refused" : "failed"}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(input ? 2 : 1);
  },
);
