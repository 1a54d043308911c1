import { HDNodeWallet, Mnemonic } from "ethers";
import { HARDHAT_MNEMONIC } from "../accounts.js";
import { InputError } from "../errors.js";

/**
 * Chain ids of local development chains: 31337 (Hardhat, Anvil) and 1337 (Ganache, geth --dev; this project's
 * second local chain of the bridge pair). Mocks, freshly deployed Safe infrastructure and development keys exist
 * only there; every other chain id is treated as a real network.
 */
export const LOCAL_CHAIN_IDS: readonly bigint[] = [31337n, 1337n];

/** Whether `chainId` is a local development chain. */
export function isLocalChain(chainId: bigint | number): boolean {
  return LOCAL_CHAIN_IDS.includes(BigInt(chainId));
}

/**
 * Throw unless `chainId` is local: `what` (mock feeds, a faucet token, development keys ...) must never reach a
 * real network, whatever the caller passed.
 */
export function assertLocalChain(chainId: bigint | number, what: string): void {
  if (!isLocalChain(chainId)) {
    throw new InputError(
      `chain ${chainId} is not a local chain (${LOCAL_CHAIN_IDS.join(", ")}): refusing to deploy ${what}; ` +
        `a real network is deployed from a reviewed deployments/config/<network>.json`,
      { details: { chainId: BigInt(chainId) } },
    );
  }
}

/** How many accounts of the development mnemonic are refused on real networks (indexes 0 .. N-1). */
export const DEVELOPMENT_ACCOUNT_COUNT = 100;

let devAccounts: Map<string, number> | undefined;

/**
 * The first DEVELOPMENT_ACCOUNT_COUNT addresses of the public development mnemonic ("test test … junk", shared by
 * Hardhat, Anvil and Foundry), lower-cased, with their index. Anyone holds their keys.
 */
export function developmentAccounts(): ReadonlyMap<string, number> {
  if (!devAccounts) {
    const root = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(HARDHAT_MNEMONIC), "m/44'/60'/0'/0");
    devAccounts = new Map();
    for (let i = 0; i < DEVELOPMENT_ACCOUNT_COUNT; i++) devAccounts.set(root.deriveChild(i).address.toLowerCase(), i);
  }
  return devAccounts;
}

/** The development-mnemonic index of `address`, or undefined when it is not one of them. */
export function developmentIndex(address: string): number | undefined {
  return developmentAccounts().get(address.toLowerCase());
}

/**
 * Throw when an address in `entries` ([what, address]) is a development-mnemonic account, on a real network.
 * A safety net for callers of deployStab3l that skip the config review.
 */
export function refuseDevelopmentAccounts(chainId: bigint | number, entries: [string, string][]): void {
  if (isLocalChain(chainId)) return;
  for (const [what, address] of entries) {
    const index = developmentIndex(address);
    if (index !== undefined) {
      throw new InputError(
        `${what} ${address} is account ${index} of the public development mnemonic: refused on chain ${chainId}`,
      );
    }
  }
}
