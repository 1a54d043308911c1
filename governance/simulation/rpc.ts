import { toQuantity, type TransactionReceipt } from "ethers";
import { revertDataOf } from "../abis.js";
import type { Chain } from "../chain.js";
import { ConnectionError } from "../errors.js";

/**
 * The JSON-RPC calls simulation needs from a development node (Hardhat's in-process network, `hardhat node`,
 * or the node started by ./node.ts): snapshots, impersonation, balances and time.
 */
interface Sender {
  send(method: string, params: unknown[]): Promise<unknown>;
}

function sender(chain: Chain): Sender {
  const p = chain.provider as unknown as Partial<Sender>;
  if (typeof p.send !== "function") {
    throw new ConnectionError("simulation needs a JSON-RPC provider (ethers JsonRpcProvider or Hardhat's)");
  }
  return p as Sender;
}

/** Send one JSON-RPC request. */
export async function rpc<T = unknown>(chain: Chain, method: string, params: unknown[] = []): Promise<T> {
  return (await sender(chain).send(method, params)) as T;
}

/** Take a snapshot; `revertTo` restores it (and consumes it). */
export async function snapshot(chain: Chain): Promise<string> {
  try {
    return await rpc<string>(chain, "evm_snapshot");
  } catch (cause) {
    throw new ConnectionError(
      "the node cannot take snapshots (evm_snapshot): simulate on a local development node or a fork (startNode)",
      { cause },
    );
  }
}

export async function revertTo(chain: Chain, id: string): Promise<void> {
  const ok = await rpc<boolean>(chain, "evm_revert", [id]);
  if (!ok) throw new ConnectionError(`evm_revert(${id}) failed: the node's state may hold simulated changes`);
}

/** Let `address` send transactions without its key, with `balance` wei to pay gas. */
export async function impersonate(chain: Chain, address: string, balance = 10n ** 20n): Promise<void> {
  await rpc(chain, "hardhat_impersonateAccount", [address]);
  const current = await chain.provider.getBalance(address);
  if (current < balance) await rpc(chain, "hardhat_setBalance", [address, toQuantity(balance)]);
}

/** Stop letting `address` send without its key (a snapshot's revert does not do this). */
export async function stopImpersonating(chain: Chain, address: string): Promise<void> {
  await rpc(chain, "hardhat_stopImpersonatingAccount", [address]);
}

/** Latest block time (unix seconds). */
export async function latestTime(chain: Chain): Promise<bigint> {
  const block = await chain.provider.getBlock("latest");
  return BigInt(block!.timestamp);
}

/** Make the next block's timestamp `t` (or one past the latest, whichever is later); returns it. */
export async function setNextTime(chain: Chain, t: bigint): Promise<bigint> {
  const next = t > (await latestTime(chain)) ? t : (await latestTime(chain)) + 1n;
  await rpc(chain, "evm_setNextBlockTimestamp", [toQuantity(next)]);
  return next;
}

/** Mine one block at time `t` (or just after the latest). */
export async function mineAt(chain: Chain, t: bigint): Promise<void> {
  await setNextTime(chain, t);
  await rpc(chain, "evm_mine");
}

/** The outcome of a transaction sent as an impersonated account. */
export interface SentTransaction {
  hash?: string;
  success: boolean;
  gasUsed: bigint;
  receipt?: TransactionReceipt;
  /** Revert data when it failed (decode with decodeError). */
  revertData?: string;
}

function hashOf(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const visit = (e: unknown): string | undefined => {
    if (!e || typeof e !== "object" || seen.has(e)) return undefined;
    seen.add(e);
    const o = e as Record<string, unknown>;
    for (const k of ["txHash", "transactionHash"]) {
      if (typeof o[k] === "string" && /^0x[0-9a-fA-F]{64}$/.test(o[k] as string)) return o[k] as string;
    }
    for (const k of ["data", "error", "info", "cause"]) {
      const inner = visit(o[k]);
      if (inner) return inner;
    }
    return undefined;
  };
  return visit(err);
}

/**
 * Send a transaction from `from` (impersonated beforehand) on an automining node and wait for it. A revert is
 * an outcome, not an exception: `success` false with the revert data.
 */
export async function sendAs(
  chain: Chain,
  from: string,
  tx: { to: string; data: string; value?: bigint },
  gasLimit = 15_000_000n,
): Promise<SentTransaction> {
  let hash: string | undefined;
  let revertData: string | undefined;
  try {
    hash = await rpc<string>(chain, "eth_sendTransaction", [
      { from, to: tx.to, data: tx.data, value: toQuantity(tx.value ?? 0n), gas: toQuantity(gasLimit) },
    ]);
  } catch (err) {
    // Hardhat mines a failing transaction and then throws with its revert data.
    revertData = revertDataOf(err) ?? "0x";
    hash = hashOf(err);
    if (!hash && revertDataOf(err) === undefined) throw err;
  }
  const receipt = hash ? await chain.provider.getTransactionReceipt(hash) : null;
  if (receipt && receipt.status === 1) {
    return { hash, success: true, gasUsed: receipt.gasUsed, receipt };
  }
  if (receipt && revertData === undefined) {
    // Nodes that do not throw (anvil): replay as a call at the parent block to get the revert data.
    try {
      await chain.provider.call({ from, to: tx.to, data: tx.data, value: tx.value, blockTag: receipt.blockNumber - 1 });
    } catch (err) {
      revertData = revertDataOf(err) ?? "0x";
    }
  }
  return {
    hash,
    success: false,
    gasUsed: receipt?.gasUsed ?? 0n,
    receipt: receipt ?? undefined,
    revertData: revertData ?? "0x",
  };
}
