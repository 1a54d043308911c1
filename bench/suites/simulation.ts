/**
 * Simulation and decoding speed of the governance SDK, on a local node reached over JSON-RPC (an in-process
 * Hardhat/EDR node served over HTTP, the same path the console takes against `npm start`'s node):
 * - wall time to simulate a 1-action and a 10-action proposal end to end (snapshot, propose, vote, queue,
 *   execute, read the whole governed state twice, diff, checks, restore), median of several runs;
 * - the same on a throwaway in-process fork of that node (start the fork, simulate, close it): the console's
 *   path, which never writes to the node it is connected to;
 * - time to decode 1,000 proposals (pure, 3 actions each, every intent kind represented).
 */
import { LOCAL_ACCOUNT_LAYOUT as L, localPrivateKey, localWallet } from "../../governance/accounts.js";
import { openClient } from "../../governance/client.js";
import { sdkContext } from "../../governance/context.js";
import { decodeProposal } from "../../governance/decode/proposal.js";
import { deployStab3l } from "../../governance/deploy/index.js";
import { saveDeployment } from "../../governance/deployment.js";
import type { Proposal } from "../../governance/proposal.js";
import { startNode } from "../../governance/simulation/node.js";
import { simulateOnFork } from "../../governance/simulation/fork.js";
import { simulateProposal } from "../../governance/simulation/simulate.js";
import { compileSpec } from "../../governance/specs/compile.js";
import { parseSpec } from "../../governance/specs/load.js";
import { median, type BenchRow, type BenchSuite } from "../lib.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const RUNS = 5;

/** Ten actions a real proposal might bundle: eight parameters, a role, a Governor setting. */
const TEN_ACTIONS = [
  { kind: "set-parameter", parameter: "guardian.repauseCooldown", value: "2d" },
  { kind: "set-parameter", parameter: "guardian.maxPauseDuration", value: "9d" },
  { kind: "set-parameter", parameter: "oracle.sequencerGrace", value: "30m" },
  { kind: "set-parameter", parameter: "oracle.cu.heartbeat", value: "20h" },
  { kind: "set-parameter", parameter: "oracle.cu.fbHeartbeat", value: "20h" },
  { kind: "set-parameter", parameter: "oracle.coll.heartbeat", value: "20h" },
  { kind: "set-parameter", parameter: "oracle.coll.fbHeartbeat", value: "20h" },
  { kind: "set-parameter", parameter: "rstb.supplyCap", value: "105000000 rSTB" },
  { kind: "grant-role", role: "RSTB_MINTER", account: "core Safe" },
  { kind: "set-setting", setting: "governor.votingPeriod", value: "4d" },
];

export const simulation: BenchSuite = {
  name: "simulation",
  async run(): Promise<BenchRow[]> {
    const node = await startNode();
    try {
      const deployment = await deployStab3l({
        chain: node.chain,
        network: "localhost",
        deployer: localWallet(L.deployer, node.chain.provider),
        coreOwners: L.coreOwners.map((i) => localWallet(i).address),
        guardianOwners: L.guardianOwners.map((i) => localWallet(i).address),
        delegates: L.delegates.map((i) => localWallet(i).address),
        localKeys: { coreOwners: L.coreOwners.map(localPrivateKey), delegates: L.delegates.map(localPrivateKey) },
      });
      const file = join(mkdtempSync(join(tmpdir(), "stab3l-bench-")), "localhost.json");
      saveDeployment(file, deployment);
      const client = await openClient({ rpcUrl: node.url, deploymentFile: file });
      const ctx = sdkContext(deployment);
      const compile = (title: string, actions: object[]) =>
        compileSpec(parseSpec({ title, description: "bench", actions }), ctx);

      const time = async (spec: ReturnType<typeof compile>) => {
        const samples: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const started = performance.now();
          const report = await simulateProposal(client, { proposal: spec.proposal, spec: spec.spec });
          samples.push(performance.now() - started);
          if (!report.ok) throw new Error(`bench proposal "${spec.spec.title}" failed its simulation`);
        }
        return median(samples);
      };
      const one = await time(compile("bench: one action", TEN_ACTIONS.slice(0, 1)));
      const ten = await time(compile("bench: ten actions", TEN_ACTIONS));
      const timeOnFork = async (spec: ReturnType<typeof compile>) => {
        const samples: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const started = performance.now();
          const report = await simulateOnFork(node.url, deployment, { proposal: spec.proposal, spec: spec.spec });
          samples.push(performance.now() - started);
          if (!report.ok) throw new Error(`bench proposal "${spec.spec.title}" failed its simulation on a fork`);
        }
        return median(samples);
      };
      const oneFork = await timeOnFork(compile("bench: one action", TEN_ACTIONS.slice(0, 1)));
      const tenFork = await timeOnFork(compile("bench: ten actions", TEN_ACTIONS));

      // 1,000 proposals of 3 actions each, cycling through every kind above plus a raw call and a pause.
      const pool = [
        ...TEN_ACTIONS,
        { kind: "pause", contract: "RSTBToken", functions: ["mint"] },
        {
          kind: "call",
          target: "RSTBToken",
          signature: "transfer(address,uint256)",
          args: [deployment.safes.core, "1"],
        },
      ];
      const proposals: Proposal[] = Array.from(
        { length: 1_000 },
        (_, i) =>
          compile(
            `bench decode #${i}`,
            [0, 1, 2].map((j) => pool[(i + j) % pool.length]),
          ).proposal,
      );
      const started = performance.now();
      let intents = 0;
      for (const p of proposals) intents += decodeProposal(p, ctx).actions.filter((a) => a.intent).length;
      const decode = performance.now() - started;
      if (intents < 2_000) throw new Error(`decoding recognised only ${intents} intents of 3,000 actions`);

      (client.chain.provider as { destroy?: () => void }).destroy?.();
      return [
        { name: "simulate a 1-action proposal (local node, median of 5)", unit: "ms", value: Math.round(one) },
        {
          name: "simulate a 10-action proposal (local node, median of 5)",
          unit: "ms",
          value: Math.round(ten),
          target: "< 2000",
        },
        {
          name: "simulate a 1-action proposal (in-process fork of the node, median of 5)",
          unit: "ms",
          value: Math.round(oneFork),
        },
        {
          name: "simulate a 10-action proposal (in-process fork of the node, median of 5)",
          unit: "ms",
          value: Math.round(tenFork),
          target: "< 2000",
        },
        { name: "decode 1,000 proposals (3 actions each)", unit: "ms", value: Math.round(decode) },
      ];
    } finally {
      await node.close();
    }
  },
};
