import type { ContractRunner } from "ethers";
import { STAB3LAuthority__factory } from "../typechain-types/factories/contracts/access/STAB3LAuthority__factory.js";
import { ParameterStore__factory } from "../typechain-types/factories/contracts/params/ParameterStore__factory.js";
import { RSTBToken__factory } from "../typechain-types/factories/contracts/governance/RSTBToken__factory.js";
import { STAB3LGovernor__factory } from "../typechain-types/factories/contracts/governance/STAB3LGovernor__factory.js";
import { TimelockController__factory } from "../typechain-types/factories/@openzeppelin/contracts/governance/TimelockController__factory.js";
import { PriceOracle__factory } from "../typechain-types/factories/contracts/oracles/PriceOracle__factory.js";
import { SSTBToken__factory } from "../typechain-types/factories/contracts/core/SSTBToken__factory.js";
import { ComputeUnitVerifier__factory } from "../typechain-types/factories/contracts/core/ComputeUnitVerifier__factory.js";
import { AttesterReportVerifier__factory } from "../typechain-types/factories/contracts/core/AttesterReportVerifier__factory.js";
import { CUToken__factory } from "../typechain-types/factories/contracts/core/CUToken__factory.js";
import { MintingAgent__factory } from "../typechain-types/factories/contracts/core/MintingAgent__factory.js";
import { Redemption__factory } from "../typechain-types/factories/contracts/core/Redemption__factory.js";
import { ProviderStaking__factory } from "../typechain-types/factories/contracts/staking/ProviderStaking__factory.js";
import { CollateralManager__factory } from "../typechain-types/factories/contracts/staking/CollateralManager__factory.js";
import { RewardsDistributor__factory } from "../typechain-types/factories/contracts/staking/RewardsDistributor__factory.js";
import type { Deployment } from "./deployment.js";

export {
  STAB3LAuthority__factory,
  ParameterStore__factory,
  RSTBToken__factory,
  STAB3LGovernor__factory,
  TimelockController__factory,
};

const coreCache = new WeakMap<Deployment, Map<ContractRunner | null, ReturnType<typeof makeCoreContracts>>>();

/**
 * Typed handles on the governance core of a deployment, made once per deployment and runner: building the
 * contracts' ethers Interfaces from their ABIs is most of a quick command's CPU time (`status` asked twice).
 */
export function coreContracts(deployment: Deployment, runner: ContractRunner | null) {
  let byRunner = coreCache.get(deployment);
  if (!byRunner) coreCache.set(deployment, (byRunner = new Map()));
  let contracts = byRunner.get(runner);
  if (!contracts) byRunner.set(runner, (contracts = makeCoreContracts(deployment, runner)));
  return contracts;
}

function makeCoreContracts(deployment: Deployment, runner: ContractRunner | null) {
  const c = deployment.contracts;
  return {
    authority: STAB3LAuthority__factory.connect(c.STAB3LAuthority, runner),
    parameters: ParameterStore__factory.connect(c.ParameterStore, runner),
    token: RSTBToken__factory.connect(c.RSTBToken, runner),
    timelock: TimelockController__factory.connect(c.TimelockController, runner),
    governor: STAB3LGovernor__factory.connect(c.STAB3LGovernor, runner),
  };
}
export type CoreContracts = ReturnType<typeof coreContracts>;

/** AccessManager role ids; mirrors contracts/access/Roles.sol. */
export const ROLES = {
  ADMIN: 0n,
  GUARDIAN: 1n,
  RSTB_MINTER: 2n,
  SSTB_MINTER: 10n,
  SSTB_BURNER: 11n,
  CU_MINTER: 12n,
  REPORT_CONSUMER: 13n,
  STAKE_ISSUER: 14n,
  BACKING_ISSUER: 15n,
  BACKING_SETTLER: 16n,
  REWARDS_NOTIFIER: 17n,
  PUBLIC: 2n ** 64n - 1n,
} as const;
export type RoleName = keyof typeof ROLES;

/**
 * Typed handles on the minting and staking domain and the price layer (issue 3) of a deployment. Throws
 * (through ethers) only when used against a deployment that lacks them.
 */
export function protocolContracts(deployment: Deployment, runner: ContractRunner | null) {
  const c = deployment.contracts;
  return {
    oracle: PriceOracle__factory.connect(c.PriceOracle, runner),
    sstb: SSTBToken__factory.connect(c.SSTBToken, runner),
    verifier: ComputeUnitVerifier__factory.connect(c.ComputeUnitVerifier, runner),
    attesters: AttesterReportVerifier__factory.connect(c.AttesterReportVerifier, runner),
    cuToken: CUToken__factory.connect(c.CUToken, runner),
    agent: MintingAgent__factory.connect(c.MintingAgent, runner),
    redemption: Redemption__factory.connect(c.Redemption, runner),
    staking: ProviderStaking__factory.connect(c.ProviderStaking, runner),
    collateral: CollateralManager__factory.connect(c.CollateralManager, runner),
    rewards: RewardsDistributor__factory.connect(c.RewardsDistributor, runner),
  };
}
export type ProtocolContracts = ReturnType<typeof protocolContracts>;
