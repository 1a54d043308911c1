import type { Signer } from "ethers";
import type { Chain } from "../chain.js";
import type { CoreContracts } from "../contracts.js";
import type { SafeContracts } from "../deployment.js";

/** What a protocol module sees while the deployer still administers the authority. */
export interface ModuleContext {
  chain: Chain;
  deployer: Signer;
  core: CoreContracts;
  safes: { core: string; guardian: string };
  safeContracts: SafeContracts;
  /** Addresses by contract name; a module adds its own. */
  contracts: Record<string, string>;
  log: (line: string) => void;
}

/**
 * A domain of protocol contracts (minting and staking, markets, bridge ...). `deploy` deploys its contracts
 * against the authority and ParameterStore, records them in `contracts`, and maps their restricted functions
 * to roles. It must not grant any role to the deployer: the handover that follows checks that it holds none.
 */
export interface DeployModule {
  readonly name: string;
  deploy(ctx: ModuleContext): Promise<void>;
}

/** Protocol modules in deployment order. */
export const MODULES: readonly DeployModule[] = [];
