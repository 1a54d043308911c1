import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { connect } from "../../governance/chain.js";
import { saveDeployment } from "../../governance/deployment.js";
import { deployLocal } from "../../scripts/lib/local.js";
import { startHardhatNode } from "../../scripts/lib/hardhat-node.js";
import { median, type BenchRow, type BenchSuite } from "../lib.js";

const RUNS = 7;

/** Wall time of `command args` in ms, median of RUNS runs after one warm-up (tsx's transpile cache). */
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

/** Cold start of `stab3l status --json` against a real node, beside `node -e 0` measured in the same run. */
export const consoleStartup: BenchSuite = {
  name: "console cold start (stab3l status --json vs node -e 0)",
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
      return [
        { name: "console.status.coldStart", unit: "ms", value: status, baseline, target: "vs node -e 0" },
        { name: "console.help.coldStart", unit: "ms", value: help, baseline, target: "vs node -e 0" },
      ];
    } finally {
      await node.stop();
    }
  },
};
