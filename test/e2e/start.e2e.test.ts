/**
 * First contact: what a new user does with only the README, from a fresh clone (the repository's files and
 * nothing built: no artifacts, typechain-types, dist/ or deployment). `npm start` must compile, start a local
 * chain, deploy and report; `stab3l status` must then read it; a restart must resume the same chain (the same
 * deployment identity), and `--fresh` must start another one with another identity.
 */
import { expect } from "chai";
import { execFile, execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { freePort } from "../../scripts/lib/hardhat-node.js";

const run = promisify(execFile);

/** The repository's own files (tracked, or new and not ignored) copied to a new folder; node_modules linked. */
function freshClone(): string {
  const root = resolve(".");
  const dir = mkdtempSync(join(tmpdir(), "stab3l-clone-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root })
    .toString()
    .split("\0")
    .filter((f) => f && existsSync(join(root, f)));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(root, f), join(dir, f));
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir"); // `npm ci` is not what is tested
  return dir;
}

interface Started {
  output: () => string;
  stop: () => Promise<number | null>;
}

/** `npm start -- --no-console …` in `dir`, resolved once it reports that the node keeps running. */
async function npmStart(dir: string, ports: { rpc: number; api: number }, extra: string[] = []): Promise<Started> {
  const args = ["start", "--", "--no-console", "--port", String(ports.rpc), "--api-port", String(ports.api)];
  // Its own process group, as in a terminal: Ctrl-C (SIGINT) reaches npm, the script and the node together.
  const child = spawn("npm", [...args, ...extra], {
    cwd: dir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", CI: "1" },
  });
  let out = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const ready = new Promise<void>((resolveReady, reject) => {
    const timer = setInterval(() => {
      if (out.includes("The node keeps running")) {
        clearInterval(timer);
        resolveReady();
      }
    }, 200);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`npm start exited (${code}) before it was ready:\n${out}`));
    });
  });
  await ready;
  return {
    output: () => out,
    stop: async () => {
      process.kill(-child.pid!, "SIGINT");
      return exited;
    },
  };
}

describe("first contact: npm start from a fresh clone", function () {
  this.timeout(1_200_000);
  let dir: string;
  let started: Started | undefined;

  before(() => {
    dir = freshClone();
  });

  after(async () => {
    await started?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function status(rpc: number) {
    const bin = join(dir, "console/bin/stab3l.js");
    const { stdout } = await run(process.execPath, [bin, "status", "--json", "--rpc", `http://127.0.0.1:${rpc}`], {
      cwd: dir,
    });
    return JSON.parse(stdout) as {
      chainId: number;
      contracts: Record<string, string>;
      handover: { ok: boolean; problems: string[] };
    };
  }
  const deploymentFile = () =>
    JSON.parse(readFileSync(join(dir, "deployments/localhost.json"), "utf8")) as {
      chainId: number;
      startBlock: { number: number; hash: string };
      contracts: Record<string, string>;
    };
  async function blockHash(rpc: number, n: number): Promise<string> {
    const res = await fetch(`http://127.0.0.1:${rpc}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "eth_getBlockByNumber",
        params: ["0x" + n.toString(16), false],
      }),
    });
    return ((await res.json()) as { result: { hash: string } }).result.hash;
  }

  it("compiles, deploys and serves status; a restart resumes the same deployment; --fresh starts another", async () => {
    expect(existsSync(join(dir, "typechain-types")), "the clone has no build output").to.equal(false);
    const ports = { rpc: await freePort(), api: await freePort() };

    // 1. First start: compile (with a progress line), a fresh chain, a deployment.
    started = await npmStart(dir, ports);
    let out = started.output();
    expect(out).to.include("the contracts are not compiled yet: compiling them");
    expect(out).to.include("Starting a fresh local chain");
    expect(out).to.include("Fresh: deploying STAB3L");
    expect(out).not.to.include("ERR_MODULE_NOT_FOUND");
    const first = deploymentFile();
    expect(first.chainId).to.equal(31337);
    expect(first.startBlock.hash).to.equal(await blockHash(ports.rpc, first.startBlock.number));
    const s = await status(ports.rpc);
    expect(s.chainId).to.equal(31337);
    expect(s.contracts).to.deep.equal(first.contracts);
    expect(s.handover.problems).to.deep.equal([]);
    await started.stop();
    started = undefined;
    expect(existsSync(join(dir, ".stab3l/anvil-state.json")), "the chain was saved").to.equal(true);

    // 2. Restart: nothing to compile, the saved chain resumed, the same deployment (same identity) live.
    started = await npmStart(dir, ports);
    out = started.output();
    expect(out).not.to.include("compiling them");
    expect(out).to.include("Resuming the local chain saved in .stab3l/anvil-state.json");
    expect(out).to.include("Resumed: the deployment in deployments/localhost.json is live");
    expect(out).not.to.include("deploying");
    expect(deploymentFile()).to.deep.equal(first);
    expect(await blockHash(ports.rpc, first.startBlock.number)).to.equal(first.startBlock.hash);
    expect((await status(ports.rpc)).handover.ok).to.equal(true);
    await started.stop();
    started = undefined;

    // 3. --fresh: the saved chain set aside, a new chain and deployment with another identity.
    started = await npmStart(dir, ports, ["--fresh"]);
    out = started.output();
    expect(out).to.include("--fresh: the saved chain was moved to .stab3l/anvil-state.json.previous");
    expect(out).to.include("Starting a fresh local chain");
    expect(out).to.include("Fresh: deploying STAB3L");
    const second = deploymentFile();
    expect(second.startBlock.hash).not.to.equal(first.startBlock.hash);
    expect(second.startBlock.hash).to.equal(await blockHash(ports.rpc, second.startBlock.number));
  });

  it("refuses an unknown argument with exit code 2 before starting anything", async () => {
    const r = await run("npm", ["start", "--", "--bogus"], { cwd: dir }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((r as { code: number }).code).to.equal(2);
    expect((r as { stderr: string }).stderr).to.include('unknown argument "--bogus"');
  });
});
