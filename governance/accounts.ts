import { HDNodeWallet, Mnemonic, type Provider, Wallet } from "ethers";

/** Hardhat's default development mnemonic. Its keys are public: local chains only. */
export const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

/**
 * The roles of the default local accounts (Hardhat's accounts 0..19). Fixed indexes keep every local run,
 * test and README example identical.
 */
export const LOCAL_ACCOUNT_LAYOUT = {
  deployer: 0,
  coreOwners: [1, 2, 3],
  guardianOwners: [4, 5, 6],
  delegates: [7, 8, 9, 10, 11],
  /** Spare accounts for users, providers and relayers in tests and demos. */
  spare: [12, 13, 14, 15, 16, 17, 18, 19],
} as const;

/** The private key of Hardhat default account `index`. */
export function localPrivateKey(index: number): string {
  const mnemonic = Mnemonic.fromPhrase(HARDHAT_MNEMONIC);
  return HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${index}`).privateKey;
}

/** A Wallet for Hardhat default account `index`, connected to `provider` when given. */
export function localWallet(index: number, provider?: Provider): Wallet {
  return new Wallet(localPrivateKey(index), provider);
}
