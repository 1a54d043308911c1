import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { connect } from "../../governance/chain.js";
import { saveDeployment } from "../../governance/deployment.js";
import { deployLocal } from "../../scripts/lib/local.js";
import { startHardhatNode } from "../../scripts/lib/hardhat-node.js";
import { median, type BenchRow, type BenchSuite } from "../lib.js";

const RUNS = 7;

/** Wall time of `command args` in ms, median of RUNS runs after one warm-up (builds dist/ if needed). */
function time(command: string, args: string[]): number {
  execFileSync(command, args, { stdio: "ignore" });
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    execFileSync(command, args, { stdio: "ignore" });
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return Math.round(median(samples));
}

/**
 * Milliseconds from starting `stab3l console` in a pseudo-terminal (util-linux `script`) until its first frame
 * (the title line) is on the terminal; the console is then ended.
 */
async function firstFrame(args: string[]): Promise<number> {
  const command = [process.execPath, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const started = process.hrtime.bigint();
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    stdio: ["pipe", "pipe", "ignore"],
    env: { ...process.env, CI: "", TERM: "xterm-256color", COLUMNS: "100", LINES: "40" },
    detached: true,
  });
  return new Promise((resolveTime, reject) => {
    let out = "";
    const timer = setTimeout(() => finish(new Error(`no first frame within 60 s:\n${out}`)), 60_000);
    const finish = (err?: Error, ms?: number) => {
      clearTimeout(timer);
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      if (err) reject(err);
      else resolveTime(ms!);
    };
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      if (out.includes("STAB3L governance")) finish(undefined, Number(process.hrtime.bigint() - started) / 1e6);
    });
    child.once("exit", () => finish(new Error(`the console exited before its first frame:\n${out}`)));
  });
}

/**
 * Console start-up against a real node, each beside `node -e 0` measured in the same run (the ratio is what
 * the issue targets: `status --json` ≤ 3×, `--help` ≤ 2×; the first TUI frame < 1.5 s).
 */
export const consoleStartup: BenchSuite = {
  name: "console start-up (status --json, --help, first TUI frame vs node -e 0)",
  async run(): Promise<BenchRow[]> {
    const node = await startHardhatNode();
    try {
      const chain = await connect(node.url);
      const file = join(mkdtempSync(join(tmpdir(), "stab3l-bench-")), "localhost.json");
      saveDeployment(file, await deployLocal(chain, "localhost", () => {}));
      const bin = resolve("console/bin/stab3l.js");
      const baseline = time(process.execPath, ["-e", "0"]);
      const status = time(process.execPath, [bin, "status", "--json", "--rpc", node.url, "--deployment", file]);
      const help = time(process.execPath, [bin, "--help"]);
      const consoleArgs = [bin, "console", "--rpc", node.url, "--deployment", file];
      await firstFrame(consoleArgs); // warm-up
      const frames: number[] = [];
      for (let i = 0; i < 5; i++) frames.push(await firstFrame(consoleArgs));
      const frame = Math.round(median(frames));
      const ratio = (v: number) => `${(v / baseline).toFixed(1)}× node -e 0`;
      return [
        { name: "console.status.coldStart", unit: "ms", value: status, baseline, target: `≤ 3× (${ratio(status)})` },
        { name: "console.help.coldStart", unit: "ms", value: help, baseline, target: `≤ 2× (${ratio(help)})` },
        { name: "console.tui.firstFrame", unit: "ms", value: frame, baseline, target: `< 1500 (${ratio(frame)})` },
      ];
    } finally {
      await node.stop();
    }
  },
};
