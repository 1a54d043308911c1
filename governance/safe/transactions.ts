import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import {
  getAddress,
  getBytes,
  hashMessage,
  Interface,
  isAddress,
  isHexString,
  recoverAddress,
  Signature,
  type TransactionReceipt,
} from "ethers";
import { z } from "zod";
import { EthSafeSignature, EthSafeTransaction } from "@safe-global/protocol-kit";
import type { SafeTransaction } from "@safe-global/types-kit";
import type { Chain } from "../chain.js";
import type { DeploymentIdentity, SafeContracts } from "../deployment.js";
import { InputError, SafeError } from "../errors.js";
import { assertSameDeployment, deploymentIdentitySchema, formatIdentity, sameDeployment } from "../identity.js";
import { waitForReceipt } from "../chain.js";
import { openSafe, type SafeKit } from "./infrastructure.js";

/** One call the Safe makes. */
export interface SafeCall {
  to: string;
  value: bigint;
  data: string;
}

const hex = z.string().refine((s) => isHexString(s), { message: "not 0x-prefixed hex" });
const addr = z
  .string()
  .refine((s) => isAddress(s), { message: "not an address" })
  .transform((s) => getAddress(s));
const uintString = z.string().regex(/^\d+$/, "not a non-negative integer");

/** Version of the Safe transaction file format; 1 had no deployment identity (refused, see readSafeTxFile). */
export const SAFE_TX_FILE_VERSION = 2;

/**
 * A Safe transaction as a file that travels between owners (no Safe Transaction Service is needed):
 * the transaction data, its hash, and the signatures collected so far.
 *
 * What the owners sign is `safeTxHash` (EIP-712 over chain id, Safe, `tx`), recomputed from `tx` before
 * anything is shown. `description` is an unsigned label (file names, listings): it is never shown as what is
 * being signed. `deployment` names the deployment the file was made on (chain id + block hash), refused on
 * any other; files written in memory only (executeWithOwners) may leave it out, files on disk may not.
 */
export const safeTxFileSchema = z.object({
  kind: z.literal("stab3l.safe-transaction"),
  version: z.literal(SAFE_TX_FILE_VERSION),
  chainId: uintString,
  deployment: deploymentIdentitySchema.optional(),
  safe: addr,
  safeTxHash: hex,
  description: z.string().default(""),
  tx: z.object({
    to: addr,
    value: uintString,
    data: hex,
    operation: z.union([z.literal(0), z.literal(1)]),
    safeTxGas: uintString,
    baseGas: uintString,
    gasPrice: uintString,
    gasToken: addr,
    refundReceiver: addr,
    nonce: z.number().int().nonnegative(),
  }),
  signatures: z.array(z.object({ signer: addr, data: hex })),
});
export type SafeTxFile = z.infer<typeof safeTxFileSchema>;

const SAFE_EVENTS = new Interface([
  "event ExecutionSuccess(bytes32 indexed txHash, uint256 payment)",
  "event ExecutionFailure(bytes32 indexed txHash, uint256 payment)",
]);

/**
 * Build a Safe transaction for `calls` (several calls become one MultiSendCallOnly batch, so no
 * delegatecall to arbitrary code). The nonce is pinned: signatures collected offline stay valid only for it.
 */
export async function buildSafeTransaction(
  kit: SafeKit,
  calls: SafeCall[],
  options: { nonce?: number; description?: string; deployment?: DeploymentIdentity } = {},
): Promise<SafeTxFile> {
  if (calls.length === 0) throw new InputError("a Safe transaction needs at least one call");
  const nonce = options.nonce ?? (await kit.getNonce());
  const tx = await kit.createTransaction({
    transactions: calls.map((c) => ({ to: c.to, value: c.value.toString(), data: c.data })),
    onlyCalls: true,
    options: { nonce },
  });
  return toFile(kit, tx, options.description ?? "", options.deployment);
}

async function toFile(
  kit: SafeKit,
  tx: SafeTransaction,
  description: string,
  deployment: DeploymentIdentity | undefined,
): Promise<SafeTxFile> {
  const d = tx.data;
  return safeTxFileSchema.parse({
    kind: "stab3l.safe-transaction",
    version: SAFE_TX_FILE_VERSION,
    chainId: (await kit.getChainId()).toString(),
    deployment,
    safe: await kit.getAddress(),
    safeTxHash: await kit.getTransactionHash(tx),
    description,
    tx: {
      to: d.to,
      value: d.value,
      data: d.data,
      operation: Number(d.operation),
      safeTxGas: d.safeTxGas,
      baseGas: d.baseGas,
      gasPrice: d.gasPrice,
      gasToken: d.gasToken,
      refundReceiver: d.refundReceiver,
      nonce: Number(d.nonce),
    },
    signatures: [...tx.signatures.values()].map((s) => ({ signer: s.signer, data: s.data })),
  });
}

function fromFile(file: SafeTxFile): EthSafeTransaction {
  const tx = new EthSafeTransaction({ ...file.tx, operation: file.tx.operation });
  for (const s of file.signatures) tx.addSignature(new EthSafeSignature(s.signer, s.data));
  return tx;
}

/** How to make a file again when an old or foreign one is refused. */
const RECREATE =
  "recreate it on this deployment with the command that made it (`stab3l propose submit <spec> --via-safe`, " +
  "`stab3l queue <id> --via-safe`, `stab3l guardian pause <target> --via-safe`) and have the owners sign the new file";

/**
 * Read and validate a Safe transaction file. A file without its deployment's identity (format version 1,
 * written before files carried one) is refused: nothing says which chain's history its nonce belongs to.
 */
export function readSafeTxFile(path: string): SafeTxFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    throw new InputError(`cannot read Safe transaction file ${path}`, { cause });
  }
  const o = raw as { kind?: unknown; version?: unknown; deployment?: unknown } | null;
  if (o && typeof o === "object" && o.kind === "stab3l.safe-transaction" && o.deployment === undefined) {
    throw new InputError(
      `${path} does not say which deployment it belongs to (file version ${String(o.version)}, written before ` +
        `Safe files carried their deployment's identity): ${RECREATE}`,
    );
  }
  const parsed = safeTxFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${path}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}

/** Write a Safe transaction file; it must name its deployment (a file on disk may reach another chain). */
export function writeSafeTxFile(path: string, file: SafeTxFile): void {
  if (!file.deployment) throw new InputError(`not writing ${path}: the Safe file does not name its deployment`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(file, null, 2) + "\n");
}

/**
 * Sign a Safe transaction file as one owner. Returns a file holding that owner's signature only, so it can be
 * sent to whoever collects. Rejects a file of another deployment (when `deployment` is given), a file whose
 * hash does not match its contents, a signer who is not an owner, and an owner whose signature the file holds
 * already.
 */
export async function signSafeTx(
  chain: Chain,
  file: SafeTxFile,
  ownerPrivateKey: string,
  contracts?: SafeContracts,
  deployment?: DeploymentIdentity,
): Promise<SafeTxFile> {
  const kit = await openSafe(chain, file.safe, contracts, ownerPrivateKey);
  await checkFile(kit, file, deployment);
  const signer = await kit.getSafeProvider().getSignerAddress();
  if (!signer || !(await kit.isOwner(signer))) {
    throw new InputError(`${signer ?? "the signer"} is not an owner of Safe ${file.safe}`);
  }
  assertNotSignedBy(file, signer);
  const signed = await kit.signTransaction(fromFile({ ...file, signatures: [] }));
  return toFile(kit, signed, file.description, file.deployment);
}

/** The owners whose signatures in `file` recover to them (ECDSA) or name them (contract / approved hash). */
export function signersOf(file: SafeTxFile): string[] {
  return file.signatures
    .filter((s) => {
      try {
        const recovered = recoverSafeSigner(file.safeTxHash, s.data);
        return recovered === undefined || recovered === getAddress(s.signer);
      } catch {
        return false;
      }
    })
    .map((s) => getAddress(s.signer));
}

/** Refuse to sign again what `owner` signed already: a second signature adds nothing and hides a mistake. */
export function assertNotSignedBy(file: SafeTxFile, owner: string): void {
  if (signersOf(file).includes(getAddress(owner))) {
    throw new InputError(
      `${getAddress(owner)} already signed Safe transaction ${file.safeTxHash}: nothing was signed or written`,
    );
  }
}

/**
 * The owner an ECDSA Safe signature of `safeTxHash` was made by: v 27/28 signs the hash itself (EIP-712),
 * v 31/32 an eth_sign of it. Contract (v 0) and approved-hash (v 1) signatures name their owner in r and are
 * checked by the Safe on chain: undefined here.
 */
export function recoverSafeSigner(safeTxHash: string, signature: string): string | undefined {
  const bytes = getBytes(signature);
  if (bytes.length !== 65) return undefined;
  const v = bytes[64];
  const rs = signature.slice(0, 130);
  if (v === 27 || v === 28) return recoverAddress(safeTxHash, Signature.from(signature));
  if (v === 31 || v === 32) {
    return recoverAddress(hashMessage(getBytes(safeTxHash)), Signature.from(rs + (v - 4).toString(16)));
  }
  return undefined;
}

/**
 * Merge the signatures of several files of the same Safe transaction. Every ECDSA signature must recover to
 * the owner it claims: a forged or mislabelled one is refused here, not by the Safe at execution.
 */
export function combineSafeTxFiles(files: SafeTxFile[]): SafeTxFile {
  if (files.length === 0) throw new InputError("no Safe transaction files to combine");
  const [first] = files;
  const bySigner = new Map<string, SafeTxFile["signatures"][number]>();
  for (const f of files) {
    if (f.safeTxHash !== first.safeTxHash || f.safe !== first.safe || f.chainId !== first.chainId) {
      throw new InputError(
        `files describe different Safe transactions (${first.safeTxHash} vs ${f.safeTxHash}); sign the same file`,
      );
    }
    const [x, y] = [first.deployment, f.deployment];
    if ((x === undefined) !== (y === undefined) || (x && y && !sameDeployment(x, y))) {
      throw new InputError(
        `files belong to different deployments (${x ? formatIdentity(x) : "unnamed"} vs ${y ? formatIdentity(y) : "unnamed"})`,
      );
    }
    for (const s of f.signatures) {
      let recovered: string | undefined;
      try {
        recovered = recoverSafeSigner(f.safeTxHash, s.data);
      } catch {
        throw new InputError(`the signature attributed to ${s.signer} is malformed`);
      }
      if (recovered !== undefined && recovered !== getAddress(s.signer)) {
        throw new InputError(`the signature attributed to ${s.signer} was made by ${recovered}: not using it`);
      }
      bySigner.set(s.signer.toLowerCase(), s);
    }
  }
  return { ...first, signatures: [...bySigner.values()] };
}

/** The outcome of executing a Safe transaction, judged by the Safe's own event. */
export interface SafeExecution {
  transactionHash: string;
  success: boolean;
  receipt: TransactionReceipt;
}

/**
 * Execute a Safe transaction whose file holds at least `threshold` owner signatures, sending it from
 * `executorPrivateKey` (any account; it pays gas). Fails with InputError when signatures are missing, and with
 * SafeError when the Safe reports ExecutionFailure.
 */
export async function executeSafeTx(
  chain: Chain,
  file: SafeTxFile,
  executorPrivateKey: string,
  contracts?: SafeContracts,
  deployment?: DeploymentIdentity,
): Promise<SafeExecution> {
  const kit = await openSafe(chain, file.safe, contracts, executorPrivateKey);
  await checkFile(kit, file, deployment);
  const threshold = await kit.getThreshold();
  const owners = new Set((await kit.getOwners()).map((o) => o.toLowerCase()));
  const valid = file.signatures.filter((s) => owners.has(s.signer.toLowerCase()));
  if (valid.length < threshold) {
    throw new InputError(
      `Safe ${file.safe} needs ${threshold} owner signatures, the file has ${valid.length}: collect more with \`safe collect\``,
    );
  }
  let result: Awaited<ReturnType<SafeKit["executeTransaction"]>>;
  try {
    result = await kit.executeTransaction(fromFile({ ...file, signatures: valid }));
  } catch (cause) {
    // With safeTxGas = 0 a failing inner call reverts execTransaction itself (GS013), so gas estimation
    // refuses it before anything is sent: report the node's reason.
    const details = (cause as { details?: string; shortMessage?: string }).details ?? (cause as Error).message;
    throw new SafeError(`Safe transaction ${file.safeTxHash} would revert: ${details}`, { cause });
  }
  const receipt = await waitForReceipt(chain.provider, result.hash);
  let success: boolean | undefined;
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== file.safe.toLowerCase()) continue;
    const parsed = SAFE_EVENTS.parseLog(log);
    if (parsed && parsed.args.txHash === file.safeTxHash) success = parsed.name === "ExecutionSuccess";
  }
  if (success === undefined) {
    throw new SafeError(`transaction ${result.hash} did not execute Safe transaction ${file.safeTxHash}`);
  }
  return { transactionHash: result.hash, success, receipt };
}

/**
 * The file belongs to `deployment` (when given: the console always gives it), is for this chain, its hash
 * matches its contents, and its nonce is not used yet. Runs before anything of the file is shown.
 */
export async function checkFile(kit: SafeKit, file: SafeTxFile, deployment?: DeploymentIdentity): Promise<void> {
  if (deployment) {
    if (!file.deployment)
      throw new InputError(`the Safe file does not say which deployment it belongs to: ${RECREATE}`);
    assertSameDeployment("Safe file", file.deployment, deployment);
  }
  const chainId = (await kit.getChainId()).toString();
  if (chainId !== file.chainId) {
    throw new InputError(`the file is for chain ${file.chainId}, the node is chain ${chainId}`);
  }
  const hash = await kit.getTransactionHash(fromFile({ ...file, signatures: [] }));
  if (hash !== file.safeTxHash) {
    throw new InputError(`the file's safeTxHash ${file.safeTxHash} does not match its contents (${hash}): edited?`);
  }
  const nonce = await kit.getNonce();
  if (file.tx.nonce < nonce) {
    throw new InputError(
      `Safe nonce is ${nonce}; this transaction (nonce ${file.tx.nonce}) was already used or replaced`,
    );
  }
}

/**
 * Sign and execute in one go with local owner keys (deployment scripts and tests on a local chain).
 * On real networks owners sign separately with `signSafeTx` and files travel between them.
 */
export async function executeWithOwners(
  chain: Chain,
  safeAddress: string,
  calls: SafeCall[],
  ownerKeys: string[],
  contracts?: SafeContracts,
  description = "",
): Promise<SafeExecution> {
  const kit = await openSafe(chain, safeAddress, contracts, ownerKeys[0]);
  let file = await buildSafeTransaction(kit, calls, { description });
  const signed = await Promise.all(ownerKeys.map((k) => signSafeTx(chain, file, k, contracts)));
  file = combineSafeTxFiles(signed);
  return executeSafeTx(chain, file, ownerKeys[0], contracts);
}
