import { z } from "zod";
import type { Chain } from "./chain.js";
import { deploymentIdentity, type Deployment, type DeploymentIdentity } from "./deployment.js";
import { ConnectionError, InputError } from "./errors.js";

/**
 * Files that bind to a chain (Safe transaction files, simulation reports) carry the identity of the deployment
 * they were made on: its chain id and the hash of one of its blocks. A local node restarted and deployed again
 * has the same chain id, block numbers, contract and Safe addresses, so a Safe signature made yesterday would
 * verify today; the block hash differs, and the file is refused by name.
 */
export const deploymentIdentitySchema = z.object({
  chainId: z.number().int().positive(),
  startBlockNumber: z.number().int().nonnegative(),
  startBlockHash: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, "a 32-byte block hash")
    .transform((s) => s.toLowerCase()),
});

/** "31337/0x1a2b3c4d…": how a deployment is named in messages. */
export function formatIdentity(id: DeploymentIdentity): string {
  return `${id.chainId}/${id.startBlockHash.slice(0, 10)}…`;
}

/**
 * The identity of the deployment as the connected node holds it: the deployment file's start block, its hash
 * read from the node (a node restarted since the deployment holds another block there). One round of I/O.
 */
export async function connectedIdentity(chain: Chain, deployment: Deployment): Promise<DeploymentIdentity> {
  const number = deploymentIdentity(deployment).startBlockNumber;
  let hash: string | undefined;
  try {
    hash = (await chain.provider.getBlock(number))?.hash ?? undefined;
  } catch (cause) {
    throw new ConnectionError(`cannot read block ${number} of the deployment from the node`, { cause });
  }
  return {
    chainId: Number(chain.chainId),
    startBlockNumber: number,
    // A node without that block (a younger chain) cannot hold the deployment: no hash matches this one.
    startBlockHash: (hash ?? `0x${"0".repeat(64)}`).toLowerCase(),
  };
}

export function sameDeployment(a: DeploymentIdentity, b: DeploymentIdentity): boolean {
  return (
    a.chainId === b.chainId &&
    a.startBlockNumber === b.startBlockNumber &&
    a.startBlockHash.toLowerCase() === b.startBlockHash.toLowerCase()
  );
}

/** Refuse a file of another deployment, naming both. `what` is e.g. "Safe file". */
export function assertSameDeployment(what: string, file: DeploymentIdentity, connected: DeploymentIdentity): void {
  if (sameDeployment(file, connected)) return;
  throw new InputError(
    `this ${what} belongs to deployment ${formatIdentity(file)} but the console is connected to ${formatIdentity(connected)}`,
    { details: { file, connected } },
  );
}
