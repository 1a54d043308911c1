import type { Signer } from "ethers";
import type { Chain } from "../chain.js";
import type { CoreContracts } from "../contracts.js";
import type { SafeContracts } from "../deployment.js";
import { bridgeModule } from "./bridge.js";
import { marketsModule } from "./markets.js";
import type { DeployConfig } from "./config.js";
import { mintingStakingModule, pricesModule } from "./protocol.js";

/** What a protocol module sees while the deployer still administers the authority. */
export interface ModuleContext {
  chain: Chain;
  deployer: Signer;
  core: CoreContracts;
  safes: { core: string; guardian: string };
  /** Local Safe infrastructure; undefined when the chain's canonical Safe deployments are used. */
  safeContracts: SafeContracts | undefined;
  /** Addresses by contract name; a module adds its own. */
  contracts: Record<string, string>;
  /** The deployment's configuration (external addresses and protocol defaults live here too). */
  config: DeployConfig;
  log: (line: string) => void;
}

/**
 * A role of the authority and who holds it, by deployment name ("RewardsDistributor", "guardian Safe").
 * The deployment grants exactly these; the handover check fails on any other member.
 */
export interface RoleGrant {
  readonly roleId: bigint;
  readonly label: string;
  readonly holders: readonly string[];
}

/**
 * A domain of protocol contracts (minting and staking, markets, bridge ...). `deploy` deploys its contracts
 * against the authority and ParameterStore, records them in `contracts`, and maps their restricted functions
 * to roles with `setTargetFunctionRole` (the deployer is still the authority's admin at that point). It never
 * grants roles itself: it declares them in `roles`, and the deployment grants them and checks nobody else
 * holds any.
 */
export interface DeployModule {
  readonly name: string;
  readonly roles: readonly RoleGrant[];
  /**
   * Checks run for every module before the deployment sends its first transaction: throw to refuse (e.g. a module
   * that would deploy mocks on a chain that is not local).
   */
  preflight?(chainId: bigint, config: DeployConfig): void;
  deploy(ctx: ModuleContext): Promise<void>;
}

/**
 * Protocol modules in deployment order. The markets and the home bridge come after the minting and staking
 * module (issue 3), whose PriceOracle and SSTBToken they use. A remote chain deploys `REMOTE_MODULES` instead.
 */
export const MODULES: readonly DeployModule[] = [
  pricesModule,
  mintingStakingModule,
  marketsModule(),
  bridgeModule({ mode: "home" }),
];

/** Modules of a remote chain: sSTB arrives only through the bridge (burn/mint). */
export const REMOTE_MODULES: readonly DeployModule[] = [bridgeModule({ mode: "remote" })];
