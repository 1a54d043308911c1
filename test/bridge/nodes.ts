import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** A child process this test started, killed with its whole process group. */
export interface Child {
  name: string;
  process: ChildProcess;
  output: string[];
}

const started: Child[] = [];

/** Kill every child this module started (SIGTERM, then SIGKILL); safe to call twice. */
export function killAll(): void {
  for (const c of started.splice(0)) {
    if (c.process.exitCode !== null || c.process.pid === undefined) continue;
    try {
      process.kill(-c.process.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
// Also when mocha exits abruptly (--exit, an exception): never leave nodes behind.
process.once("exit", killAll);

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Start a child in its own process group; resolve once `ready` appears in its output. */
export async function startChild(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp | undefined,
  timeoutMs = 120_000,
): Promise<Child> {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    detached: true, // own process group: killAll takes its children too
    stdio: ["ignore", "pipe", "pipe"],
  });
  const c: Child = { name, process: child, output: [] };
  started.push(c);
  const collect = (chunk: Buffer) => {
    c.output.push(chunk.toString());
    if (c.output.length > 400) c.output.splice(0, c.output.length - 400);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  if (!ready) return c;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} not ready after ${timeoutMs} ms:\n${c.output.join("")}`)),
      timeoutMs,
    );
    const check = () => {
      if (ready.test(c.output.join(""))) {
        clearTimeout(timer);
        child.stdout!.off("data", check);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${c.output.join("")}`));
    });
  });
  return c;
}

/** `hardhat node` on `port` answering as chain `chainId` (through STAB3L_CHAIN_ID in hardhat.config.cts). */
export async function startHardhatNode(chainId: number, port: number): Promise<Child> {
  const cli = require.resolve("hardhat/internal/cli/cli.js");
  return startChild(
    `hardhat node ${chainId}`,
    process.execPath,
    [cli, "node", "--hostname", "127.0.0.1", "--port", String(port)],
    { STAB3L_CHAIN_ID: String(chainId) },
    /Started HTTP and WebSocket JSON-RPC server/,
  );
}

/** `tsx relayer/cli.ts …` with the given environment (keys travel in env, not argv). */
export async function startRelayer(name: string, args: string[], env: Record<string, string>): Promise<Child> {
  const tsx = require.resolve("tsx/cli");
  return startChild(name, process.execPath, [tsx, "relayer/cli.ts", ...args], env, /watching/, 60_000);
}
