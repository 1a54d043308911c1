/**
 * What the resolvers need besides the database: the deployment, names of known addresses, ABIs to decode
 * proposal calls and selectors, and the indexer's live status.
 */
import type { FunctionFragment, Interface } from "ethers";
import type { Deployment } from "../../governance/deployment.js";
import { Reader } from "../db/reader.js";
import type { Db } from "../db/schema.js";
import { dbAddress } from "../ids.js";
import { watchPlan } from "../ingest/contracts.js";
import type { IndexerStatus } from "../ingest/indexer.js";
import { argToJson } from "../ingest/ingest.js";
import type { WatchedContract } from "../ingest/types.js";

export interface DecodedCall {
  signature: string;
  args: Record<string, unknown>;
}

export interface ApiEnv {
  reader: Reader;
  deployment: Deployment;
  chainId: number;
  /** The indexer's live status (or a fixed one for a read-only server over an existing database). */
  status(): IndexerStatus;
  /** Deployment name of a lower-case address. */
  label(address: string): string | undefined;
  /** Function signature of a selector on a target (or on any known contract). */
  functionName(target: string, selector: string): string | undefined;
  /** Decode a call's data with the target's ABI (or any known ABI that has the selector). */
  decodeCall(target: string, data: string): DecodedCall | undefined;
}

export function createApiEnv(
  db: Db,
  deployment: Deployment,
  status: () => IndexerStatus,
  extraContracts: WatchedContract[] = [],
): ApiEnv {
  const plan = watchPlan(deployment, { extra: extraContracts });
  const labels = new Map<string, string>();
  const byAddress = new Map<string, Interface>();
  const bySelector = new Map<string, { iface: Interface; fragment: FunctionFragment }>();
  for (const c of plan.contracts) {
    labels.set(c.address, c.name);
    byAddress.set(c.address, c.kind.abi);
    c.kind.abi.forEachFunction((f) => {
      if (!bySelector.has(f.selector)) bySelector.set(f.selector, { iface: c.kind.abi, fragment: f });
    });
  }
  const find = (target: string, selector: string) => {
    const iface = byAddress.get(dbAddress(target));
    const own = iface?.getFunction(selector);
    if (iface && own) return { iface, fragment: own };
    return bySelector.get(selector.toLowerCase());
  };
  return {
    reader: new Reader(db),
    deployment,
    chainId: deployment.chainId,
    status,
    label: (address) => labels.get(dbAddress(address)),
    functionName: (target, selector) => find(target, selector)?.fragment.format("sighash"),
    decodeCall: (target, data) => {
      if (data.length < 10) return undefined;
      const hit = find(target, data.slice(0, 10));
      if (!hit) return undefined;
      try {
        const values = hit.iface.decodeFunctionData(hit.fragment, data);
        const args: Record<string, unknown> = {};
        hit.fragment.inputs.forEach((p, i) => (args[p.name || String(i)] = argToJson(values[i], p)));
        return { signature: hit.fragment.format("sighash"), args };
      } catch {
        return undefined;
      }
    },
  };
}
