/**
 * Typed client of the STAB3L read API (indexer/): one function per list or view the console shows, each one
 * round trip with graphql-request. Answers are validated with zod and converted at the edge: on-chain
 * quantities to bigint, times to unix seconds, addresses checksummed.
 *
 *   const api = createApiClient({ url: "http://127.0.0.1:4000/graphql" });
 *   const { nodes, lastCursor } = await listProposals(api, { limit: 10 });
 */
import { ClientError, GraphQLClient } from "graphql-request";
import { z } from "zod";
import { ApiError, InputError } from "../errors.js";
import * as D from "./documents.js";

export interface ApiClientOptions {
  /** GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** Sent as the `Api-Key` header when given. */
  apiKey?: string;
  /** Per-request timeout in milliseconds (default 15 000). */
  timeoutMs?: number;
}

/** A configured client; pass it to the functions of this module. */
export interface ApiClient {
  readonly url: string;
  readonly graphql: GraphQLClient;
  readonly timeoutMs: number;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch (cause) {
    throw new InputError(`"${options.url}" is not a URL (expected e.g. http://127.0.0.1:4000/graphql)`, { cause });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InputError(`"${options.url}" is not an http(s) URL`);
  }
  const headers: Record<string, string> = options.apiKey ? { "Api-Key": options.apiKey } : {};
  return {
    url: url.toString(),
    graphql: new GraphQLClient(url.toString(), { headers }),
    timeoutMs: options.timeoutMs ?? 15_000,
  };
}

// ---------------------------------------------------------------------- conversions

const uint = z
  .string()
  .regex(/^-?\d+$/, "not an integer string")
  .transform((s) => BigInt(s));
const time = z.string().transform((s, ctx) => {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: "custom", message: "not an ISO time" });
    return z.NEVER;
  }
  return Math.floor(ms / 1000);
});
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const pageInfo = z.object({
  firstCursor: z.string().nullable(),
  lastCursor: z.string().nullable(),
  count: z.number().nullable(),
});

/** One page of a list, with the cursors to fetch the next (`afterCursor: lastCursor`) or previous one. */
export interface ApiPage<T> {
  nodes: T[];
  firstCursor: string | null;
  lastCursor: string | null;
  /** Items matching the filters, across all pages. */
  count: number | null;
}

export interface PageOptions {
  /** 1..100 (default 20). */
  limit?: number;
  afterCursor?: string;
  beforeCursor?: string;
}

function page(o: PageOptions) {
  return { limit: o.limit, afterCursor: o.afterCursor, beforeCursor: o.beforeCursor };
}

async function run<S extends z.ZodTypeAny>(
  client: ApiClient,
  document: string,
  variables: Record<string, unknown>,
  schema: S,
): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await client.graphql.request({ document, variables, signal: AbortSignal.timeout(client.timeoutMs) });
  } catch (cause) {
    if (cause instanceof ClientError) {
      const first = cause.response.errors?.[0];
      const code = (first?.extensions?.code as string | undefined) ?? `HTTP_${cause.response.status}`;
      throw new ApiError(first?.message ?? `the API answered HTTP ${cause.response.status}`, code, {
        cause,
        details: { errors: cause.response.errors, status: cause.response.status },
      });
    }
    const e = cause as { name?: string; message?: string };
    throw new ApiError(
      e?.name === "TimeoutError"
        ? `the API at ${client.url} did not answer within ${client.timeoutMs} ms`
        : `cannot reach the API at ${client.url}: ${e?.message ?? String(cause)}`,
      "UNREACHABLE",
      { cause },
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(
      `unexpected answer from ${client.url}: ${issue.path.join(".")}: ${issue.message}`,
      "BAD_RESPONSE",
      {
        details: { issues: parsed.error.issues },
      },
    );
  }
  return parsed.data;
}

// ---------------------------------------------------------------------- proposals

export type ProposalStatusName =
  "pending" | "active" | "extended" | "canceled" | "defeated" | "succeeded" | "queued" | "expired" | "executed";

const timepoint = z.object({ timestamp: time });
const voteStats = z.array(
  z.object({ type: z.enum(["for", "against", "abstain"]), votesCount: uint, votersCount: z.number() }),
);
const proposalSummary = z
  .object({
    id: z.string(),
    status: z.string(),
    createdAt: time,
    block: z.object({ number: z.number() }).nullable(),
    proposer: z.object({ address }).nullable(),
    start: timepoint,
    end: timepoint,
    metadata: z.object({ title: z.string(), eta: z.number().nullable(), txHash: z.string().nullable() }),
    quorum: uint.nullable(),
    voteStats: voteStats.nullable(),
  })
  .transform((p) => {
    const stat = (t: string) => p.voteStats?.find((s) => s.type === t);
    return {
      id: BigInt(p.id),
      title: p.metadata.title,
      status: p.status as ProposalStatusName,
      proposer: p.proposer?.address ?? null,
      createdAt: p.createdAt,
      createdBlock: p.block?.number ?? null,
      createdTx: p.metadata.txHash,
      voteStart: p.start.timestamp,
      voteEnd: p.end.timestamp,
      eta: p.metadata.eta,
      quorum: p.quorum,
      votes: {
        for: stat("for")?.votesCount ?? 0n,
        against: stat("against")?.votesCount ?? 0n,
        abstain: stat("abstain")?.votesCount ?? 0n,
      },
      voters: {
        for: stat("for")?.votersCount ?? 0,
        against: stat("against")?.votersCount ?? 0,
        abstain: stat("abstain")?.votersCount ?? 0,
      },
    };
  });
export type ApiProposalSummary = z.output<typeof proposalSummary>;

export interface ListProposalsOptions extends PageOptions {
  /** Only proposals created by this address. */
  proposer?: string;
  /** Newest first (default true). */
  newestFirst?: boolean;
}

/** Proposals, newest first by default. */
export async function listProposals(
  client: ApiClient,
  options: ListProposalsOptions = {},
): Promise<ApiPage<ApiProposalSummary>> {
  const data = await run(
    client,
    D.PROPOSALS,
    {
      input: {
        filters: options.proposer ? { proposer: options.proposer } : {},
        page: page(options),
        sort: { sortBy: "id", isDescending: options.newestFirst ?? true },
      },
    },
    z.object({ proposals: z.object({ nodes: z.array(proposalSummary), pageInfo }) }),
  );
  return { nodes: data.proposals.nodes, ...data.proposals.pageInfo };
}

const proposalDetail = z
  .object({
    metadata: z.object({ description: z.string(), previousEnd: z.number().nullable() }),
    executableCalls: z
      .array(
        z.object({
          index: z.number(),
          target: address,
          value: uint,
          calldata: z.string(),
          signature: z.string().nullable(),
          decodedArgs: z.record(z.string(), z.unknown()).nullable(),
        }),
      )
      .nullable(),
    events: z.array(
      z.object({
        type: z.string(),
        createdAt: time,
        txHash: z.string().nullable(),
        block: z.object({ number: z.number() }).nullable(),
      }),
    ),
    canceledBy: z.object({ address }).nullable(),
  })
  .passthrough();

export interface ApiProposal extends ApiProposalSummary {
  description: string;
  /** Original deadline when late quorum extended the vote. */
  previousEnd: number | null;
  calls: {
    index: number;
    target: string;
    value: bigint;
    calldata: string;
    signature: string | null;
    args: Record<string, unknown> | null;
  }[];
  /** State transitions in time order; the last is the current state. */
  events: { type: string; at: number; txHash: string | null; block: number | null }[];
  canceledBy: string | null;
}

/** One proposal with its calls and history. Throws ApiError NOT_FOUND for an unknown id. */
export async function getProposal(client: ApiClient, id: bigint | number | string): Promise<ApiProposal> {
  const data = await run(client, D.PROPOSAL, { input: { id: String(id) } }, z.object({ proposal: z.unknown() }));
  const summary = proposalSummary.parse(data.proposal);
  const d = proposalDetail.parse(data.proposal);
  return {
    ...summary,
    description: d.metadata.description,
    previousEnd: d.metadata.previousEnd,
    calls: (d.executableCalls ?? []).map((c) => ({
      index: c.index,
      target: c.target,
      value: c.value,
      calldata: c.calldata,
      signature: c.signature,
      args: c.decodedArgs,
    })),
    events: d.events.map((e) => ({ type: e.type, at: e.createdAt, txHash: e.txHash, block: e.block?.number ?? null })),
    canceledBy: d.canceledBy?.address ?? null,
  };
}

// ---------------------------------------------------------------------- votes and delegates

const vote = z
  .object({
    id: z.string(),
    type: z.enum(["for", "against", "abstain"]),
    amount: uint,
    reason: z.string().nullable(),
    txHash: z.string(),
    voter: z.object({ address }),
    block: z.object({ number: z.number(), timestamp: time }),
    proposal: z.object({ id: z.string() }),
  })
  .transform((v) => ({
    id: v.id,
    proposalId: BigInt(v.proposal.id),
    voter: v.voter.address,
    support: v.type,
    weight: v.amount,
    reason: v.reason ?? "",
    block: v.block.number,
    at: v.block.timestamp,
    txHash: v.txHash,
  }));
export type ApiVote = z.output<typeof vote>;

export interface ListVotesOptions extends PageOptions {
  proposalId?: bigint | number | string;
  voter?: string;
  support?: "for" | "against" | "abstain";
  /** "id" = cast order (default), "amount" = weight. */
  sortBy?: "id" | "amount";
  descending?: boolean;
}

/** Votes on a proposal and/or by a voter (at least one of the two). */
export async function listVotes(client: ApiClient, options: ListVotesOptions): Promise<ApiPage<ApiVote>> {
  if (options.proposalId === undefined && !options.voter) throw new InputError("listVotes needs proposalId or voter");
  const data = await run(
    client,
    D.VOTES,
    {
      input: {
        filters: {
          proposalId: options.proposalId === undefined ? undefined : String(options.proposalId),
          voter: options.voter,
          type: options.support,
        },
        page: page(options),
        sort: { sortBy: options.sortBy ?? "id", isDescending: options.descending ?? true },
      },
    },
    z.object({ votes: z.object({ nodes: z.array(vote), pageInfo }) }),
  );
  return { nodes: data.votes.nodes, ...data.votes.pageInfo };
}

const delegate = z
  .object({
    id: z.string(),
    votesCount: uint,
    delegatorsCount: z.number(),
    account: z.object({ address, name: z.string(), type: z.enum(["EOA", "SAFE"]) }),
  })
  .transform((d) => ({
    address: d.account.address,
    name: d.account.name,
    isSafe: d.account.type === "SAFE",
    votes: d.votesCount,
    delegators: d.delegatorsCount,
  }));
export type ApiDelegate = z.output<typeof delegate>;

export interface ListDelegatesOptions extends PageOptions {
  /** "votes" (default), "delegators" or "id" (first appearance). */
  sortBy?: "votes" | "delegators" | "id";
  descending?: boolean;
  /** Only delegates that hold votes now. */
  hasVotes?: boolean;
  address?: string;
}

/** Delegates, by voting power by default. */
export async function listDelegates(
  client: ApiClient,
  options: ListDelegatesOptions = {},
): Promise<ApiPage<ApiDelegate>> {
  const data = await run(
    client,
    D.DELEGATES,
    {
      input: {
        filters: { hasVotes: options.hasVotes, address: options.address },
        page: page(options),
        sort: { sortBy: options.sortBy ?? "votes", isDescending: options.descending ?? true },
      },
    },
    z.object({ delegates: z.object({ nodes: z.array(delegate), pageInfo }) }),
  );
  return { nodes: data.delegates.nodes, ...data.delegates.pageInfo };
}

// ---------------------------------------------------------------------- governor and accounts

const governor = z
  .object({
    id: z.string(),
    chainId: z.string(),
    name: z.string(),
    quorum: uint,
    timelockId: z.string().nullable(),
    isBehind: z.boolean(),
    lastIndexedBlock: z.object({ number: z.number(), timestamp: time }),
    token: z.object({ id: z.string(), symbol: z.string(), decimals: z.number(), supply: uint }),
    parameters: z.object({
      votingDelay: uint.nullable(),
      votingPeriod: uint.nullable(),
      proposalThreshold: uint.nullable(),
      quorumNumerator: uint.nullable(),
      quorumDenominator: uint.nullable(),
      lateQuorumVoteExtension: uint.nullable(),
      timelockMinDelay: uint.nullable(),
      proposalGuardian: address.nullable(),
    }),
    proposalStats: z.object({ total: z.number(), active: z.number(), failed: z.number(), passed: z.number() }),
    delegatesCount: z.number(),
    delegatesVotesCount: uint,
    tokenOwnersCount: z.number(),
  })
  .transform((g) => ({
    /** CAIP-10 id, for `governorId` arguments. */
    id: g.id,
    address: g.id.split(":")[2],
    chainId: Number(g.chainId.split(":")[1]),
    name: g.name,
    quorum: g.quorum,
    timelock: g.timelockId?.split(":")[2] ?? null,
    isBehind: g.isBehind,
    lastIndexedBlock: g.lastIndexedBlock.number,
    lastIndexedAt: g.lastIndexedBlock.timestamp,
    token: {
      address: g.token.id.split(":").pop()!,
      symbol: g.token.symbol,
      decimals: g.token.decimals,
      supply: g.token.supply,
    },
    settings: g.parameters,
    proposalStats: g.proposalStats,
    delegatesCount: g.delegatesCount,
    delegatedVotes: g.delegatesVotesCount,
    tokenOwnersCount: g.tokenOwnersCount,
  }));
export type ApiGovernor = z.output<typeof governor>;

/** The Governor: settings, quorum, token, counts and how far the indexer got. */
export async function getGovernor(client: ApiClient): Promise<ApiGovernor> {
  const data = await run(client, D.GOVERNOR, { input: { slug: "stab3l" } }, z.object({ governor }));
  return data.governor;
}

const accountSchema = z
  .object({ address, name: z.string(), type: z.enum(["EOA", "SAFE"]), votes: uint })
  .transform((a) => ({ address: a.address, name: a.name, isSafe: a.type === "SAFE", votes: a.votes }));
export type ApiAccount = z.output<typeof accountSchema>;

/** Accounts by address, with their current votes in `governorId` (ApiGovernor.id). */
export async function getAccounts(client: ApiClient, governorId: string, addresses: string[]): Promise<ApiAccount[]> {
  const data = await run(client, D.ACCOUNTS, { governorId, addresses }, z.object({ accounts: z.array(accountSchema) }));
  return data.accounts;
}

// ---------------------------------------------------------------------- protocol

const parameter = z
  .object({
    key: z.string(),
    keyHex: z.string(),
    domain: z.string().nullable(),
    description: z.string().nullable(),
    unit: z.string(),
    value: uint,
    min: uint,
    max: uint,
    stepKind: z.string(),
    maxStep: uint,
    cooldown: z.number(),
    updatedAt: z.number(),
    pending: z.object({ value: uint, effectiveAt: z.number() }).nullable(),
  })
  .transform((p) => ({ ...p }));
export type ApiParameter = z.output<typeof parameter>;

/** Every ParameterStore parameter (or those of one catalog domain). */
export async function listParameters(
  client: ApiClient,
  options: { domain?: string; keys?: string[] } = {},
): Promise<ApiParameter[]> {
  const data = await run(client, D.PARAMETERS, { input: options }, z.object({ parameters: z.array(parameter) }));
  return data.parameters;
}

const parameterChange = z
  .object({
    id: z.string(),
    key: z.string(),
    kind: z.enum(["REGISTERED", "SET", "SCHEDULE_CANCELLED", "BOUNDS_SET", "RULES_SET"]),
    oldValue: uint.nullable(),
    newValue: uint.nullable(),
    effectiveAt: z.number().nullable(),
    cancelled: z.boolean(),
    details: z.record(z.string(), z.unknown()).nullable(),
    txHash: z.string(),
    block: z.object({ number: z.number(), timestamp: time }),
  })
  .transform((c) => ({
    id: c.id,
    key: c.key,
    kind: c.kind,
    oldValue: c.oldValue,
    newValue: c.newValue,
    effectiveAt: c.effectiveAt,
    cancelled: c.cancelled,
    details: c.details,
    block: c.block.number,
    at: c.block.timestamp,
    txHash: c.txHash,
  }));
export type ApiParameterChange = z.output<typeof parameterChange>;

/** The history of one parameter (catalog name or bytes32 key), newest first. */
export async function getParameterHistory(
  client: ApiClient,
  key: string,
  options: PageOptions = {},
): Promise<ApiPage<ApiParameterChange>> {
  const data = await run(
    client,
    D.PARAMETER_HISTORY,
    { key, page: page(options) },
    z.object({ parameterHistory: z.object({ nodes: z.array(parameterChange), pageInfo }) }),
  );
  return { nodes: data.parameterHistory.nodes, ...data.parameterHistory.pageInfo };
}

const pause = z
  .object({
    target: address,
    targetName: z.string().nullable(),
    selector: z.string(),
    functionName: z.string().nullable(),
    status: z.enum(["ACTIVE", "CONFIRMED", "EXPIRED", "LIFTED"]),
    pausedUntil: uint,
    reason: z.string().nullable(),
    guardian: z.object({ address }).nullable(),
  })
  .transform((p) => ({ ...p, guardian: p.guardian?.address ?? null }));
export type ApiPause = z.output<typeof pause>;

/** Pauses known to the authority; `activeOnly` keeps those blocking calls now. */
export async function listPauses(
  client: ApiClient,
  options: { activeOnly?: boolean; target?: string } = {},
): Promise<ApiPause[]> {
  const data = await run(client, D.PAUSES, options, z.object({ pauses: z.array(pause) }));
  return data.pauses;
}

const guardianAction = z
  .object({
    id: z.string(),
    kind: z.enum(["PAUSE", "CANCEL_PROPOSAL"]),
    target: address.nullable(),
    targetName: z.string().nullable(),
    selector: z.string().nullable(),
    functionName: z.string().nullable(),
    pausedUntil: uint.nullable(),
    reason: z.string().nullable(),
    txHash: z.string(),
    guardian: z.object({ address }),
    proposal: z.object({ id: z.string() }).nullable(),
    block: z.object({ number: z.number(), timestamp: time }),
  })
  .transform((a) => ({
    id: a.id,
    kind: a.kind,
    guardian: a.guardian.address,
    target: a.target,
    targetName: a.targetName,
    selector: a.selector,
    functionName: a.functionName,
    pausedUntil: a.pausedUntil,
    reason: a.reason,
    proposalId: a.proposal ? BigInt(a.proposal.id) : null,
    block: a.block.number,
    at: a.block.timestamp,
    txHash: a.txHash,
  }));
export type ApiGuardianAction = z.output<typeof guardianAction>;

/** What the guardians did, newest first. */
export async function listGuardianActions(
  client: ApiClient,
  options: PageOptions = {},
): Promise<ApiPage<ApiGuardianAction>> {
  const data = await run(
    client,
    D.GUARDIAN_ACTIONS,
    { page: page(options) },
    z.object({ guardianActions: z.object({ nodes: z.array(guardianAction), pageInfo }) }),
  );
  return { nodes: data.guardianActions.nodes, ...data.guardianActions.pageInfo };
}

const indexerStatus = z.object({
  status: z.enum(["starting", "ok", "behind", "down", "halted", "stopped"]),
  chainId: z.string().transform((s) => Number(s.split(":")[1])),
  startBlock: z.number(),
  confirmations: z.number(),
  indexedBlock: z.number(),
  indexedTime: time.nullable(),
  headBlock: z.number().nullable(),
  lagBlocks: z.number().nullable(),
  lagSeconds: z.number().nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number(),
  retryInMs: z.number().nullable(),
});
export type ApiIndexerStatus = z.output<typeof indexerStatus>;

/** The indexer's health and lag. */
export async function getIndexerStatus(client: ApiClient): Promise<ApiIndexerStatus> {
  const data = await run(client, D.INDEXER_STATUS, {}, z.object({ indexerStatus }));
  return data.indexerStatus;
}
