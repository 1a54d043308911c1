/**
 * Test plumbing for following a real JSON-RPC node: a `hardhat node` child process on a free port (killed with
 * its whole process group, also when mocha exits), an HTTP proxy in front of it that can be cut and restored
 * (the node "goes away" and comes back with the same chain), time travel over JSON-RPC, and a System/Lifecycle
 * for the SDK against that node.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NonceManager, type JsonRpcProvider } from "ethers";
import { LOCAL_ACCOUNT_LAYOUT, localPrivateKey, localWallet } from "../../governance/accounts.js";
import { connect, type Chain } from "../../governance/chain.js";
import { coreContracts } from "../../governance/contracts.js";
import { deployStab3l } from "../../governance/deploy/index.js";
import type { Deployment } from "../../governance/deployment.js";
import type { System } from "../helpers/fixtures.js";
import { Lifecycle } from "../helpers/lifecycle.js";

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const children = new Set<ChildProcess>();
function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the child's own process group (spawned detached)
  } catch {
    // already gone
  }
}
process.on("exit", () => {
  for (const c of children) killGroup(c);
});

/** Spawn a process in its own process group, remembered so it is killed when the test process exits. */
export function spawnGroup(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(command, args, { cwd: process.cwd(), detached: true, stdio: ["ignore", "pipe", "pipe"], env });
  children.add(child);
  child.once("exit", () => children.delete(child));
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

/** Kill a spawned process group and wait for the leader to exit. */
export async function stopGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  killGroup(child, signal);
  await exited;
}

export interface NodeProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `hardhat node` on a free port; resolves once it answers eth_chainId. */
export async function startHardhatNode(): Promise<NodeProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnGroup(process.execPath, [
    "node_modules/hardhat/internal/cli/cli.js",
    "node",
    "--hostname",
    "127.0.0.1",
    "--port",
    String(port),
  ]);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hardhat node exited with ${child.exitCode}`);
    try {
      const r = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stopGroup(child);
      throw new Error("hardhat node did not start within 90 s");
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, child, stop: () => stopGroup(child) };
}

/** An HTTP proxy to `target` that can be cut (connections refused) and restored on the same port. */
export class RpcProxy {
  private server: Server | null = null;
  port = 0;

  constructor(private readonly target: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        fetch(this.target, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: Buffer.concat(chunks),
        })
          .then(async (r) => {
            res.writeHead(r.status, { "content-type": "application/json" });
            res.end(await r.text());
          })
          .catch(() => res.destroy());
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

/** Mine one block at `timestamp` (or the next second). */
export async function mineAt(provider: JsonRpcProvider, timestamp?: bigint): Promise<void> {
  if (timestamp !== undefined) await provider.send("evm_setNextBlockTimestamp", [Number(timestamp)]);
  await provider.send("evm_mine", []);
}

/** The Lifecycle helper with time travel over JSON-RPC instead of Hardhat's in-process network. */
export class RpcLifecycle extends Lifecycle {
  constructor(private readonly system: System) {
    super(system);
  }
  private get rpc(): JsonRpcProvider {
    return this.system.chain.provider as JsonRpcProvider;
  }
  private async latest(): Promise<bigint> {
    return BigInt((await this.rpc.getBlock("latest"))!.timestamp);
  }
  private async travelTo(t: bigint): Promise<void> {
    if ((await this.latest()) < t) await mineAt(this.rpc, t);
  }
  override async toVoteStart(proposalId: bigint): Promise<void> {
    await this.travelTo((await this.system.core.governor.proposalSnapshot(proposalId)) + 1n);
  }
  override async toVoteEnd(proposalId: bigint): Promise<void> {
    await this.travelTo((await this.system.core.governor.proposalDeadline(proposalId)) + 1n);
  }
  override async toEta(eta: bigint): Promise<void> {
    await this.travelTo(eta);
  }
}

/** Deploy STAB3L on the node at `url` with the SDK (as `npm start` does) and build a System over it. */
export async function deployOn(url: string): Promise<{ sys: System; deployment: Deployment; chain: Chain }> {
  const chain = await connect(url);
  const L = LOCAL_ACCOUNT_LAYOUT;
  const wallet = (i: number) => localWallet(i, chain.provider);
  const deployment = await deployStab3l({
    chain,
    network: "localhost",
    deployer: new NonceManager(wallet(L.deployer)),
    coreOwners: L.coreOwners.map((i) => wallet(i).address),
    guardianOwners: L.guardianOwners.map((i) => wallet(i).address),
    delegates: L.delegates.map((i) => wallet(i).address),
    localKeys: { coreOwners: L.coreOwners.map(localPrivateKey), delegates: L.delegates.map(localPrivateKey) },
  });
  const sys = {
    chain,
    deployment,
    core: coreContracts(deployment, chain.provider),
    signers: [],
    deployer: wallet(L.deployer),
    coreOwnerKeys: L.coreOwners.map(localPrivateKey),
    guardianOwnerKeys: L.guardianOwners.map(localPrivateKey),
    delegates: L.delegates.map(wallet),
    spare: L.spare.map(wallet),
  } as unknown as System;
  return { sys, deployment, chain };
}
