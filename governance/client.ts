import { connect, type Chain } from "./chain.js";
import { coreContracts, type CoreContracts } from "./contracts.js";
import { loadDeployment, type Deployment } from "./deployment.js";

/**
 * What every SDK action takes first: a chain connection and the deployment on it. Build one with
 * `createClient` (tests, in-process chains) or `openClient` (a deployment file and a JSON-RPC URL).
 */
export interface Client {
  readonly chain: Chain;
  readonly deployment: Deployment;
  /** Read-only handles on the governance core (connect a signer to send). */
  readonly core: CoreContracts;
}

/** A client over an existing chain connection. */
export function createClient(chain: Chain, deployment: Deployment): Client {
  return { chain, deployment, core: coreContracts(deployment, chain.provider) };
}

/**
 * Load `deploymentFile` and connect to `rpcUrl`, failing with a one-line DeploymentError or ConnectionError
 * (missing file, unreachable node, wrong chain id).
 */
export async function openClient(options: { rpcUrl: string; deploymentFile: string }): Promise<Client> {
  const deployment = loadDeployment(options.deploymentFile);
  const chain = await connect(options.rpcUrl, deployment.chainId);
  return createClient(chain, deployment);
}
