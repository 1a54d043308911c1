import { createRequire } from "node:module";
import { freePort, spawnRpcNode, type RpcNode } from "./rpc-node.js";

export { freePort, probeRpc } from "./rpc-node.js";

/** A Hardhat JSON-RPC node running as a child process. */
export type HardhatNode = RpcNode;

/**
 * Start `hardhat node` on 127.0.0.1:`port` (a free port when omitted) and wait until it answers. Its output
 * goes to `logFile` when given. `stop()` ends it (and is safe to call twice).
 */
export async function startHardhatNode(
  options: { port?: number; logFile?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<HardhatNode> {
  const port = options.port ?? (await freePort());
  return spawnRpcNode({
    name: "hardhat node",
    command: process.execPath,
    args: [hardhatCli(), "node", "--hostname", "127.0.0.1", "--port", String(port)],
    port,
    logFile: options.logFile,
    env: options.env,
    stopGraceMs: 5_000,
  });
}

function hardhatCli(): string {
  return createRequire(import.meta.url).resolve("hardhat/internal/cli/bootstrap.js");
}
