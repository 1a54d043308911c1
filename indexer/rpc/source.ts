/**
 * What the indexer reads from a chain, in plain JSON-RPC (no client library between us and the node, so any
 * node works): the chain id, block headers, logs of the watched contracts, and a few eth_calls.
 */
import { RpcResponseError } from "../errors.js";
import type { RpcTransport } from "./transport.js";

export interface BlockHeader {
  number: number;
  hash: string;
  parentHash: string;
  /** Unix seconds. */
  timestamp: number;
}

export interface RawLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: number;
  blockHash: string;
  transactionHash: string;
  logIndex: number;
  /** Some nodes include it (geth ≥ 1.14, reth); saves a header fetch. */
  blockTimestamp?: number;
}

interface RpcBlock {
  number: string;
  hash: string;
  parentHash: string;
  timestamp: string;
}

interface RpcLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string;
  blockHash: string;
  transactionHash: string;
  logIndex: string;
  blockTimestamp?: string;
  removed?: boolean;
}

const hex = (n: number) => "0x" + n.toString(16);

/** The result of eth_getLogs was refused as too large; the caller should ask for a smaller block range. */
export function isRangeTooLarge(error: unknown): boolean {
  if (!(error instanceof RpcResponseError)) return false;
  if (error.code === -32005) return true; // Infura/Alchemy "limit exceeded"
  return /range|too many|limit|exceed|too large|response size/i.test(error.message);
}

export class ChainSource {
  constructor(readonly transport: RpcTransport) {}

  async chainId(): Promise<bigint> {
    return BigInt(await this.transport.request<string>("eth_chainId", []));
  }

  async latestHeader(): Promise<BlockHeader> {
    const block = await this.transport.request<RpcBlock | null>("eth_getBlockByNumber", ["latest", false]);
    if (!block) throw new RpcResponseError("eth_getBlockByNumber(latest) returned nothing", -32000, null);
    return toHeader(block);
  }

  /** Headers of `numbers` (deduplicated), batched where the transport can. */
  async headers(numbers: Iterable<number>): Promise<Map<number, BlockHeader>> {
    const wanted = [...new Set(numbers)].sort((a, b) => a - b);
    const results = await this.transport.batch(
      wanted.map((n) => ({ method: "eth_getBlockByNumber", params: [hex(n), false] })),
    );
    const out = new Map<number, BlockHeader>();
    results.forEach((block, i) => {
      if (!block) throw new RpcResponseError(`block ${wanted[i]} is not known to the node`, -32000, null);
      out.set(wanted[i], toHeader(block as RpcBlock));
    });
    return out;
  }

  /** Logs emitted by `addresses` in [fromBlock, toBlock], in chain order. */
  async logs(fromBlock: number, toBlock: number, addresses: string[]): Promise<RawLog[]> {
    const logs = await this.transport.request<RpcLog[]>("eth_getLogs", [
      { fromBlock: hex(fromBlock), toBlock: hex(toBlock), address: addresses },
    ]);
    return logs
      .filter((l) => !l.removed)
      .map((l) => ({
        address: l.address,
        topics: l.topics,
        data: l.data,
        blockNumber: Number(l.blockNumber),
        blockHash: l.blockHash,
        transactionHash: l.transactionHash,
        logIndex: Number(l.logIndex),
        blockTimestamp: l.blockTimestamp === undefined ? undefined : Number(l.blockTimestamp),
      }))
      .sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
  }

  /** eth_call at the latest block. */
  async call(to: string, data: string): Promise<string> {
    return this.transport.request<string>("eth_call", [{ to, data }, "latest"]);
  }
}

function toHeader(block: RpcBlock): BlockHeader {
  return {
    number: Number(block.number),
    hash: block.hash,
    parentHash: block.parentHash,
    timestamp: Number(block.timestamp),
  };
}
