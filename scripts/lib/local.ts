import { NonceManager } from "ethers";
import { LOCAL_ACCOUNT_LAYOUT, localPrivateKey, localWallet } from "../../governance/accounts.js";
import type { Chain } from "../../governance/chain.js";
import { deployStab3l } from "../../governance/deploy/index.js";
import type { Deployment } from "../../governance/deployment.js";

/** Deploy the whole system to a local chain with Hardhat's default accounts in their fixed roles. */
export async function deployLocal(chain: Chain, network: string, log: (line: string) => void): Promise<Deployment> {
  const L = LOCAL_ACCOUNT_LAYOUT;
  const address = (i: number) => localWallet(i).address;
  return deployStab3l({
    chain,
    network,
    deployer: new NonceManager(localWallet(L.deployer, chain.provider)),
    coreOwners: L.coreOwners.map(address),
    guardianOwners: L.guardianOwners.map(address),
    delegates: L.delegates.map(address),
    localKeys: { coreOwners: L.coreOwners.map(localPrivateKey), delegates: L.delegates.map(localPrivateKey) },
    log,
  });
}
