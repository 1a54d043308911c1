/**
 * Deploy STAB3L to a JSON-RPC endpoint and write deployments/<network>.json.
 *
 *   npm run deploy:local                      # a node already listening on 127.0.0.1:8545 (Hardhat accounts)
 *   tsx scripts/deploy.ts --network arbitrum  # a public network, configured by environment variables:
 *
 *   STAB3L_RPC_URL            JSON-RPC endpoint (required off localhost)
 *   STAB3L_CHAIN_ID           expected chain id (e.g. 42161 for Arbitrum One); the deploy refuses another
 *   DEPLOYER_PRIVATE_KEY      pays for the deployment; keeps no power afterwards
 *   STAB3L_CORE_OWNERS        comma-separated owners of the core Safe (2-of-N)
 *   STAB3L_GUARDIAN_OWNERS    comma-separated owners of the guardian Safe (2-of-N)
 *   STAB3L_DELEGATES          comma-separated genesis delegates (1,000,000 rSTB each)
 */
import { getAddress, isAddress, NonceManager, Wallet } from "ethers";
import { z } from "zod";
import { connect } from "../governance/chain.js";
import { deployStab3l } from "../governance/deploy/index.js";
import { deploymentPath, saveDeployment } from "../governance/deployment.js";
import { Stab3lError } from "../governance/errors.js";
import { deployLocal } from "./lib/local.js";

const addressList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean),
  )
  .refine((list) => list.length > 0 && list.every((a) => isAddress(a)), {
    message: "must be comma-separated addresses",
  })
  .transform((list) => list.map((a) => getAddress(a)));

const remoteEnv = z.object({
  STAB3L_RPC_URL: z.string().url(),
  STAB3L_CHAIN_ID: z.coerce.number().int().positive(),
  DEPLOYER_PRIVATE_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex key"),
  STAB3L_CORE_OWNERS: addressList,
  STAB3L_GUARDIAN_OWNERS: addressList,
  STAB3L_DELEGATES: addressList,
});

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const network = argValue("--network") ?? "localhost";
  const log = (line: string) => console.log(`  ${line}`);
  let deployment;
  if (network === "localhost") {
    const rpc = argValue("--rpc") ?? process.env.STAB3L_RPC_URL ?? "http://127.0.0.1:8545";
    const chain = await connect(rpc);
    console.log(`Deploying STAB3L to ${rpc} (chain ${chain.chainId}) with Hardhat's default accounts`);
    deployment = await deployLocal(chain, network, log);
  } else {
    const parsed = remoteEnv.safeParse(process.env);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Stab3lError(`environment variable ${issue.path.join(".")}: ${issue.message}`);
    }
    const env = parsed.data;
    const chain = await connect(env.STAB3L_RPC_URL, env.STAB3L_CHAIN_ID);
    console.log(`Deploying STAB3L to ${network} (chain ${chain.chainId})`);
    deployment = await deployStab3l({
      chain,
      network,
      deployer: new NonceManager(new Wallet(env.DEPLOYER_PRIVATE_KEY, chain.provider)),
      coreOwners: env.STAB3L_CORE_OWNERS,
      guardianOwners: env.STAB3L_GUARDIAN_OWNERS,
      delegates: env.STAB3L_DELEGATES,
      safeContracts: "canonical",
      log,
    });
    console.log(
      "Next: the core Safe's owners delegate its rSTB to the Safe (stab3l delegate --via-safe), delegates self-delegate.",
    );
  }
  const file = deploymentPath(network);
  saveDeployment(file, deployment);
  console.log(`Deployed; handover verified; wrote ${file}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`deploy failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
