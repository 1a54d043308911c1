import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { Wallet } from "ethers";
import { openSafe } from "../../governance/safe/infrastructure.js";
import {
  buildSafeTransaction,
  checkFile,
  combineSafeTxFiles,
  executeSafeTx,
  readSafeTxFile,
  signSafeTx,
  writeSafeTxFile,
  type SafeCall,
  type SafeTxFile,
} from "../../governance/safe/transactions.js";
import { InputError } from "../../governance/errors.js";
import { decodeCall } from "../../governance/decode/call.js";
import { callLines } from "../../governance/decode/proposal.js";
import { proposalIdFromReceipt } from "../../governance/lifecycle.js";
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
  const draft = await buildSafeTransaction(kit, calls, { description });
  await confirm(ctx, `Sign "${description}" for the ${safe} Safe (nonce ${draft.tx.nonce}) as ${address}?`);
  const signed = await signSafeTx(chain, draft, key, ctx.deployment.safeContracts);
  const file = safeTxPath(description, signed.safeTxHash);
  writeSafeTxFile(file, signed);
  return describe(ctx, file, signed);
}

/** Add the acting owner's signature: writes `<file>.<owner>.json` holding that signature alone. */
export async function safeSign(ctx: Context, file: string): Promise<SafeFileResult> {
  const tx = readSafeTxFile(file);
  const key = await ctx.signerKey();
  const address = new Wallet(key).address;
  // The description is not covered by the hash: the signer is shown what the transaction does, decoded.
  const safeName = (Object.keys(ctx.deployment.safes) as SafeName[]).find(
    (n) => ctx.deployment.safes[n].toLowerCase() === tx.safe.toLowerCase(),
  );
  if (!safeName) throw new InputError(`${tx.safe} is not one of this deployment's Safes: not signing`);
  const multiSendCallOnly = ctx.deployment.safeContracts?.multiSendCallOnlyAddress?.toLowerCase();
  if (tx.tx.operation === 1 && tx.tx.to.toLowerCase() !== multiSendCallOnly) {
    throw new InputError(`the transaction delegatecalls ${tx.tx.to}, which is not MultiSendCallOnly: not signing`);
  }
  const decoded = decodeCall(
    { target: tx.tx.to, value: BigInt(tx.tx.value), data: tx.tx.data, operation: tx.tx.operation },
    ctx.sdk,
  );
  const what = callLines(decoded, "    ").join("\n");
  progress(ctx, `the ${safeName} Safe would do (nonce ${tx.tx.nonce}):\n${what}`);
  await confirm(ctx, `Sign Safe transaction ${tx.safeTxHash} ("${tx.description}") as ${address}?`);
  const signed = await signSafeTx(await ctx.chain(), tx, key, ctx.deployment.safeContracts);
  const out = join(dirname(file), `${basename(file, ".json")}.${address.slice(2, 10).toLowerCase()}.json`);
  writeSafeTxFile(out, signed);
  return describe(ctx, out, signed, file);
}

/** Merge signature files of one Safe transaction into `out` (default: `<first>.combined.json`). */
export async function safeCollect(ctx: Context, files: string[], out?: string): Promise<SafeFileResult> {
  if (files.length === 0) throw new InputError("give the Safe transaction files to combine");
  const combined = combineSafeTxFiles(files.map(readSafeTxFile));
  // Count only what the Safe will accept: the file matches its hash on this chain, and every signer is an owner.
  const kit = await openSafe(await ctx.chain(), combined.safe, ctx.deployment.safeContracts);
  await checkFile(kit, combined);
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
  const key = await ctx.signerKey();
  await confirm(ctx, `Execute Safe transaction ${combined.safeTxHash} ("${combined.description}")?`);
  progress(ctx, "executing through the Safe");
  const result = await executeSafeTx(await ctx.chain(), combined, key, ctx.deployment.safeContracts);
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
