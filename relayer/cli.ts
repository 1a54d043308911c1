/**
 * `tsx relayer/cli.ts`: relay sSTB bridge messages from one chain to another.
 *
 *   tsx relayer/cli.ts --source-rpc http://127.0.0.1:8545 --source-bridge 0x… \
 *                      --dest-rpc http://127.0.0.1:8546 --dest-bridge 0x… [--from-block N] [--once]
 *
 * Keys come from the environment, never from arguments: RELAYER_KEYS (comma-separated relayer private keys) and
 * SUBMITTER_KEY (the account that pays gas on the destination). Addresses may instead come from deployment files
 * (--source-deployment / --dest-deployment, their contracts.CrossChainBridge).
 */
import { Command } from "commander";
import { NonceManager, Wallet, isAddress } from "ethers";
import { z } from "zod";
import { connect } from "../governance/chain.js";
import { loadDeployment } from "../governance/deployment.js";
import { InputError } from "../governance/errors.js";
import { BridgeRelayer } from "./relayer.js";

const key = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "a 32-byte hex private key");
const address = z.string().refine((s) => isAddress(s), "an address");
const optionsSchema = z.object({
  sourceRpc: z.string().url(),
  destRpc: z.string().url(),
  sourceBridge: address,
  destBridge: address,
  relayerKeys: z.array(key).min(1),
  submitterKey: key,
  fromBlock: z.number().int().nonnegative().optional(),
  confirmations: z.number().int().nonnegative(),
  pollMs: z.number().int().positive(),
  once: z.boolean(),
});

function bridgeOf(explicit: string | undefined, deploymentFile: string | undefined): string | undefined {
  if (explicit) return explicit;
  if (deploymentFile) return loadDeployment(deploymentFile).contracts.CrossChainBridge;
  return undefined;
}

async function main(): Promise<void> {
  const program = new Command()
    .name("stab3l-relayer")
    .requiredOption("--source-rpc <url>", "JSON-RPC of the chain to watch")
    .requiredOption("--dest-rpc <url>", "JSON-RPC of the chain to deliver to")
    .option("--source-bridge <address>", "CrossChainBridge on the source chain")
    .option("--dest-bridge <address>", "CrossChainBridge on the destination chain")
    .option("--source-deployment <file>", "deployment file of the source chain")
    .option("--dest-deployment <file>", "deployment file of the destination chain")
    .option("--from-block <n>", "first source block to scan (default: the head at start)")
    .option("--confirmations <n>", "blocks to wait before relaying", "0")
    .option("--poll-ms <n>", "poll interval in milliseconds", "1000")
    .option("--once", "poll once and exit", false)
    .parse();
  const o = program.opts();
  const parsed = optionsSchema.safeParse({
    sourceRpc: o.sourceRpc,
    destRpc: o.destRpc,
    sourceBridge: bridgeOf(o.sourceBridge, o.sourceDeployment),
    destBridge: bridgeOf(o.destBridge, o.destDeployment),
    relayerKeys: (process.env.RELAYER_KEYS ?? "").split(",").filter(Boolean),
    submitterKey: process.env.SUBMITTER_KEY,
    fromBlock: o.fromBlock === undefined ? undefined : Number(o.fromBlock),
    confirmations: Number(o.confirmations),
    pollMs: Number(o.pollMs),
    once: Boolean(o.once),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${issue.path.join(".")}: ${issue.message}`, { details: { issues: parsed.error.issues } });
  }
  const cfg = parsed.data;
  const source = await connect(cfg.sourceRpc);
  const dest = await connect(cfg.destRpc);
  const relayer = await BridgeRelayer.create({
    source: { provider: source.provider, bridge: cfg.sourceBridge },
    destination: {
      provider: dest.provider,
      bridge: cfg.destBridge,
      submitter: new NonceManager(new Wallet(cfg.submitterKey, dest.provider)),
    },
    signers: cfg.relayerKeys.map((k) => new Wallet(k)),
    fromBlock: cfg.fromBlock,
    confirmations: cfg.confirmations,
    pollIntervalMs: cfg.pollMs,
    log: (line) => console.log(`[relayer ${source.chainId}→${dest.chainId}] ${line}`),
  });
  console.log(
    `[relayer ${source.chainId}→${dest.chainId}] watching ${cfg.sourceBridge} from block ${cfg.fromBlock ?? "head"}`,
  );
  if (cfg.once) {
    const outcomes = await relayer.pollOnce();
    console.log(
      JSON.stringify(outcomes.map((r) => ({ nonce: String(r.message.nonce), status: r.status, reason: r.reason }))),
    );
    return;
  }
  relayer.start();
  const stop = () => {
    relayer.stop().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  console.error(`relayer: ${(err as Error).message}`);
  process.exit(1);
});
