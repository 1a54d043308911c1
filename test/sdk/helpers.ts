import { getAddress } from "ethers";
import { parseDeployment, type Deployment } from "../../governance/deployment.js";

/** A deployment with fixed made-up addresses, for pure tests (compile, decode) that need no chain. */
export function fakeDeployment(network = "localhost"): Deployment {
  const a = (n: number) => getAddress("0x" + n.toString(16).padStart(40, "0"));
  return parseDeployment({
    network,
    chainId: 31337,
    startBlock: 0,
    contracts: {
      STAB3LAuthority: a(0xa1),
      ParameterStore: a(0xa2),
      RSTBToken: a(0xa3),
      TimelockController: a(0xa4),
      STAB3LGovernor: a(0xa5),
    },
    safes: { core: a(0xc0), guardian: a(0x60) },
    accounts: {
      deployer: a(0xd0),
      coreOwners: [a(0xc1), a(0xc2), a(0xc3)],
      guardianOwners: [a(0x61)],
      delegates: [a(0xde)],
    },
  });
}
