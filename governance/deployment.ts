import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { getAddress, isAddress } from "ethers";
import { z } from "zod";
import { DeploymentError } from "./errors.js";

const address = z
  .string()
  .refine((s) => isAddress(s), { message: "not an Ethereum address" })
  .transform((s) => getAddress(s));

/** Addresses of the Safe infrastructure contracts, in protocol-kit's `contractNetworks` shape. */
export const safeContractsSchema = z.object({
  safeSingletonAddress: address,
  safeProxyFactoryAddress: address,
  multiSendAddress: address,
  multiSendCallOnlyAddress: address,
  fallbackHandlerAddress: address,
  signMessageLibAddress: address,
  createCallAddress: address,
  simulateTxAccessorAddress: address,
  safeWebAuthnSignerFactoryAddress: address,
  safeWebAuthnSharedSignerAddress: address,
});
export type SafeContracts = z.infer<typeof safeContractsSchema>;

/** `deployments/<network>.json`: what a deployment wrote, validated whenever it is read. */
export const deploymentSchema = z.object({
  network: z.string().min(1),
  chainId: z.number().int().positive(),
  /**
   * The block the deployment started from (its events are read from here on) and that block's hash: with
   * `chainId`, the deployment's identity. A restarted local node reuses chain id and addresses; the hash
   * tells its chains apart, so files bound to one deployment (Safe transactions, reports) are refused on another.
   */
  startBlock: z.object({
    number: z.number().int().nonnegative(),
    hash: z.string().regex(/^0x[0-9a-f]{64}$/i, "a 32-byte block hash"),
  }),
  contracts: z.record(z.string(), address),
  safes: z.object({ core: address, guardian: address }),
  safeVersion: z.string().default("1.5.0"),
  safeContracts: safeContractsSchema.optional(),
  accounts: z.object({
    deployer: address,
    coreOwners: z.array(address),
    guardianOwners: z.array(address),
    delegates: z.array(address),
  }),
});
export type Deployment = z.infer<typeof deploymentSchema>;

/** What identifies one deployment: its chain and the block it started from (number and hash). */
export interface DeploymentIdentity {
  chainId: number;
  startBlockNumber: number;
  startBlockHash: string;
}

/** The identity of a deployment, for files that must only be used with it (Safe transactions, reports). */
export function deploymentIdentity(deployment: Deployment): DeploymentIdentity {
  return {
    chainId: deployment.chainId,
    startBlockNumber: deployment.startBlock.number,
    startBlockHash: deployment.startBlock.hash.toLowerCase(),
  };
}

/** The contracts every deployment has; later domains add more names. */
export const CORE_CONTRACTS = [
  "STAB3LAuthority",
  "ParameterStore",
  "RSTBToken",
  "TimelockController",
  "STAB3LGovernor",
] as const;
export type CoreContractName = (typeof CORE_CONTRACTS)[number];

/** Default file of a network's deployment. */
export function deploymentPath(network: string): string {
  return `deployments/${network}.json`;
}

/** Read and validate a deployment file. Throws DeploymentError with the zod path of the first problem. */
export function loadDeployment(file: string): Deployment {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === "ENOENT";
    throw new DeploymentError(
      missing
        ? `no deployment at ${file}: run \`npm start\` or \`npm run deploy:local\` first`
        : `${file} is not valid JSON`,
      { cause },
    );
  }
  return parseDeployment(raw, file);
}

/** Validate a deployment object. */
export function parseDeployment(raw: unknown, source = "deployment"): Deployment {
  if (typeof (raw as { startBlock?: unknown } | null)?.startBlock === "number") {
    throw new DeploymentError(
      `${source} was written by an older STAB3L (startBlock has no block hash): deploy again ` +
        "(`npm start` redeploys a local chain by itself)",
    );
  }
  const parsed = deploymentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DeploymentError(`${source}: ${issue.path.join(".") || "(root)"}: ${issue.message}`, {
      details: { issues: parsed.error.issues },
    });
  }
  for (const name of CORE_CONTRACTS) {
    if (!parsed.data.contracts[name]) {
      throw new DeploymentError(`${source}: contracts.${name} is missing`);
    }
  }
  return parsed.data;
}

/** Write a deployment file (creating its folder). */
export function saveDeployment(file: string, deployment: Deployment): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(deployment, null, 2) + "\n");
}
