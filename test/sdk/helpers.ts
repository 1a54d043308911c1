import { getAddress } from "ethers";
import { LOCAL_ACCOUNT_LAYOUT as L, localPrivateKey, localWallet } from "../../governance/accounts.js";
import { deployStab3l } from "../../governance/deploy/index.js";
import { parseDeployment, type Deployment } from "../../governance/deployment.js";
import type { LocalNode } from "../../governance/simulation/node.js";

/** A deployment with fixed made-up addresses, for pure tests (compile, decode) that need no chain. */
export function fakeDeployment(network = "localhost"): Deployment {
  const a = (n: number) => getAddress("0x" + n.toString(16).padStart(40, "0"));
  return parseDeployment({
    network,
    chainId: 31337,
    startBlock: { number: 0, hash: `0x${"00".repeat(32)}` },
    contracts: {
      STAB3LAuthority: a(0xa1),
      ParameterStore: a(0xa2),
      RSTBToken: a(0xa3),
      TimelockController: a(0xa4),
      STAB3LGovernor: a(0xa5),
      PriceOracle: a(0xb1),
      SSTBToken: a(0xb2),
      ComputeUnitVerifier: a(0xb3),
      AttesterReportVerifier: a(0xb4),
      MessageVerifier: a(0xb5),
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

let deployments = 0;

/**
 * Deploy the whole system on a node reached over JSON-RPC, as `npm start` does, with the local keys.
 *
 * The deployer first burns a different number of nonces on each call, so addresses differ from the in-process
 * fixture's and from earlier nodes': protocol-kit memoizes Safe contract handles by address and version, not
 * by provider, and a later test would otherwise get handles bound to an earlier (by then closed) node.
 */
export async function deployOnNode(node: LocalNode): Promise<Deployment> {
  const deployer = localWallet(L.deployer, node.chain.provider);
  deployments++;
  for (let i = 0; i < deployments; i++) {
    await (await deployer.sendTransaction({ to: deployer.address, value: 0n })).wait();
  }
  return deployStab3l({
    chain: node.chain,
    network: "localhost",
    deployer,
    coreOwners: L.coreOwners.map((i) => localWallet(i).address),
    guardianOwners: L.guardianOwners.map((i) => localWallet(i).address),
    delegates: L.delegates.map((i) => localWallet(i).address),
    localKeys: { coreOwners: L.coreOwners.map(localPrivateKey), delegates: L.delegates.map(localPrivateKey) },
  });
}
