/**
 * A synthetic chain answering the JSON-RPC methods the indexer uses (eth_chainId, eth_getBlockByNumber,
 * eth_getLogs, eth_call for the static facts), in memory or over HTTP with batches. Logs are encoded with the
 * contracts' real ABIs, so the indexer's real decode path runs. Used by unit tests (faults, reorgs, range
 * limits) and by the ingest benchmark (large histories without mining them).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getAddress, Interface, toBeHex, zeroPadValue } from "ethers";
import type { Deployment } from "../../governance/deployment.js";
import { RpcResponseError, RpcUnavailableError } from "../../indexer/errors.js";
import { governorKind } from "../../indexer/ingest/handlers/governor.js";
import { votesTokenKind } from "../../indexer/ingest/handlers/token.js";
import type { RpcCall, RpcTransport } from "../../indexer/rpc/transport.js";

const addresses = new Map<number, string>();
const addr = (n: number) => {
  let a = addresses.get(n);
  if (!a) addresses.set(n, (a = getAddress(zeroPadValue(toBeHex(n), 20))));
  return a;
};
const hexWord = (v: bigint) => v.toString(16).padStart(64, "0");
const VOTE_CAST_TOPIC = governorKind.abi.getEvent("VoteCast")!.topicHash;
/** A unique 32-byte hex per (kind, numbers...): cheap stand-ins for block and transaction hashes. */
const KIND_PREFIX: Record<string, string> = { genesis: "0", block: "b", tx: "c" };
const hash = (kind: string, ...numbers: number[]) =>
  "0x" + (KIND_PREFIX[kind] + numbers.map((n) => n.toString(16).padStart(12, "0")).join("")).padEnd(64, "0");

interface Log {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string;
  blockHash: string;
  transactionHash: string;
  logIndex: string;
  transactionIndex: string;
  removed: boolean;
}

interface Block {
  number: number;
  hash: string;
  parentHash: string;
  timestamp: number;
  logs: Log[];
}

const STATIC = new Interface([
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
  "function CLOCK_MODE() view returns (string)",
  "function quorumDenominator() view returns (uint256)",
]);

export class SyntheticChain {
  readonly deployment: Deployment;
  readonly blocks: Block[] = [];
  /** eth_getLogs answers with more logs are refused with -32005, as hosted nodes do. */
  maxLogsPerQuery = Infinity;
  /** While set, every request fails as if the node were unreachable. */
  down = false;
  /** Requests received, for tests. */
  readonly requests: { method: string; at: number }[] = [];
  private fork = 0;

  constructor(
    readonly chainId = 31337,
    private readonly startTime = 1_800_000_000,
  ) {
    this.deployment = {
      network: "synthetic",
      chainId,
      startBlock: { number: 1, hash: `0x${"ab".repeat(32)}` },
      contracts: {
        STAB3LAuthority: addr(0x1001),
        ParameterStore: addr(0x1002),
        RSTBToken: addr(0x1003),
        TimelockController: addr(0x1004),
        STAB3LGovernor: addr(0x1005),
      },
      safes: { core: addr(0x2001), guardian: addr(0x2002) },
      safeVersion: "1.5.0",
      accounts: { deployer: addr(0x3001), coreOwners: [], guardianOwners: [], delegates: [] },
    };
    this.mine([]); // genesis
  }

  get head(): number {
    return this.blocks.length - 1;
  }

  /** Append a block holding `logs` (one transaction per log); returns its number. */
  mine(logs: { address: string; topics: readonly string[]; data: string }[], seconds = 12): number {
    const number = this.blocks.length;
    const parent = this.blocks[number - 1];
    const blockHash = hash("block", number, this.fork);
    this.blocks.push({
      number,
      hash: blockHash,
      parentHash: parent?.hash ?? hash("genesis"),
      timestamp: (parent?.timestamp ?? this.startTime) + (parent ? seconds : 0),
      logs: logs.map((l, i) => ({
        address: l.address.toLowerCase(),
        topics: [...l.topics],
        data: l.data,
        blockNumber: toBeHex(number),
        blockHash,
        transactionHash: hash("tx", number, i, this.fork),
        logIndex: toBeHex(i),
        transactionIndex: toBeHex(i),
        removed: false,
      })),
    });
    return number;
  }

  /** Replace blocks from `from` on with `count` empty blocks on another fork (a reorganisation). */
  reorg(from: number, count = this.head - from + 1): void {
    this.blocks.length = from;
    this.fork++;
    for (let i = 0; i < count; i++) this.mine([]);
  }

  // ------------------------------------------------------------------ log builders (real ABIs)

  private governorLog(event: string, values: unknown[]) {
    const iface = governorKind.abi;
    const e = iface.getEvent(event)!;
    return { address: this.deployment.contracts.STAB3LGovernor, ...iface.encodeEventLog(e, values) };
  }

  private tokenLog(event: string, values: unknown[]) {
    const iface = votesTokenKind.abi;
    const e = iface.getEvent(event)!;
    return { address: this.deployment.contracts.RSTBToken, ...iface.encodeEventLog(e, values) };
  }

  proposalCreated(id: bigint, proposer: string, voteStart: number, voteEnd: number, description = `# Proposal ${id}`) {
    return this.governorLog("ProposalCreated", [
      id,
      proposer,
      [this.deployment.contracts.ParameterStore],
      [0n],
      [""],
      ["0x"],
      voteStart,
      voteEnd,
      description,
    ]);
  }

  /** VoteCast, ABI-encoded by hand (ethers' encoder is too slow for 100k-event histories; a test checks both agree). */
  voteCast(voter: string, id: bigint, support: number, weight: bigint, reason = "") {
    const bytes = Buffer.from(reason, "utf8");
    const padded = bytes.toString("hex").padEnd(Math.ceil(bytes.length / 32) * 64, "0");
    return {
      address: this.deployment.contracts.STAB3LGovernor,
      topics: [VOTE_CAST_TOPIC, "0x" + voter.slice(2).toLowerCase().padStart(64, "0")],
      data:
        "0x" +
        hexWord(id) +
        hexWord(BigInt(support)) +
        hexWord(weight) +
        hexWord(128n) +
        hexWord(BigInt(bytes.length)) +
        padded,
    };
  }

  governorSetting(event: string, oldValue: bigint, newValue: bigint) {
    return this.governorLog(event, [oldValue, newValue]);
  }

  mint(to: string, value: bigint) {
    return this.tokenLog("Transfer", [addr(0), to, value]);
  }

  delegateChanged(delegator: string, from: string, to: string) {
    return this.tokenLog("DelegateChanged", [delegator, from, to]);
  }

  delegateVotesChanged(delegate: string, previous: bigint, current: bigint) {
    return this.tokenLog("DelegateVotesChanged", [delegate, previous, current]);
  }

  /** Account number n (deterministic addresses for voters), checksummed. */
  static account(n: number): string {
    return addr(0x100000 + n);
  }

  /** The same account in lower case, without the checksum's keccak (for histories of 100,000s of accounts). */
  static rawAccount(n: number): string {
    return "0x" + (0x100000 + n).toString(16).padStart(40, "0");
  }

  // ------------------------------------------------------------------ JSON-RPC

  rpc(method: string, params: unknown[]): unknown {
    this.requests.push({ method, at: Date.now() });
    if (this.down) throw new RpcUnavailableError("synthetic node is down");
    switch (method) {
      case "eth_chainId":
        return toBeHex(this.chainId);
      case "eth_blockNumber":
        return toBeHex(this.head);
      case "eth_getBlockByNumber": {
        const tag = params[0] as string;
        const n = tag === "latest" ? this.head : Number(tag);
        const b = this.blocks[n];
        if (!b) return null;
        return { number: toBeHex(b.number), hash: b.hash, parentHash: b.parentHash, timestamp: toBeHex(b.timestamp) };
      }
      case "eth_getLogs": {
        const f = params[0] as { fromBlock: string; toBlock: string; address: string[] };
        const wanted = new Set(f.address.map((a) => a.toLowerCase()));
        const out: Log[] = [];
        for (let n = Number(f.fromBlock); n <= Math.min(Number(f.toBlock), this.head); n++) {
          for (const l of this.blocks[n].logs) if (wanted.has(l.address)) out.push(l);
          if (out.length > this.maxLogsPerQuery) {
            throw new RpcResponseError(`query returned more than ${this.maxLogsPerQuery} results`, -32005, null);
          }
        }
        return out;
      }
      case "eth_call": {
        const { data } = params[0] as { to: string; data: string };
        const fn = STATIC.getFunction(data.slice(0, 10))!;
        const answers: Record<string, unknown> = {
          name: "STAB3L Governance",
          symbol: "rSTB",
          decimals: 18,
          CLOCK_MODE: "mode=timestamp",
          quorumDenominator: 100,
        };
        return STATIC.encodeFunctionResult(fn, [answers[fn.name]]);
      }
      default:
        throw new RpcResponseError(`method ${method} not supported`, -32601, null);
    }
  }

  /** An in-memory transport (no HTTP). */
  transport(): RpcTransport {
    const call = async (method: string, params: unknown[]) => this.rpc(method, params);
    return {
      label: "synthetic",
      request: call as RpcTransport["request"],
      batch: async (calls: RpcCall[]) => Promise.all(calls.map((c) => call(c.method, c.params))),
    };
  }

  /** Serve JSON-RPC (with batches) over HTTP on a free port. */
  async serve(): Promise<{ url: string; close(): Promise<void> }> {
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as
          { id: number; method: string; params: unknown[] } | { id: number; method: string; params: unknown[] }[];
        const one = (r: { id: number; method: string; params: unknown[] }) => {
          try {
            return { jsonrpc: "2.0", id: r.id, result: this.rpc(r.method, r.params) };
          } catch (e) {
            const err = e as { code?: number; message: string };
            return { jsonrpc: "2.0", id: r.id, error: { code: err.code ?? -32000, message: err.message } };
          }
        };
        const text = JSON.stringify(Array.isArray(body) ? body.map(one) : one(body));
        res.writeHead(200, { "content-type": "application/json" });
        res.end(text);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }
}
