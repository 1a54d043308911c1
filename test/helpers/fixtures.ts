import hre from "hardhat";
import { LOCAL_ACCOUNT_LAYOUT, localPrivateKey } from "../../governance/accounts.js";
import type { Chain } from "../../governance/chain.js";
import { coreContracts } from "../../governance/contracts.js";
import { deployStab3l } from "../../governance/deploy/index.js";

/** Hardhat's in-process network as an SDK Chain (the same code paths as a JSON-RPC node, faster). */
export async function inProcessChain(): Promise<Chain> {
  const { chainId } = await hre.ethers.provider.getNetwork();
  return { provider: hre.ethers.provider, safeProvider: hre.network.provider, chainId };
}

/** Deploy the whole system exactly as `npm start` does, on the in-process network. */
export async function deployedSystem() {
  const chain = await inProcessChain();
  const signers = await hre.ethers.getSigners();
  const at = (indexes: readonly number[]) => indexes.map((i) => signers[i].address);
  const L = LOCAL_ACCOUNT_LAYOUT;
  const deployment = await deployStab3l({
    chain,
    network: "hardhat",
    deployer: signers[L.deployer],
    coreOwners: at(L.coreOwners),
    guardianOwners: at(L.guardianOwners),
    delegates: at(L.delegates),
    localKeys: { coreOwners: L.coreOwners.map(localPrivateKey), delegates: L.delegates.map(localPrivateKey) },
  });
  const core = coreContracts(deployment, hre.ethers.provider);
  return {
    chain,
    deployment,
    core,
    signers,
    deployer: signers[L.deployer],
    coreOwnerKeys: L.coreOwners.map(localPrivateKey),
    guardianOwnerKeys: L.guardianOwners.map(localPrivateKey),
    delegates: L.delegates.map((i) => signers[i]),
    spare: L.spare.map((i) => signers[i]),
  };
}
export type System = Awaited<ReturnType<typeof deployedSystem>>;
