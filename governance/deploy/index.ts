import { getCreateAddress, NonceManager, Wallet, type Signer } from "ethers";
import type { Chain } from "../chain.js";
import { PARAMETERS, registrationOf } from "../catalog/index.js";
import {
  ParameterStore__factory,
  RSTBToken__factory,
  STAB3LAuthority__factory,
  STAB3LGovernor__factory,
  TimelockController__factory,
  ROLES,
  coreContracts,
} from "../contracts.js";
import type { Deployment, SafeContracts } from "../deployment.js";
import { Stab3lError } from "../errors.js";
import {
  CANONICAL_SAFE_VERSION,
  createSafe,
  deploySafeInfrastructure,
  SAFE_VERSION,
  type SupportedSafeVersion,
} from "../safe/infrastructure.js";
import { executeWithOwners } from "../safe/transactions.js";
import { DEFAULT_CONFIG, type DeployConfig } from "./config.js";
import { assertLocalChain, refuseDevelopmentAccounts } from "./local-chain.js";
import { MODULES, type DeployModule } from "./modules.js";
import { expectedRoles, resolveHolder, verifyHandover } from "./verify.js";

export { DEFAULT_CONFIG, type DeployConfig } from "./config.js";
export { MODULES, type DeployModule, type ModuleContext } from "./modules.js";
export { expectedRoles, verifyHandover, type HandoverReport } from "./verify.js";

export interface DeployOptions {
  chain: Chain;
  network: string;
  deployer: Signer;
  coreOwners: string[];
  guardianOwners: string[];
  delegates: string[];
  config?: DeployConfig;
  /**
   * Safe infrastructure: explicit addresses, "canonical" for the chain's official deployments (public
   * networks), or absent to deploy fresh copies from @safe-global/safe-smart-account (local chains).
   */
  safeContracts?: SafeContracts | "canonical";
  /** Version of the Safe singleton in `safeContracts` when given as addresses; default SAFE_VERSION (1.5.0). */
  safeVersion?: SupportedSafeVersion;
  /**
   * Existing Safes to use instead of creating new ones (real networks); `coreOwners` / `guardianOwners` should
   * then be their current owners (recorded in the deployment file).
   */
  existingSafes?: { core?: string; guardian?: string };
  /**
   * Local only: owner keys of the core Safe, used to have the Safe delegate its rSTB to itself, and the
   * delegates' keys, used to self-delegate. On real networks the owners do these steps from the console.
   */
  localKeys?: { coreOwners: string[]; delegates: string[] };
  modules?: readonly DeployModule[];
  log?: (line: string) => void;
}

/**
 * Deploy STAB3L: Safe infrastructure and the two Safes, the authority, the ParameterStore with every catalog
 * parameter, rSTB with its genesis allocation, the Timelock and the Governor, then each protocol module;
 * finally hand every power to the Timelock and the guardian Safe and prove the deployer kept none.
 */
export async function deployStab3l(options: DeployOptions): Promise<Deployment> {
  const config = options.config ?? DEFAULT_CONFIG;
  const log = options.log ?? (() => {});
  const { chain } = options;
  const deployer = options.deployer instanceof NonceManager ? options.deployer : new NonceManager(options.deployer);
  const deployerAddress = await deployer.getAddress();
  // The deployment's identity: the block it starts from, by number and hash (see deploymentIdentity).
  const start = (await chain.provider.getBlock("latest"))!;
  const startBlock = { number: start.number, hash: start.hash! };
  // Safety net for callers that skip the config review (scripts/deploy.ts reviews everything first): development
  // keys and local conveniences never reach a real network.
  refuseDevelopmentAccounts(chain.chainId, [
    ["deployer", deployerAddress],
    ...options.coreOwners.map((a, i): [string, string] => [`core Safe owner ${i}`, a]),
    ...options.guardianOwners.map((a, i): [string, string] => [`guardian Safe owner ${i}`, a]),
    ...options.delegates.map((a, i): [string, string] => [`delegate ${i}`, a]),
    ...(config.protocol?.attesters ?? []).map((a, i): [string, string] => [`attester ${i}`, a]),
  ]);
  if (options.localKeys) assertLocalChain(chain.chainId, "with development keys (localKeys)");
  if (!options.safeContracts) assertLocalChain(chain.chainId, "fresh Safe infrastructure");
  for (const module of options.modules ?? MODULES) module.preflight?.(chain.chainId, config);

  // 1. Safes ----------------------------------------------------------------------------------------
  const safeContracts =
    options.safeContracts === "canonical"
      ? undefined
      : (options.safeContracts ?? (await deploySafeInfrastructure(deployer)));
  const safeVersion = safeContracts ? (options.safeVersion ?? SAFE_VERSION) : CANONICAL_SAFE_VERSION;
  log(
    options.safeContracts
      ? `Safe infrastructure: ${options.safeContracts === "canonical" ? "canonical deployments" : "given addresses"}`
      : "Safe infrastructure deployed",
  );
  const salt = BigInt(startBlock.number).toString();
  const coreSafe =
    options.existingSafes?.core ??
    (await createSafe(
      chain,
      deployer,
      safeContracts,
      options.coreOwners,
      config.safeThreshold.core,
      `1${salt}`,
      safeVersion,
    ));
  const guardianSafe =
    options.existingSafes?.guardian ??
    (await createSafe(
      chain,
      deployer,
      safeContracts,
      options.guardianOwners,
      config.safeThreshold.guardian,
      `2${salt}`,
      safeVersion,
    ));
  const made = (existing: string | undefined) => (existing ? "existing" : "new");
  log(
    `core Safe ${coreSafe} (${made(options.existingSafes?.core)}, ${config.safeThreshold.core}-of-${options.coreOwners.length})`,
  );
  log(
    `guardian Safe ${guardianSafe} (${made(options.existingSafes?.guardian)}, ` +
      `${config.safeThreshold.guardian}-of-${options.guardianOwners.length})`,
  );

  // 2. Authority and parameters ----------------------------------------------------------------------
  const authority = await (await new STAB3LAuthority__factory(deployer).deploy(deployerAddress)).waitForDeployment();
  const authorityAddress = await authority.getAddress();
  const parameters = await (await new ParameterStore__factory(deployer).deploy(authorityAddress)).waitForDeployment();
  const parametersAddress = await parameters.getAddress();
  await (await authority.setParameterStore(parametersAddress)).wait();
  await (await parameters.registerParameters(PARAMETERS.map(registrationOf))).wait();
  log(`authority ${authorityAddress}; ParameterStore ${parametersAddress} with ${PARAMETERS.length} parameters`);

  // 3. rSTB, Timelock, Governor ---------------------------------------------------------------------
  // The Timelock is created with the Governor as its only proposer, canceller and executor, and no admin
  // but itself, so the deployer never holds a Timelock role. The Governor's address is predicted from the
  // deployer's nonce (the Governor is the deployment right after the Timelock's).
  const tokenNonce = await deployer.getNonce("pending");
  const timelockAddress = getCreateAddress({ from: deployerAddress, nonce: tokenNonce + 1 });
  const governorAddress = getCreateAddress({ from: deployerAddress, nonce: tokenNonce + 2 });
  const { genesis } = config;
  const recipients = [timelockAddress, coreSafe, ...options.delegates];
  const amounts = [genesis.treasury, genesis.coreSafe, ...options.delegates.map(() => genesis.perDelegate)];
  const token = await (
    await new RSTBToken__factory(deployer).deploy(authorityAddress, parametersAddress, recipients, amounts)
  ).waitForDeployment();
  const timelock = await (
    await new TimelockController__factory(deployer).deploy(
      config.timelockMinDelay,
      [governorAddress],
      [governorAddress],
      "0x0000000000000000000000000000000000000000",
    )
  ).waitForDeployment();
  const g = config.governor;
  const governor = await (
    await new STAB3LGovernor__factory(deployer).deploy(
      await token.getAddress(),
      timelockAddress,
      {
        votingDelay: g.votingDelay,
        votingPeriod: g.votingPeriod,
        proposalThreshold: g.proposalThreshold,
        quorumNumerator: g.quorumNumerator,
        lateQuorumVoteExtension: g.lateQuorumVoteExtension,
      },
      guardianSafe,
      authorityAddress,
    )
  ).waitForDeployment();
  if ((await timelock.getAddress()) !== timelockAddress || (await governor.getAddress()) !== governorAddress) {
    throw new Stab3lError("deployer nonce moved during deployment: Timelock/Governor addresses mismatch");
  }
  log(`rSTB ${await token.getAddress()}; Timelock ${timelockAddress}; Governor ${governorAddress}`);

  const contracts: Record<string, string> = {
    STAB3LAuthority: authorityAddress,
    ParameterStore: parametersAddress,
    RSTBToken: await token.getAddress(),
    TimelockController: timelockAddress,
    STAB3LGovernor: governorAddress,
  };

  // 4. Protocol modules (the deployer is still the authority's admin) ---------------------------------
  const deployment: Deployment = {
    network: options.network,
    chainId: Number(chain.chainId),
    startBlock,
    contracts,
    safes: { core: coreSafe, guardian: guardianSafe },
    safeVersion,
    safeContracts,
    accounts: {
      deployer: deployerAddress,
      coreOwners: options.coreOwners,
      guardianOwners: options.guardianOwners,
      delegates: options.delegates,
    },
  };
  const core = coreContracts(deployment, deployer);
  for (const module of options.modules ?? MODULES) {
    await module.deploy({
      chain,
      deployer,
      core,
      safes: deployment.safes,
      safeContracts,
      contracts,
      config,
      log: (line) => log(`[${module.name}] ${line}`),
    });
  }

  // 5. Roles and handover -----------------------------------------------------------------------------
  const modules = options.modules ?? MODULES;
  for (const grant of expectedRoles(modules)) {
    await (await authority.labelRole(grant.roleId, grant.label)).wait();
    for (const holder of grant.holders) {
      await (await authority.grantRole(grant.roleId, resolveHolder(deployment, holder), 0)).wait();
    }
  }
  await (
    await authority.setTargetFunctionRole(
      contracts.RSTBToken,
      [token.interface.getFunction("mint").selector],
      ROLES.RSTB_MINTER,
    )
  ).wait();
  await (await authority.grantRole(ROLES.ADMIN, timelockAddress, 0)).wait();
  await (await authority.renounceRole(ROLES.ADMIN, deployerAddress)).wait();
  log("roles wired; deployer renounced ADMIN");

  // 6. Local conveniences: voting power for the core Safe and the delegates ----------------------------
  if (options.localKeys) {
    const delegateCall = token.interface.encodeFunctionData("delegate", [coreSafe]);
    const result = await executeWithOwners(
      chain,
      coreSafe,
      [{ to: contracts.RSTBToken, value: 0n, data: delegateCall }],
      options.localKeys.coreOwners.slice(0, config.safeThreshold.core),
      safeContracts,
      "core Safe delegates its rSTB to itself",
    );
    if (!result.success) throw new Stab3lError("core Safe self-delegation failed");
    for (const key of options.localKeys.delegates) {
      const wallet = new Wallet(key, chain.provider);
      const t = token.connect(wallet);
      await (await t.delegate(wallet.address)).wait();
    }
    log("core Safe and delegates self-delegated");
  }

  const report = await verifyHandover(deployment, chain.provider, modules);
  if (!report.ok) {
    throw new Stab3lError(`handover check failed: ${report.problems.join("; ")}`, { details: { report } });
  }
  return deployment;
}
