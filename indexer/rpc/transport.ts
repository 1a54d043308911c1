/**
 * JSON-RPC transports: plain HTTP (any node: Hardhat, anvil, geth, a hosted endpoint) with timeouts, request
 * spacing for rate-limited endpoints and batching; and EIP-1193 objects (Hardhat's in-process provider).
 */
import { RpcResponseError, RpcUnavailableError } from "../errors.js";

export interface RpcCall {
  method: string;
  params: unknown[];
}

/** One way to speak JSON-RPC to a node. */
export interface RpcTransport {
  /** A human label for logs and health ("http://127.0.0.1:8545"). */
  readonly label: string;
  request<T = unknown>(method: string, params: unknown[]): Promise<T>;
  /** Several calls; results in order. Transports without batching run them one by one. */
  batch(calls: RpcCall[]): Promise<unknown[]>;
}

export interface HttpTransportOptions {
  /** Per-request timeout in milliseconds (default 15 000). */
  timeoutMs?: number;
  /** Minimum milliseconds between two requests, for rate-limited endpoints (default 0). */
  minRequestIntervalMs?: number;
  /** Largest JSON-RPC batch sent at once (default 100); 1 disables batching. */
  maxBatchSize?: number;
  /** Extra HTTP headers (an API key for a hosted node). */
  headers?: Record<string, string>;
}

interface JsonRpcResponse {
  jsonrpc?: string;
  id?: number;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** JSON-RPC over HTTP(S) with fetch. */
export class HttpTransport implements RpcTransport {
  readonly label: string;
  private nextId = 1;
  private nextSlot = 0;
  private batchUnsupported = false;
  private readonly timeoutMs: number;
  private readonly minInterval: number;
  private readonly maxBatch: number;
  private readonly headers: Record<string, string>;

  constructor(
    private readonly url: string,
    options: HttpTransportOptions = {},
  ) {
    this.label = url;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.minInterval = options.minRequestIntervalMs ?? 0;
    this.maxBatch = Math.max(1, options.maxBatchSize ?? 100);
    this.headers = { "content-type": "application/json", ...(options.headers ?? {}) };
  }

  async request<T = unknown>(method: string, params: unknown[]): Promise<T> {
    const id = this.nextId++;
    const body = (await this.post({ jsonrpc: "2.0", id, method, params })) as JsonRpcResponse;
    return unwrap(body, method) as T;
  }

  async batch(calls: RpcCall[]): Promise<unknown[]> {
    if (calls.length === 0) return [];
    if (this.batchUnsupported || this.maxBatch === 1 || calls.length === 1) {
      const out: unknown[] = [];
      for (const c of calls) out.push(await this.request(c.method, c.params));
      return out;
    }
    const out: unknown[] = [];
    for (let i = 0; i < calls.length; i += this.maxBatch) {
      const chunk = calls.slice(i, i + this.maxBatch);
      const ids = chunk.map(() => this.nextId++);
      const payload = chunk.map((c, j) => ({ jsonrpc: "2.0", id: ids[j], method: c.method, params: c.params }));
      const body = await this.post(payload);
      if (!Array.isArray(body)) {
        // Some endpoints answer a batch with one error object: fall back to single requests for good.
        this.batchUnsupported = true;
        for (const c of chunk) out.push(await this.request(c.method, c.params));
        continue;
      }
      const byId = new Map((body as JsonRpcResponse[]).map((r) => [r.id, r]));
      chunk.forEach((c, j) => {
        const r = byId.get(ids[j]);
        if (!r) throw new RpcUnavailableError(`${this.url} left ${c.method} out of a batch answer`);
        out.push(unwrap(r, c.method));
      });
    }
    return out;
  }

  private async post(payload: unknown): Promise<unknown> {
    await this.throttle();
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: "POST",
        headers: this.headers,
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (cause) {
      throw new RpcUnavailableError(`cannot reach the node at ${this.url}: ${describe(cause)}`, { cause });
    }
    const text = await response.text().catch((cause) => {
      throw new RpcUnavailableError(`the node at ${this.url} closed the connection mid-answer`, { cause });
    });
    if (!response.ok && response.status !== 400 && response.status !== 500) {
      throw new RpcUnavailableError(`the node at ${this.url} answered HTTP ${response.status}`, {
        details: { status: response.status, body: text.slice(0, 200) },
      });
    }
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new RpcUnavailableError(`the node at ${this.url} answered something that is not JSON`, {
        cause,
        details: { status: response.status, body: text.slice(0, 200) },
      });
    }
  }

  private async throttle(): Promise<void> {
    if (this.minInterval <= 0) return;
    const now = Date.now();
    const wait = this.nextSlot - now;
    this.nextSlot = Math.max(now, this.nextSlot) + this.minInterval;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}

/** An EIP-1193 provider (Hardhat's in-process network, a wallet) as a transport. */
export class Eip1193Transport implements RpcTransport {
  readonly label: string;

  constructor(
    private readonly provider: { request(args: { method: string; params?: unknown[] }): Promise<unknown> },
    label = "eip-1193 provider",
  ) {
    this.label = label;
  }

  async request<T = unknown>(method: string, params: unknown[]): Promise<T> {
    try {
      return (await this.provider.request({ method, params })) as T;
    } catch (cause) {
      const e = cause as { code?: number; message?: string; data?: unknown };
      if (typeof e?.code === "number") {
        throw new RpcResponseError(`${method}: ${e.message ?? "error"}`, e.code, e.data, { cause });
      }
      throw new RpcUnavailableError(`${method} failed on ${this.label}: ${describe(cause)}`, { cause });
    }
  }

  async batch(calls: RpcCall[]): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const c of calls) out.push(await this.request(c.method, c.params));
    return out;
  }
}

function unwrap(body: JsonRpcResponse, method: string): unknown {
  if (body === null || typeof body !== "object") {
    throw new RpcUnavailableError(`${method}: the answer is not a JSON-RPC object`);
  }
  if (body.error) {
    throw new RpcResponseError(`${method}: ${body.error.message}`, body.error.code, body.error.data);
  }
  if (!("result" in body)) throw new RpcUnavailableError(`${method}: the answer has neither result nor error`);
  return body.result;
}

function describe(cause: unknown): string {
  const e = cause as { cause?: { code?: string; message?: string }; name?: string; message?: string };
  if (e?.name === "TimeoutError") return "timed out";
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(cause);
}
