import { existsSync, readFileSync } from "node:fs";
import { Wallet } from "ethers";
import { z } from "zod";
import { LOCAL_ACCOUNT_LAYOUT, localPrivateKey } from "../governance/accounts.js";
import { connect, type Chain } from "../governance/chain.js";
import { createClient, type Client } from "../governance/client.js";
import { sdkContext, type SdkContext } from "../governance/context.js";
import { coreContracts, type CoreContracts } from "../governance/contracts.js";
import { deploymentPath, loadDeployment, type Deployment } from "../governance/deployment.js";
import { explainBadData, isBadData } from "../governance/deployment-check.js";
import { InputError } from "../governance/errors.js";

/** Global options of every command, validated once at the edge. */
export const globalOptionsSchema = z.object({
  network: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "letters, digits and dashes")
    .default("localhost"),
  rpc: z
    .string()
    .url("must be a URL such as http://127.0.0.1:8545")
    .refine((u) => /^https?:\/\//i.test(u), "must be an http(s) URL such as http://127.0.0.1:8545")
    .optional(),
  deployment: z.string().min(1).optional(),
  keyEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, "an environment variable name")
    .default("STAB3L_PRIVATE_KEY"),
  keystore: z.string().min(1).optional(),
  as: z.string().optional(),
  api: z.string().url("must be a URL such as http://127.0.0.1:4000/graphql").optional(),
  json: z.boolean().default(false),
  yes: z.boolean().default(false),
});
export type GlobalOptions = z.infer<typeof globalOptionsSchema>;

/** Local named accounts (`--as core-1`), only on a local chain: Hardhat's keys are public. */
export function localAccountKey(name: string): string {
  const m = /^(core|guardian|delegate|user)-(\d+)$/.exec(name);
  const L = LOCAL_ACCOUNT_LAYOUT;
  const lists: Record<string, readonly number[]> = {
    core: L.coreOwners,
    guardian: L.guardianOwners,
    delegate: L.delegates,
    user: L.spare,
  };
  const list = m ? lists[m[1]] : undefined;
  const index = m ? Number(m[2]) - 1 : -1;
  if (!list || index < 0 || index >= list.length) {
    throw new InputError(
      // Never echo what was given: it may be a pasted private key.
      `--as: expected core-1..3, guardian-1..3, delegate-1..${L.delegates.length} or user-1..${L.spare.length}`,
    );
  }
  return localPrivateKey(list[index]);
}

/** The context of the command running now, so that its errors can be explained against its deployment. */
let active: Context | undefined;

/**
 * An error as the person running the command should read it: ethers' BAD_DATA ("could not decode result
 * data") names the deployment's contract and what was expected there. Anything else is returned as is.
 */
export async function explainError(err: unknown): Promise<unknown> {
  if (!active || !isBadData(err)) return err;
  try {
    const chain = await active.chain();
    return await explainBadData(err, active.deployment, chain.provider, active.deploymentFile);
  } catch {
    return err;
  }
}

/**
 * What a command runs against: validated options, the deployment, a lazily opened chain connection, and a
 * lazily resolved signer key (never printed).
 */
export class Context {
  private chainPromise?: Promise<Chain>;
  private deploymentCache?: Deployment;

  constructor(readonly options: GlobalOptions) {}

  static from(raw: Record<string, unknown>): Context {
    const parsed = globalOptionsSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(
        `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())}: ${issue.message}`,
      );
    }
    active = new Context(parsed.data);
    return active;
  }

  get deploymentFile(): string {
    return this.options.deployment ?? deploymentPath(this.options.network);
  }

  get deployment(): Deployment {
    this.deploymentCache ??= loadDeployment(this.deploymentFile);
    return this.deploymentCache;
  }

  get rpcUrl(): string {
    return (
      this.options.rpc ??
      process.env.STAB3L_RPC_URL ??
      (this.options.network === "localhost" ? "http://127.0.0.1:8545" : "")
    );
  }

  /** The chain, checked to be the deployment's. */
  chain(): Promise<Chain> {
    if (!this.rpcUrl)
      throw new InputError(
        `no RPC endpoint for network "${this.options.network}": pass --rpc <url> or set STAB3L_RPC_URL`,
      );
    this.chainPromise ??= connect(this.rpcUrl, this.deployment.chainId);
    return this.chainPromise;
  }

  /** The SDK client (chain + deployment). */
  async client(): Promise<Client> {
    return createClient(await this.chain(), this.deployment);
  }

  /** The SDK's pure context (names, catalog) for this deployment. */
  get sdk(): SdkContext {
    return sdkContext(this.deployment);
  }

  async contracts(): Promise<CoreContracts> {
    return coreContracts(this.deployment, (await this.chain()).provider);
  }

  /** The private key of the acting account, from --as (local only), --keystore, or the key environment variable. */
  async signerKey(): Promise<string> {
    const { as, keystore, keyEnv } = this.options;
    if (as) {
      if (this.deployment.chainId !== 31337)
        throw new InputError("--as names Hardhat's public test keys: local chains only");
      return localAccountKey(as);
    }
    if (keystore) {
      if (!existsSync(keystore)) throw new InputError(`keystore ${keystore} does not exist`);
      const password = process.env.STAB3L_KEYSTORE_PASSWORD;
      if (password === undefined) throw new InputError("set STAB3L_KEYSTORE_PASSWORD to unlock the keystore");
      try {
        return (await Wallet.fromEncryptedJson(readFileSync(keystore, "utf8"), password)).privateKey;
      } catch (cause) {
        throw new InputError(`cannot unlock keystore ${keystore}: wrong password or not a keystore file`, { cause });
      }
    }
    const key = process.env[keyEnv];
    if (!key)
      throw new InputError(`no signer: set ${keyEnv}, or pass --keystore <file> (or --as <account> on a local chain)`);
    if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new InputError(`${keyEnv} is not a 0x-prefixed 32-byte private key`);
    try {
      new Wallet(key); // zero or above the curve order: not a key, though it has the shape of one
    } catch (cause) {
      throw new InputError(`${keyEnv} is not a valid secp256k1 private key`, { cause });
    }
    return key;
  }

  /** The acting account as an ethers Wallet on the chain. */
  async signer(): Promise<Wallet> {
    return new Wallet(await this.signerKey(), (await this.chain()).provider);
  }
}
