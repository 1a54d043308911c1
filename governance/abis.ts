import { Interface } from "ethers";
import {
  ParameterStore__factory,
  RSTBToken__factory,
  STAB3LAuthority__factory,
  STAB3LGovernor__factory,
  TimelockController__factory,
} from "./contracts.js";

/**
 * ABIs of the contracts a deployment can hold, by Solidity contract name (the keys of `deployment.contracts`).
 * Protocol modules add theirs here as they land.
 */
export const CONTRACT_INTERFACES: Record<string, Interface> = {
  STAB3LAuthority: STAB3LAuthority__factory.createInterface() as unknown as Interface,
  ParameterStore: ParameterStore__factory.createInterface() as unknown as Interface,
  RSTBToken: RSTBToken__factory.createInterface() as unknown as Interface,
  TimelockController: TimelockController__factory.createInterface() as unknown as Interface,
  STAB3LGovernor: STAB3LGovernor__factory.createInterface() as unknown as Interface,
};

/** The interface of a deployment contract by name, if known. */
export function interfaceOf(contractName: string): Interface | undefined {
  return CONTRACT_INTERFACES[contractName];
}
