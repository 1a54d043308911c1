import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { Wallet } from "ethers";
import { openSafe } from "../../governance/safe/infrastructure.js";
import {
  assertNotSignedBy,
  buildSafeTransaction,
  checkFile,
  combineSafeTxFiles,
  executeSafeTx,
  readSafeTxFile,
  signersOf,
  signSafeTx,
  writeSafeTxFile,
  type SafeCall,
  type SafeTxFile,
} from "../../governance/safe/transactions.js";
import { InputError } from "../../governance/errors.js";
import { decodeCall } from "../../governance/decode/call.js";
import { callLines } from "../../governance/decode/proposal.js";
import { connectedIdentity } from "../../governance/identity.js";
import { proposalIdFromReceipt } from "../../governance/lifecycle.js";
import { readGovernanceState } from "../../governance/state.js";
import { confirm, progress } from "../output.js";
import type { Context } from "../context.js";

export type SafeName = "core" | "guardian";

/** Where a new Safe transaction file goes. */
export function safeTxPath(description: string, safeTxHash: string): string {
  const slug =
    description
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "safe-tx";
  return join(".stab3l", "safe-txs", `${slug}-${safeTxHash.slice(2, 10)}.json`);
}

export interface SafeFileResult {
  file: string;
  safe: string;
  safeTxHash: string;
  nonce: number;
  signatures: number;
  threshold: number;
  signers: string[];
  next: string[];
}

/** `file` is what was written; `draft` the file the owners sign (the same for a new transaction). */
async function describe(ctx: Context, file: string, tx: SafeTxFile, draft = file): Promise<SafeFileResult> {
  const kit = await openSafe(await ctx.chain(), tx.safe, ctx.deployment.safeContracts);
  const threshold = await kit.getThreshold();
  const signers = tx.signatures.map((s) => s.signer);
  const next =
    signers.length >= threshold
      ? [`stab3l safe execute ${file}`]
      : draft === file
        ? [`other owners: stab3l safe sign ${draft}`, `then anyone: stab3l safe execute ${draft} <signature files…>`]
        : [
            `send ${file} to whoever executes`,
            `with ${threshold} signatures: stab3l safe execute ${draft} <signature files…>`,
          ];
  return {
    file,
    safe: tx.safe,
    safeTxHash: tx.safeTxHash,
    nonce: tx.tx.nonce,
    signatures: signers.length,
    threshold,
    signers,
    next,
  };
}

/**
 * Build a Safe transaction of `calls` for the core or guardian Safe, sign it as the acting owner, and write it
 * to a file that travels to the other owners.
 */
export async function createSafeTx(
  ctx: Context,
  safe: SafeName,
  calls: SafeCall[],
  description: string,
): Promise<SafeFileResult> {
  const chain = await ctx.chain();
  const key = await ctx.signerKey();
  const address = new Wallet(key).address;
  const safeAddress = ctx.deployment.safes[safe];
  const kit = await openSafe(chain, safeAddress, ctx.deployment.safeContracts, key);
  if (!(await kit.isOwner(address)))
    throw new InputError(`${address} is not an owner of the ${safe} Safe ${safeAddress}`);
  const deployment = await connectedIdentity(chain, ctx.deployment);
  const draft = await buildSafeTransaction(kit, calls, { description, deployment });
  await confirm(ctx, `Sign "${description}" for the ${safe} Safe (nonce ${draft.tx.nonce}) as ${address}?`);
  const signed = await signSafeTx(chain, draft, key, ctx.deployment.safeContracts, deployment);
  const file = safeTxPath(description, signed.safeTxHash);
  writeSafeTxFile(file, signed);
  return describe(ctx, file, signed);
}

/** Which of the deployment's Safes `address` is; refuses any other (nothing is shown or signed for it). */
function safeNameOf(ctx: Context, address: string, verb = "signing"): SafeName {
  const name = (Object.keys(ctx.deployment.safes) as SafeName[]).find(
    (n) => ctx.deployment.safes[n].toLowerCase() === address.toLowerCase(),
  );
  if (!name) throw new InputError(`${address} is not one of this deployment's Safes: not ${verb}`);
  return name;
}

/**
 * What a Safe transaction does, as the owners sign it: its calls decoded from `tx` (covered by safeTxHash) with
 * every parameter's current value read from the chain. The file's `description` is an unsigned label and is
 * not shown: anyone can edit it without changing the hash.
 */
async function signedContent(ctx: Context, tx: SafeTxFile): Promise<string> {
  const client = await ctx.client();
  const state = await readGovernanceState(client, ctx.sdk);
  const decoded = decodeCall(
    { target: tx.tx.to, value: BigInt(tx.tx.value), data: tx.tx.data, operation: tx.tx.operation },
    ctx.sdk,
    state,
  );
  return callLines(decoded, "    ").join("\n");
}

/**
 * Add the acting owner's signature: writes `<file>.<owner>.json` holding that signature alone. Every check of
 * the file (deployment, Safe, delegatecall, hash recomputed from its contents, nonce, owner, not signed yet)
 * runs before anything of it is shown or asked.
 */
export async function safeSign(ctx: Context, file: string): Promise<SafeFileResult> {
  const tx = readSafeTxFile(file);
  const chain = await ctx.chain();
  const deployment = await connectedIdentity(chain, ctx.deployment);
  const safeName = safeNameOf(ctx, tx.safe);
  const multiSendCallOnly = ctx.deployment.safeContracts?.multiSendCallOnlyAddress?.toLowerCase();
  if (tx.tx.operation === 1 && tx.tx.to.toLowerCase() !== multiSendCallOnly) {
    throw new InputError(`the transaction delegatecalls ${tx.tx.to}, which is not MultiSendCallOnly: not signing`);
  }
  const kit = await openSafe(chain, tx.safe, ctx.deployment.safeContracts);
  await checkFile(kit, tx, deployment);
  const key = await ctx.signerKey();
  const address = new Wallet(key).address;
  if (!(await kit.isOwner(address)))
    throw new InputError(`${address} is not an owner of the ${safeName} Safe ${tx.safe}: not signing`);
  assertNotSignedBy(tx, address);
  const out = join(dirname(file), `${basename(file, ".json")}.${address.slice(2, 10).toLowerCase()}.json`);
  if (existsSync(out)) {
    const prior = readSafeTxFile(out);
    if (prior.safeTxHash === tx.safeTxHash && signersOf(prior).includes(address)) {
      throw new InputError(
        `${address} already signed Safe transaction ${tx.safeTxHash} (${out}): nothing was signed or written`,
      );
    }
    throw new InputError(`${out} exists and holds something else: move it away first; nothing was signed`);
  }
  progress(ctx, `the ${safeName} Safe would do (nonce ${tx.tx.nonce}):\n${await signedContent(ctx, tx)}`);
  await confirm(
    ctx,
    `Sign Safe transaction ${tx.safeTxHash} (the ${safeName} Safe, nonce ${tx.tx.nonce}: the calls above) as ${address}?`,
  );
  const signed = await signSafeTx(chain, tx, key, ctx.deployment.safeContracts, deployment);
  writeSafeTxFile(out, signed);
  return describe(ctx, out, signed, file);
}

/** Merge signature files of one Safe transaction into `out` (default: `<first>.combined.json`). */
export async function safeCollect(ctx: Context, files: string[], out?: string): Promise<SafeFileResult> {
  if (files.length === 0) throw new InputError("give the Safe transaction files to combine");
  const combined = combineSafeTxFiles(files.map(readSafeTxFile));
  // Count only what the Safe will accept: the file matches its hash on this deployment, and every signer is an owner.
  const chain = await ctx.chain();
  safeNameOf(ctx, combined.safe, "collecting");
  const kit = await openSafe(chain, combined.safe, ctx.deployment.safeContracts);
  await checkFile(kit, combined, await connectedIdentity(chain, ctx.deployment));
  const owners = new Set((await kit.getOwners()).map((o) => o.toLowerCase()));
  const strangers = combined.signatures.filter((s) => !owners.has(s.signer.toLowerCase())).map((s) => s.signer);
  if (strangers.length) throw new InputError(`not owners of Safe ${combined.safe}: ${strangers.join(", ")}`);
  const target = out ?? join(dirname(files[0]), `${basename(files[0], ".json").split(".")[0]}.combined.json`);
  writeSafeTxFile(target, combined);
  return describe(ctx, target, combined);
}

export interface SafeExecuteResult {
  safe: string;
  safeTxHash: string;
  transactionHash: string;
  success: boolean;
  proposalId?: bigint;
}

/** Execute a Safe transaction from one or more files (signatures are combined), sent by the acting account. */
export async function safeExecute(ctx: Context, files: string[]): Promise<SafeExecuteResult> {
  for (const f of files) if (!existsSync(f)) throw new InputError(`no such file: ${f}`);
  const combined = combineSafeTxFiles(files.map(readSafeTxFile));
  const chain = await ctx.chain();
  const deployment = await connectedIdentity(chain, ctx.deployment);
  const safeName = safeNameOf(ctx, combined.safe, "executing");
  // The file's integrity (deployment, hash, nonce) is checked before it is shown or confirmed.
  await checkFile(await openSafe(chain, combined.safe, ctx.deployment.safeContracts), combined, deployment);
  const key = await ctx.signerKey();
  progress(ctx, `the ${safeName} Safe will do (nonce ${combined.tx.nonce}):\n${await signedContent(ctx, combined)}`);
  await confirm(
    ctx,
    `Execute Safe transaction ${combined.safeTxHash} (the ${safeName} Safe, nonce ${combined.tx.nonce}: the calls above)?`,
  );
  progress(ctx, "executing through the Safe");
  const result = await executeSafeTx(chain, combined, key, ctx.deployment.safeContracts, deployment);
  let proposalId: bigint | undefined;
  try {
    proposalId = proposalIdFromReceipt(result.receipt, ctx.deployment.contracts.STAB3LGovernor);
  } catch {
    proposalId = undefined;
  }
  return {
    safe: combined.safe,
    safeTxHash: combined.safeTxHash,
    transactionHash: result.transactionHash,
    success: result.success,
    proposalId,
  };
}
