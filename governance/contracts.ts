import type { ContractRunner } from "ethers";
import { STAB3LAuthority__factory } from "../typechain-types/factories/contracts/access/STAB3LAuthority__factory.js";
import { ParameterStore__factory } from "../typechain-types/factories/contracts/params/ParameterStore__factory.js";
import { RSTBToken__factory } from "../typechain-types/factories/contracts/governance/RSTBToken__factory.js";
import { STAB3LGovernor__factory } from "../typechain-types/factories/contracts/governance/STAB3LGovernor__factory.js";
import { TimelockController__factory } from "../typechain-types/factories/@openzeppelin/contracts/governance/TimelockController__factory.js";
import type { Deployment } from "./deployment.js";

export {
  STAB3LAuthority__factory,
  ParameterStore__factory,
  RSTBToken__factory,
  STAB3LGovernor__factory,
  TimelockController__factory,
};

/** Typed handles on the governance core of a deployment. */
export function coreContracts(deployment: Deployment, runner: ContractRunner | null) {
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
