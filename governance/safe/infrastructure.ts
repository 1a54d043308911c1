import { createRequire } from "node:module";
import { ContractFactory, ZeroAddress, type Signer } from "ethers";
import SafeDefault from "@safe-global/protocol-kit";
import type { SafeContracts } from "../deployment.js";
import type { Chain } from "../chain.js";
import { SafeError } from "../errors.js";

// protocol-kit ships CommonJS with a default export; under ESM interop it may be nested once.
export const Safe = ((SafeDefault as unknown as { default?: typeof SafeDefault }).default ??
  SafeDefault) as typeof SafeDefault;
export type SafeKit = Awaited<ReturnType<typeof Safe.init>>;

/** Safe contracts version we deploy locally, from @safe-global/safe-smart-account. */
export const SAFE_VERSION = "1.5.0" as const;
/** Version of the canonical Safe deployments used on public networks (Arbitrum One among them). */
export const CANONICAL_SAFE_VERSION = "1.4.1" as const;
export type SupportedSafeVersion = typeof SAFE_VERSION | typeof CANONICAL_SAFE_VERSION;

const require = createRequire(import.meta.url);
const ARTIFACTS = "@safe-global/safe-smart-account/build/artifacts/contracts";

interface Artifact {
  abi: unknown[];
  bytecode: string;
}

function artifact(path: string): Artifact {
  return require(`${ARTIFACTS}/${path}`) as Artifact;
}

const INFRASTRUCTURE: ReadonlyArray<[keyof SafeContracts, string]> = [
  ["safeSingletonAddress", "SafeL2.sol/SafeL2.json"],
  ["safeProxyFactoryAddress", "proxies/SafeProxyFactory.sol/SafeProxyFactory.json"],
  ["multiSendAddress", "libraries/MultiSend.sol/MultiSend.json"],
  ["multiSendCallOnlyAddress", "libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json"],
  ["fallbackHandlerAddress", "handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json"],
  ["signMessageLibAddress", "libraries/SignMessageLib.sol/SignMessageLib.json"],
  ["createCallAddress", "libraries/CreateCall.sol/CreateCall.json"],
  ["simulateTxAccessorAddress", "accessors/SimulateTxAccessor.sol/SimulateTxAccessor.json"],
];

/**
 * Deploy the Safe singleton (SafeL2), proxy factory and libraries from the official artifacts, for a chain
 * that has none (a local node). On real networks the canonical deployments are used instead.
 */
export async function deploySafeInfrastructure(deployer: Signer): Promise<SafeContracts> {
  const out: Partial<Record<keyof SafeContracts, string>> = {
    safeWebAuthnSignerFactoryAddress: ZeroAddress,
    safeWebAuthnSharedSignerAddress: ZeroAddress,
  };
  for (const [field, path] of INFRASTRUCTURE) {
    const { abi, bytecode } = artifact(path);
    const contract = await new ContractFactory(abi as never, bytecode, deployer).deploy();
    await contract.waitForDeployment();
    out[field] = await contract.getAddress();
  }
  return out as SafeContracts;
}

/** protocol-kit's `contractNetworks` for this chain. */
export function contractNetworks(chainId: bigint, contracts: SafeContracts) {
  return { [chainId.toString()]: contracts };
}

/**
 * Create a Safe with `owners` and `threshold` through protocol-kit (predicted address, deployment
 * transaction sent by `deployer`). `safeVersion` is the singleton's version in `contracts` (1.5.0 for the local
 * copies, 1.4.1 for the canonical deployments). Returns its address.
 */
export async function createSafe(
  chain: Chain,
  deployer: Signer,
  contracts: SafeContracts | undefined,
  owners: string[],
  threshold: number,
  saltNonce: string,
  safeVersion: SupportedSafeVersion = contracts ? SAFE_VERSION : CANONICAL_SAFE_VERSION,
): Promise<string> {
  // Without explicit contracts, protocol-kit resolves the canonical deployments of the chain.
  const kit = await Safe.init({
    provider: chain.safeProvider,
    predictedSafe: {
      safeAccountConfig: { owners, threshold },
      safeDeploymentConfig: { saltNonce, safeVersion },
    },
    contractNetworks: contracts ? contractNetworks(chain.chainId, contracts) : undefined,
  });
  const address = await kit.getAddress();
  const tx = await kit.createSafeDeploymentTransaction();
  const sent = await deployer.sendTransaction({ to: tx.to, data: tx.data, value: BigInt(tx.value) });
  const receipt = await sent.wait();
  if (receipt?.status !== 1) throw new SafeError(`Safe deployment transaction ${sent.hash} failed`);
  const code = await chain.provider.getCode(address);
  if (code === "0x") throw new SafeError(`no Safe at the predicted address ${address}`);
  return address;
}

/** Open an existing Safe with protocol-kit, acting as `signer` (a private key) when given. */
export async function openSafe(
  chain: Chain,
  safeAddress: string,
  contracts: SafeContracts | undefined,
  signer?: string,
): Promise<SafeKit> {
  return Safe.init({
    provider: chain.safeProvider,
    signer,
    safeAddress,
    contractNetworks: contracts ? contractNetworks(chain.chainId, contracts) : undefined,
  });
}
