import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { freePort, spawnRpcNode, type RpcNode } from "./rpc-node.js";

/** A local JSON-RPC node (same shape as the Hardhat node's handle). */
export type LocalRpcNode = RpcNode;

/** The mnemonic of Hardhat's and anvil's default accounts: the local account layout is indexed into it. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/**
 * The anvil binary installed from the npm registry (@foundry-rs/anvil's platform package). Spawned directly,
 * not through the package's Node wrapper, so a stop signal reaches anvil itself and it writes its state.
 */
export function anvilBinary(): string {
  const require = createRequire(import.meta.url);
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const platformPackage = `@foundry-rs/anvil-${process.platform}-${arch}`;
  try {
    const bin = `${dirname(require.resolve(`${platformPackage}/package.json`))}/bin/anvil`;
    if (existsSync(bin)) return bin;
  } catch {
    // fall through to the explanation below
  }
  throw new Error(
    `anvil is not installed for ${process.platform}-${process.arch} (${platformPackage}): run \`npm ci\` again`,
  );
}

/**
 * Start anvil on 127.0.0.1:`port` (a free port when omitted) as the local chain: chain id 31337, Hardhat's
 * twenty default accounts, and, with `stateFile`, the chain kept across restarts: anvil loads the file when
 * it exists, writes it every `stateIntervalSeconds` and when it stops. Resolves once it answers.
 */
export async function startAnvilNode(
  options: { port?: number; stateFile?: string; logFile?: string; stateIntervalSeconds?: number } = {},
): Promise<LocalRpcNode> {
  const port = options.port ?? (await freePort());
  const args = ["--host", "127.0.0.1", "--port", String(port), "--chain-id", "31337"];
  args.push("--accounts", "20", "--mnemonic", DEV_MNEMONIC);
  if (options.stateFile) {
    mkdirSync(dirname(options.stateFile), { recursive: true });
    args.push("--state", options.stateFile, "--state-interval", String(options.stateIntervalSeconds ?? 30));
  }
  // Spawned directly, not through the package's Node wrapper: SIGTERM reaches anvil, which writes its state.
  return spawnRpcNode({
    name: "anvil",
    command: anvilBinary(),
    args,
    port,
    logFile: options.logFile,
    stopGraceMs: 15_000,
  });
}
