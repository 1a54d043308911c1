import { createClient } from "../client.js";
import type { Deployment } from "../deployment.js";
import { startNode } from "./node.js";
import { simulateProposal, type SimulateOptions, type SimulationInput } from "./simulate.js";
import type { SimulationReport } from "./types.js";

/**
 * Simulate a proposal on a throwaway in-process fork of `rpcUrl` at its latest block (or `blockNumber`): the
 * node at `rpcUrl` is only read, never written, so nothing of the simulation (proposal, votes, time jump,
 * impersonated accounts) can outlive it, however the process ends (Ctrl-C, kill -9, a crash). The fork lives in
 * this process and is closed before returning.
 */
export async function simulateOnFork(
  rpcUrl: string,
  deployment: Deployment,
  input: SimulationInput,
  options: Omit<SimulateOptions, "mode" | "keepState"> & { blockNumber?: number } = {},
): Promise<SimulationReport> {
  const { blockNumber, ...rest } = options;
  const node = await startNode({ fork: { url: rpcUrl, blockNumber } });
  try {
    return await simulateProposal(createClient(node.chain, deployment), input, { ...rest, mode: "fork" });
  } finally {
    await node.close();
  }
}
