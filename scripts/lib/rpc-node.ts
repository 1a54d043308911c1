import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname } from "node:path";

/** A local JSON-RPC node running as a child process (Hardhat's or anvil). */
export interface RpcNode {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether a JSON-RPC node answers at `url`; resolves to its chain id or undefined. */
export async function probeRpc(url: string, timeoutMs = 1_000): Promise<bigint | undefined> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as { result?: string };
    return body.result ? BigInt(body.result) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Spawn `command args` as a node answering JSON-RPC on 127.0.0.1:`port`, send its output to `logFile` (or drop
 * it), and resolve once it answers (60 s at most). `stop()` sends SIGTERM, then SIGKILL after `stopGraceMs`
 * (anvil writes its state file on SIGTERM, so it gets longer), and is safe to call twice.
 */
export async function spawnRpcNode(options: {
  name: string;
  command: string;
  args: string[];
  port: number;
  logFile?: string;
  env?: NodeJS.ProcessEnv;
  stopGraceMs: number;
}): Promise<RpcNode> {
  const { name, port, logFile } = options;
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(options.command, options.args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...options.env },
  });
  if (logFile) {
    mkdirSync(dirname(logFile), { recursive: true });
    const log = createWriteStream(logFile);
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
        `${name} exited before answering on ${url}${spawnError ? ` (${spawnError.message})` : ""}` +
          (logFile ? ` (see ${logFile})` : ""),
      );
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${name} did not answer on ${url} within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (exited) return;
    const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), options.stopGraceMs);
    await done;
    clearTimeout(timer);
  };
  return { url, port, process: child, stop };
}
