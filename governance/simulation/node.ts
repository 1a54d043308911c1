import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JsonRpcProvider } from "ethers";
import { localPrivateKey } from "../accounts.js";
import type { Chain } from "../chain.js";
import { ConnectionError } from "../errors.js";

const require = createRequire(import.meta.url);

/** A development node running in this process, served over HTTP JSON-RPC. */
export interface LocalNode {
  /** http://127.0.0.1:<port> */
  url: string;
  chainId: bigint;
  /** The node's chain as an SDK Chain (a JsonRpcProvider on `url`). */
  chain: Chain;
  /** When forking: the URL and block forked. */
  fork?: { url: string; blockNumber: number };
  close(): Promise<void>;
}

export interface NodeOptions {
  /** Fork this JSON-RPC endpoint (any chain); its state is read lazily, nothing is written to it. */
  fork?: { url: string; blockNumber?: number };
  /** Chain id of the node; when forking, defaults to the forked chain's id (so deployments match). */
  chainId?: number;
  /** TCP port (0 = any free port). */
  port?: number;
  /** Funded accounts: Hardhat's 20 development keys (public: local chains only). */
  accounts?: number;
}

/**
 * Start an EDR (Hardhat network) node in this process, empty or forking `fork.url`, and serve it over HTTP.
 * Used to simulate proposals against a fork of any RPC endpoint with no outside service, and by tests and
 * benchmarks as "the local node". Hardhat's node is loaded lazily: the SDK does not need it otherwise.
 */
export async function startNode(options: NodeOptions = {}): Promise<LocalNode> {
  let chainId = options.chainId;
  let forkConfig: { jsonRpcUrl: string; blockNumber?: number } | undefined;
  if (options.fork) {
    const remote = new JsonRpcProvider(options.fork.url, undefined, { staticNetwork: true, cacheTimeout: -1 });
    try {
      const [id, latest] = await Promise.all([remote.send("eth_chainId", []), remote.send("eth_blockNumber", [])]);
      chainId ??= Number(BigInt(id));
      forkConfig = { jsonRpcUrl: options.fork.url, blockNumber: options.fork.blockNumber ?? Number(BigInt(latest)) };
    } catch (cause) {
      throw new ConnectionError(`cannot reach ${options.fork.url} to fork it: is it running?`, { cause });
    } finally {
      remote.destroy();
    }
  }
  chainId ??= 31337;
  // Hardhat caches what it reads from a forked chain on disk, keyed by chain id and block number. A local
  // chain (31337/1337) restarted has the same ids and numbers with other contents: cache only for this node.
  const ownCache =
    forkConfig && [31337, 1337].includes(chainId) ? mkdtempSync(join(tmpdir(), "stab3l-fork-")) : undefined;
  const { createHardhatNetworkProvider } = require("hardhat/internal/hardhat-network/provider/provider");
  const { JsonRpcServer } = require("hardhat/internal/hardhat-network/jsonrpc/server");
  const genesisAccounts = Array.from({ length: options.accounts ?? 20 }, (_, i) => ({
    privateKey: localPrivateKey(i),
    balance: (10_000n * 10n ** 18n).toString(),
  }));
  const provider = await createHardhatNetworkProvider(
    {
      hardfork: "cancun",
      chainId,
      networkId: chainId,
      blockGasLimit: 30_000_000,
      minGasPrice: 0n,
      automine: true,
      intervalMining: 0,
      mempoolOrder: "priority",
      chains: new Map(),
      genesisAccounts,
      allowUnlimitedContractSize: false,
      throwOnTransactionFailures: true,
      throwOnCallFailures: true,
      allowBlocksWithSameTimestamp: false,
      forkConfig,
      // Remote state read while forking is cached here (not in the working folder).
      forkCachePath: ownCache ?? join(tmpdir(), "stab3l-fork-cache"),
      enableTransientStorage: false,
      enableRip7212: false,
    },
    { enabled: false },
  );
  if (forkConfig) {
    // Blocks up to the fork block are "historical" and run with the forked chain's hardfork history, which
    // Hardhat knows only for well-known chains (not, e.g., a local node's 31337): calls at the fork block
    // fail with "No known hardfork". One new local block makes `latest` run with the configured hardfork.
    await provider.request({ method: "hardhat_mine", params: ["0x1"] });
  }
  const server = new JsonRpcServer({ hostname: "127.0.0.1", port: options.port ?? 0, provider });
  const { port } = await server.listen();
  const url = `http://127.0.0.1:${port}`;
  const ethers = new JsonRpcProvider(url, chainId, { staticNetwork: true, cacheTimeout: -1, batchStallTime: 0 });
  return {
    url,
    chainId: BigInt(chainId),
    chain: { provider: ethers, safeProvider: url, chainId: BigInt(chainId) },
    fork: forkConfig ? { url: forkConfig.jsonRpcUrl, blockNumber: forkConfig.blockNumber! } : undefined,
    async close() {
      ethers.destroy();
      await server.close();
      if (ownCache) rmSync(ownCache, { recursive: true, force: true });
    },
  };
}
