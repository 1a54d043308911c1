/**
 * The bridge relayer: watches one chain's CrossChainBridge for MessageSent, and delivers each message to the bridge
 * on the other chain with the relayer threshold's EIP-712 signatures. One process holds the keys of the relayers it
 * speaks for; several processes (one per operator) may relay the same route: a message delivered twice is refused
 * on chain (BridgeMessageAlreadyProcessed) and the loser just skips it.
 */
import { getAddress, Interface, type Provider, type Signer } from "ethers";
import { CrossChainBridge__factory } from "../typechain-types/factories/contracts/bridge/CrossChainBridge__factory.js";
import { MessageVerifier__factory } from "../typechain-types/factories/contracts/bridge/MessageVerifier__factory.js";
import { Stab3lError } from "../governance/errors.js";
import {
  domainFromEip712,
  messageFromSent,
  signAll,
  type BridgeMessage,
  type TypedDataSigner,
  type VerifierDomain,
} from "./messages.js";

/** What happened to one message in a poll. */
export interface RelayOutcome {
  message: BridgeMessage;
  status: "delivered" | "already-processed" | "deferred" | "not-for-us";
  txHash?: string;
  /** Why it was deferred (decoded custom error name, e.g. BridgeRateLimited). */
  reason?: string;
}

export interface RelayerOptions {
  source: { provider: Provider; bridge: string };
  destination: { provider: Provider; bridge: string; submitter: Signer };
  /** Relayer keys this process signs with; at least the destination's threshold of them. */
  signers: readonly TypedDataSigner[];
  /** First source block to scan (default: the latest block at start). */
  fromBlock?: number;
  /** Blocks a MessageSent must be buried under before it is relayed (reorg safety; 0 locally). */
  confirmations?: number;
  pollIntervalMs?: number;
  log?: (line: string) => void;
}

/** Every error the bridge path can revert with, to name refusals. */
const ERRORS = new Interface([
  ...CrossChainBridge__factory.createInterface().fragments.filter((f) => f.type === "error"),
  ...MessageVerifier__factory.createInterface().fragments.filter((f) => f.type === "error"),
]);

/** The custom error name in an ethers error, when the revert data is one of the bridge's errors. */
export function revertName(err: unknown): string | undefined {
  for (
    let e = err as { data?: unknown; error?: unknown; info?: { error?: unknown } } | undefined, i = 0;
    e && i < 5;
    i++
  ) {
    if (typeof e.data === "string" && e.data.startsWith("0x") && e.data.length >= 10) {
      return ERRORS.parseError(e.data)?.name;
    }
    e = (e.error ?? e.info?.error) as typeof e;
  }
  return undefined;
}

export class BridgeRelayer {
  private readonly sourceBridge;
  private readonly destBridge;
  private nextBlock: number | undefined;
  private readonly deferred = new Map<string, BridgeMessage>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly log: (line: string) => void;

  private constructor(
    private readonly options: RelayerOptions,
    private readonly sourceChainId: bigint,
    private readonly destChainId: bigint,
    private readonly domain: VerifierDomain,
    private readonly threshold: () => Promise<bigint>,
  ) {
    this.sourceBridge = CrossChainBridge__factory.connect(options.source.bridge, options.source.provider);
    this.destBridge = CrossChainBridge__factory.connect(options.destination.bridge, options.destination.submitter);
    this.nextBlock = options.fromBlock;
    this.log = options.log ?? (() => {});
  }

  /** Read both chains' ids and the destination verifier's EIP-712 domain. */
  static async create(options: RelayerOptions): Promise<BridgeRelayer> {
    const source = CrossChainBridge__factory.connect(options.source.bridge, options.source.provider);
    const dest = CrossChainBridge__factory.connect(options.destination.bridge, options.destination.provider);
    const [sourceChainId, destChainId, verifierAddress] = await Promise.all([
      source.localChainId(),
      dest.localChainId(),
      dest.verifier(),
    ]);
    const verifier = MessageVerifier__factory.connect(verifierAddress, options.destination.provider);
    const domain = domainFromEip712(await verifier.eip712Domain());
    return new BridgeRelayer(options, sourceChainId, destChainId, domain, () => verifier.threshold());
  }

  /** The route this relayer serves. */
  get route(): { from: bigint; to: bigint } {
    return { from: this.sourceChainId, to: this.destChainId };
  }

  /** Scan new source blocks and try every message found (plus earlier deferred ones) once. */
  async pollOnce(): Promise<RelayOutcome[]> {
    const provider = this.options.source.provider;
    const head = (await provider.getBlockNumber()) - (this.options.confirmations ?? 0);
    if (this.nextBlock === undefined) this.nextBlock = head + 1;
    const messages = [...this.deferred.values()];
    this.deferred.clear();
    if (head >= this.nextBlock) {
      const events = await this.sourceBridge.queryFilter(
        this.sourceBridge.filters.MessageSent(this.destChainId),
        this.nextBlock,
        head,
      );
      for (const e of events) messages.push(messageFromSent(this.sourceChainId, e.address, e.args));
      this.nextBlock = head + 1;
    }
    const outcomes: RelayOutcome[] = [];
    for (const m of messages) outcomes.push(await this.relay(m));
    return outcomes;
  }

  /** Deliver one message if it is not processed yet. */
  async relay(message: BridgeMessage): Promise<RelayOutcome> {
    // The source bridge names the destination bridge; one for another bridge on our destination chain is not ours.
    if (getAddress(message.dstBridge) !== getAddress(this.options.destination.bridge)) {
      this.log(`skipped #${message.nonce}: for bridge ${message.dstBridge}, not ${this.options.destination.bridge}`);
      return { message, status: "not-for-us" };
    }
    if (await this.destBridge.isProcessed(message.srcChainId, message.srcBridge, message.nonce)) {
      return { message, status: "already-processed" };
    }
    const threshold = Number(await this.threshold());
    if (this.options.signers.length < threshold) {
      throw new Stab3lError(
        `relayer holds ${this.options.signers.length} keys but the destination needs ${threshold} signatures`,
      );
    }
    const signatures = await signAll(this.options.signers.slice(0, threshold), this.domain, message);
    try {
      // Simulate first so refusals are named without spending gas.
      await this.destBridge.receiveMessage.staticCall(message, signatures);
      const tx = await this.destBridge.receiveMessage(message, signatures);
      await tx.wait();
      this.log(
        `delivered ${this.sourceChainId}→${this.destChainId} #${message.nonce} (${message.amount} wei) in ${tx.hash}`,
      );
      return { message, status: "delivered", txHash: tx.hash };
    } catch (err) {
      const reason = revertName(err);
      if (reason === "BridgeMessageAlreadyProcessed") return { message, status: "already-processed" };
      // Rate limits and pauses lift with time: keep the message and try again on a later poll.
      this.deferred.set(`${message.srcChainId}:${message.nonce}`, message);
      this.log(`deferred #${message.nonce}: ${reason ?? (err as Error).message}`);
      return { message, status: "deferred", reason: reason ?? (err as Error).message };
    }
  }

  /** Poll every `pollIntervalMs` until stop(). */
  start(): void {
    const interval = this.options.pollIntervalMs ?? 1_000;
    const tick = () => {
      this.running = this.pollOnce()
        .then(() => undefined)
        .catch((err) => this.log(`poll failed: ${(err as Error).message}`))
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(tick, interval);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
