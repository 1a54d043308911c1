/**
 * The decoder table: which contracts the indexer follows and how it reads them.
 *
 * A contract of the deployment (`deployments/<network>.json` → contracts) is matched by its Solidity name to a
 * ContractKind: an ABI to decode every event into the `events` table, and optional handlers that project events
 * into query tables. A protocol contract without an entry in KINDS still plugs in: its ABI is read from the
 * Hardhat artifacts (artifacts/contracts/**\/<Name>.json) and its events land in `events`, queryable through
 * the `events` GraphQL query. To project a new contract's events into tables of their own, add a ContractKind
 * with handlers (see handlers/*.ts) to KINDS. (The ABI comes from the SDK's typechain registry, governance/abis.ts,
 * or failing that from the Hardhat artifacts.)
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Interface } from "ethers";
import { contractInterface } from "../../governance/abis.js";
import type { Deployment } from "../../governance/deployment.js";
import { dbAddress } from "../ids.js";
import { authorityKind } from "./handlers/authority.js";
import { governorKind } from "./handlers/governor.js";
import { parameterStoreKind } from "./handlers/parameters.js";
import { safeKind } from "./handlers/safe.js";
import { timelockKind } from "./handlers/timelock.js";
import { votesTokenKind } from "./handlers/token.js";
import type { ContractKind, WatchedContract } from "./types.js";

/** Contract kinds by deployment contract name. Protocol domains append theirs. */
export const KINDS: Record<string, ContractKind> = {
  STAB3LGovernor: governorKind,
  RSTBToken: votesTokenKind,
  TimelockController: timelockKind,
  ParameterStore: parameterStoreKind,
  STAB3LAuthority: authorityKind,
};

/** Deployment names of the two Safes the indexer follows. */
export const SAFE_NAMES = { core: "core Safe", guardian: "guardian Safe" } as const;

const DEFAULT_ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), "../../artifacts");

/** The ABI of `name` from Hardhat artifacts, or undefined when it was not compiled here. */
export function artifactInterface(name: string, artifactsDir = DEFAULT_ARTIFACTS): Interface | undefined {
  const root = join(artifactsDir, "contracts");
  if (!existsSync(root)) return undefined;
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) stack.push(path);
      else if (entry === `${name}.json`) {
        const artifact = JSON.parse(readFileSync(path, "utf8")) as { abi: unknown[] };
        return new Interface(artifact.abi as never);
      }
    }
  }
  return undefined;
}

export interface WatchPlan {
  contracts: WatchedContract[];
  /** Deployment contracts the indexer cannot decode (no kind, no artifact): reported in the health status. */
  skipped: string[];
}

/**
 * Every contract of `deployment` the indexer follows: the named contracts, plus the core and guardian Safes.
 * `extra` adds contracts by name, address and kind (tests; contracts deployed outside the deployment file).
 */
export function watchPlan(
  deployment: Deployment,
  options: { extra?: WatchedContract[]; artifactsDir?: string } = {},
): WatchPlan {
  const contracts: WatchedContract[] = [];
  const skipped: string[] = [];
  for (const [name, address] of Object.entries(deployment.contracts)) {
    const kind =
      KINDS[name] ??
      (() => {
        const abi = contractInterface(name) ?? artifactInterface(name, options.artifactsDir);
        return abi ? { kind: `abi:${name}`, abi } : undefined;
      })();
    if (kind) contracts.push({ name, address: dbAddress(address), kind });
    else skipped.push(name);
  }
  contracts.push({ name: SAFE_NAMES.core, address: dbAddress(deployment.safes.core), kind: safeKind });
  contracts.push({ name: SAFE_NAMES.guardian, address: dbAddress(deployment.safes.guardian), kind: safeKind });
  for (const c of options.extra ?? []) contracts.push({ ...c, address: dbAddress(c.address) });
  return { contracts, skipped };
}
