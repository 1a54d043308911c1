import { JsonRpcProvider, Network, type Provider, type TransactionReceipt } from "ethers";
import { ConnectionError } from "./errors.js";

/** A minimal EIP-1193 provider (what protocol-kit and wallets speak). */
export interface Eip1193 {
  request(args: { method: string; params?: readonly unknown[] | object }): Promise<unknown>;
}

/**
 * A connection to one chain: an ethers Provider for reads and sends, and the same endpoint as protocol-kit
 * wants it (a URL for a JSON-RPC node, or an EIP-1193 object such as Hardhat's in-process network).
 */
export interface Chain {
  readonly provider: Provider;
  readonly safeProvider: Eip1193 | string;
  readonly chainId: bigint;
}

/**
 * Connect to a JSON-RPC endpoint. Fails with a one-line ConnectionError when it is unreachable, or when
 * `expectedChainId` is given and differs.
 */
export async function connect(rpcUrl: string, expectedChainId?: bigint | number): Promise<Chain> {
  let url: URL;
  try {
    url = new URL(rpcUrl);
  } catch (cause) {
    throw new ConnectionError(`"${rpcUrl}" is not a URL (expected e.g. http://127.0.0.1:8545)`, {
      cause,
      details: { reason: "bad-url" },
    });
  }
  if (!["http:", "https:", "ws:", "wss:"].includes(url.protocol)) {
    throw new ConnectionError(`"${rpcUrl}" is not an http(s) or ws(s) URL`, { details: { reason: "bad-url" } });
  }
  // Ask for the chain id with a plain request first: an ethers provider pointed at a dead endpoint keeps
  // retrying and logging; this way an unreachable node is one clear error.
  let chainId: bigint;
  try {
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await res.json()) as { result?: string; error?: { message?: string } };
    if (!body.result) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
    chainId = BigInt(body.result);
  } catch (cause) {
    throw new ConnectionError(`cannot reach a JSON-RPC node at ${rpcUrl}: is it running?`, {
      cause,
      details: { reason: "unreachable" },
    });
  }
  if (expectedChainId !== undefined && chainId !== BigInt(expectedChainId)) {
    throw new ConnectionError(
      `the node at ${rpcUrl} is chain ${chainId}, but the deployment is for chain ${expectedChainId}`,
      { details: { reason: "other-chain", chainId, expectedChainId } },
    );
  }
  // cacheTimeout -1: ethers otherwise caches identical calls for 250 ms, which breaks rapid nonces locally.
  const provider = new JsonRpcProvider(rpcUrl, Network.from(chainId), {
    cacheTimeout: -1,
    staticNetwork: true,
    // Requests issued together still travel as one batch; waiting 10 ms (the default) for more costs every
    // sequential step (a simulation makes ~60) a round of idle time.
    batchStallTime: 0,
  });
  return { provider, safeProvider: rpcUrl, chainId };
}

/**
 * Wait for a transaction's receipt by polling (works with every Provider, including Hardhat's in-process one,
 * which lacks waitForTransaction).
 */
export async function waitForReceipt(
  provider: Provider,
  hash: string,
  timeoutMs = 120_000,
): Promise<TransactionReceipt> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const receipt = await provider.getTransactionReceipt(hash);
    if (receipt) return receipt;
    if (Date.now() > deadline) throw new ConnectionError(`no receipt for ${hash} after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
