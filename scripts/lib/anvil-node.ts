import { spawn } from "node:child_process";
import { existsSync, createWriteStream, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { freePort, probeRpc, type HardhatNode } from "./hardhat-node.js";

/** A local JSON-RPC node (same shape as the Hardhat node's handle). */
export type LocalRpcNode = HardhatNode;

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
  const url = `http://127.0.0.1:${port}`;
  const args = ["--host", "127.0.0.1", "--port", String(port), "--chain-id", "31337"];
  args.push("--accounts", "20", "--mnemonic", DEV_MNEMONIC);
  if (options.stateFile) {
    mkdirSync(dirname(options.stateFile), { recursive: true });
    args.push("--state", options.stateFile, "--state-interval", String(options.stateIntervalSeconds ?? 30));
  }
  const child = spawn(anvilBinary(), args, { stdio: ["ignore", "pipe", "pipe"] });
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    const log = createWriteStream(options.logFile);
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  } else {
    child.stdout!.resume();
    child.stderr!.resume();
  }
  let exited = false;
  let spawnError: Error | undefined;
  child.once("error", (err) => {
    spawnError = err;
    exited = true;
  });
  child.once("exit", () => {
    exited = true;
  });
  const deadline = Date.now() + 60_000;
  while (!(await probeRpc(url))) {
    if (exited)
      throw new Error(
        `anvil exited before answering on ${url}${spawnError ? ` (${spawnError.message})` : ""}` +
          (options.logFile ? ` (see ${options.logFile})` : ""),
      );
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`anvil did not answer on ${url} within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (exited) return;
    const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM"); // anvil writes its state file on the way out
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await done;
    clearTimeout(timer);
  };
  return { url, port, process: child, stop };
}
