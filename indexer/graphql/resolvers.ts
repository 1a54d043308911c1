/**
 * Resolvers. Objects are built from rows with Tally's field names; fields that cost a query are functions,
 * which GraphQL's default resolver calls only when a client selects them.
 */
import { PARAMETERS, STEP_KINDS, UNITS } from "../../governance/catalog/index.js";
import type {
  DelegateRow,
  EventRow,
  GovernorState,
  GuardianActionRow,
  ParameterChangeRow,
  ParameterRow,
  PauseRow,
  ProposalRow,
  SafeTransactionRow,
  VoteRow,
} from "../db/reader.js";
import { accountId, assetId, blockId, chainIdString, checksum, dbAddress, isoTime, parseAccountId } from "../ids.js";
import type { ApiEnv } from "./env.js";
import { badInput, encodeCursor, notFound, pageOf, pageQuery, type PageInput } from "./pagination.js";
import { scalarResolvers } from "./scalars.js";

const SLUG = "stab3l";
const ORGANIZATION_ID = "1";
const VOTE_TYPES = ["against", "for", "abstain"] as const;
const CONFIRMED = (2n ** 64n - 1n).toString();
const MAX_ACCOUNTS = 100;
const VOTE_CHANGES = 100;

const TALLY_STATUS: Record<GovernorState, string> = {
  Pending: "pending",
  Active: "active",
  Canceled: "canceled",
  Defeated: "defeated",
  Succeeded: "succeeded",
  Queued: "queued",
  Expired: "expired",
  Executed: "executed",
};

type Obj = Record<string, unknown>;
interface AccountSource {
  __typename: "Account";
  /** Lower-case address. */
  a: string;
}
interface ProposalSource {
  __typename: "Proposal";
  p: ProposalRow;
}
interface VoteSource {
  __typename: "Vote";
  v: VoteRow;
}
interface DelegateSource {
  __typename: "Delegate";
  d: DelegateRow;
}

interface SortInput {
  isDescending: boolean;
  sortBy: string;
}

export function createResolvers() {
  // ------------------------------------------------------------------ object builders

  const block = (env: ApiEnv, number: number, time: number): Obj => ({
    __typename: "Block",
    id: blockId(env.chainId, number),
    number,
    timestamp: time,
    ts: time,
  });

  const lastIndexedBlock = (env: ApiEnv): Obj => {
    const c = env.reader.cursor();
    return block(env, Math.max(c.block, 0), c.time ?? 0);
  };

  const checkGovernorId = (env: ApiEnv, id: string | null | undefined) => {
    if (!id) return;
    if (id !== accountId(env.chainId, env.deployment.contracts.STAB3LGovernor)) {
      throw notFound(`unknown governor ${id}: this API serves ${governorId(env)}`);
    }
  };
  const checkOrganizationId = (id: string | null | undefined) => {
    if (id && id !== ORGANIZATION_ID) throw notFound(`unknown organization ${id}: this API serves organization 1`);
  };
  const governorId = (env: ApiEnv) => accountId(env.chainId, env.deployment.contracts.STAB3LGovernor);
  const tokenId = (env: ApiEnv) => assetId(env.chainId, env.deployment.contracts.RSTBToken);
  const indexing = (env: ApiEnv) => ["starting", "ok", "behind", "down"].includes(env.status().status);
  const behind = (env: ApiEnv) => env.status().status !== "ok";

  // Hot list types (Account, Proposal, Vote, Delegate) are thin sources resolved by type-level field resolvers
  // (see the end of this file): no closures per object.
  const account = (_env: ApiEnv, address: string): AccountSource => ({ __typename: "Account", a: dbAddress(address) });

  const token = (env: ApiEnv): Obj => ({
    __typename: "Token",
    id: tokenId(env),
    name: env.reader.meta("token_name") ?? "",
    symbol: env.reader.meta("token_symbol") ?? "",
    decimals: Number(env.reader.meta("token_decimals") ?? 18),
    supply: () => env.reader.supplyAt(env.reader.now()).toString(),
    type: "ERC20",
    isBehind: () => behind(env),
    isIndexing: () => indexing(env),
    lastIndexedBlock: () => lastIndexedBlock(env),
  });

  const organization = (env: ApiEnv): Obj => ({
    __typename: "Organization",
    id: ORGANIZATION_ID,
    slug: SLUG,
    name: "STAB3L",
    chainIds: [chainIdString(env.chainId)],
    governorIds: [governorId(env)],
    tokenIds: [tokenId(env)],
    proposalsCount: () => env.reader.count("proposals", [], []),
    delegatesCount: () => env.reader.activeDelegatesCount(),
    delegatesVotesCount: () => env.reader.delegatedVotes().toString(),
    tokenOwnersCount: () => env.reader.holdersCount(),
    hasActiveProposals: () => {
      const now = env.reader.now();
      return env.reader.allProposals().some((p) => env.reader.proposalState(p, now) === "Active");
    },
    metadata: { description: "STAB3L: governance of tokenised compute", color: null, icon: null },
  });

  const governor = (env: ApiEnv): Obj => {
    const c = env.deployment.contracts;
    const timelock = () => env.reader.settingNow("timelock") ?? dbAddress(c.TimelockController);
    return {
      __typename: "Governor",
      id: governorId(env),
      chainId: chainIdString(env.chainId),
      name: env.reader.meta("governor_name") ?? "STAB3L Governor",
      slug: SLUG,
      type: "openzeppelingovernor",
      kind: "single",
      isPrimary: true,
      isIndexing: () => indexing(env),
      isBehind: () => behind(env),
      lastIndexedBlock: () => lastIndexedBlock(env),
      quorum: () => env.reader.quorumAt(env.reader.now()).toString(),
      timelockId: () => accountId(env.chainId, timelock()),
      tokenId: tokenId(env),
      token: () => token(env),
      proposalStats: () => {
        const now = env.reader.now();
        const states = env.reader.allProposals().map((p) => env.reader.proposalState(p, now));
        return {
          total: states.length,
          active: states.filter((s) => s === "Active").length,
          failed: states.filter((s) => s === "Defeated").length,
          passed: states.filter((s) => s === "Succeeded" || s === "Queued" || s === "Executed").length,
        };
      },
      parameters: () => {
        const s = (name: string) => env.reader.settingNow(name) ?? null;
        return {
          clockMode: env.reader.meta("clock_mode") ?? null,
          proposalThreshold: s("proposalThreshold"),
          quorumDenominator: env.reader.quorumDenominator().toString(),
          quorumNumerator: s("quorumNumerator"),
          quorumVotes: env.reader.quorumAt(env.reader.now()).toString(),
          votingDelay: s("votingDelay"),
          votingPeriod: s("votingPeriod"),
          lateQuorumVoteExtension: s("lateQuorumVoteExtension"),
          timelockMinDelay: s("timelockMinDelay"),
          proposalGuardian: s("proposalGuardian") ? checksum(s("proposalGuardian")!) : null,
        };
      },
      delegatesCount: () => env.reader.activeDelegatesCount(),
      delegatesVotesCount: () => env.reader.delegatedVotes().toString(),
      tokenOwnersCount: () => env.reader.holdersCount(),
      contracts: () => {
        const last = Math.max(env.reader.cursor().block, 0);
        return {
          governor: { address: checksum(c.STAB3LGovernor), lastBlock: last, type: "openzeppelingovernor" },
          tokens: [{ address: checksum(c.RSTBToken), lastBlock: last, type: "ERC20" }],
        };
      },
      organization: () => organization(env),
      metadata: { description: "The rSTB Governor: every protocol parameter is governed through it." },
    };
  };

  const proposalEvents = (env: ApiEnv, p: ProposalRow, state: GovernorState): Obj[] => {
    const chainId = chainIdString(env.chainId);
    const events: { order: number; obj: Obj }[] = [];
    const onchain = (type: string, blockNumber: number | null, time: number | null, tx: string | null) => {
      if (blockNumber === null || time === null) return;
      events.push({
        order: time,
        obj: { type, block: block(env, blockNumber, time), chainId, createdAt: time, txHash: tx },
      });
    };
    const timed = (type: string, time: number) =>
      events.push({ order: time, obj: { type, block: null, chainId, createdAt: time, txHash: null } });
    onchain("created", p.created_block, p.created_time, p.created_tx);
    const now = env.reader.now();
    const deadline = p.extended_deadline ?? p.vote_end;
    const canceledAt = p.canceled_time ?? Infinity;
    if (now > p.vote_start && canceledAt > p.vote_start) timed("activated", p.vote_start);
    onchain("extended", p.extended_block, p.extended_time, p.extended_tx);
    if (now > deadline && canceledAt > deadline) {
      const defeated = state === "Defeated";
      timed(defeated ? "defeated" : "succeeded", deadline);
    }
    onchain("queued", p.queued_block, p.queued_time, p.queued_tx);
    onchain("executed", p.executed_block, p.executed_time, p.executed_tx);
    onchain("canceled", p.canceled_block, p.canceled_time, p.canceled_tx);
    return events.sort((a, b) => a.order - b.order).map((e) => e.obj);
  };

  const proposal = (_env: ApiEnv, p: ProposalRow): ProposalSource => ({ __typename: "Proposal", p });
  const vote = (_env: ApiEnv, v: VoteRow): VoteSource => ({ __typename: "Vote", v });
  const delegate = (_env: ApiEnv, d: DelegateRow): DelegateSource => ({ __typename: "Delegate", d });

  const parameter = (env: ApiEnv, p: ParameterRow): Obj => {
    const catalog = PARAMETERS.find((c) => c.key === p.name);
    const now = env.reader.now();
    const sets = env.reader.parameterSets(p.key);
    const inForce = [...sets].reverse().find((s) => (s.effective_at ?? 0) <= now);
    const pending = sets.find((s) => (s.effective_at ?? 0) > now);
    return {
      key: p.name,
      keyHex: p.key,
      domain: catalog?.domain ?? null,
      description: catalog?.description ?? null,
      unit: UNITS[p.unit] ?? String(p.unit),
      value: inForce?.new_value ?? "0",
      min: p.min,
      max: p.max,
      stepKind: STEP_KINDS[p.step_kind] ?? String(p.step_kind),
      maxStep: p.max_step,
      cooldown: p.cooldown,
      updatedAt: inForce?.effective_at ?? p.registered_time,
      pending: pending
        ? { value: pending.new_value, effectiveAt: pending.effective_at, txHash: pending.tx_hash }
        : null,
      registeredAt: block(env, p.registered_block, p.registered_time),
    };
  };

  const parameterChange = (env: ApiEnv, c: ParameterChangeRow, name: string): Obj => ({
    id: String(c.id),
    key: name,
    kind: c.kind,
    oldValue: c.old_value,
    newValue: c.new_value,
    effectiveAt: c.effective_at,
    cancelled: c.cancelled_id !== null,
    details: c.details ? JSON.parse(c.details) : null,
    block: block(env, c.block_number, c.block_time),
    txHash: c.tx_hash,
  });

  const pauseStatus = (p: { paused_until: string; confirmed: number }, now: number) => {
    if (p.confirmed || p.paused_until === CONFIRMED) return "CONFIRMED";
    if (p.paused_until === "0") return "LIFTED";
    return BigInt(p.paused_until) > BigInt(now) ? "ACTIVE" : "EXPIRED";
  };

  const pause = (env: ApiEnv, p: PauseRow, now: number): Obj => ({
    target: checksum(p.target),
    targetName: env.label(p.target) ?? null,
    selector: p.selector,
    functionName: p.selector === "0x00000000" ? null : (env.functionName(p.target, p.selector) ?? null),
    status: pauseStatus(p, now),
    pausedUntil: p.paused_until,
    guardian: p.guardian ? account(env, p.guardian) : null,
    reason: p.reason,
    history: () =>
      env.reader.pauseHistory(p.target, p.selector).map((e) => ({
        kind: e.kind,
        pausedUntil: e.paused_until,
        block: block(env, e.block_number, e.block_time),
        txHash: e.tx_hash,
      })),
  });

  const guardianAction = (env: ApiEnv, a: GuardianActionRow): Obj => ({
    id: String(a.id),
    kind: a.kind,
    guardian: account(env, a.guardian),
    target: a.target ? checksum(a.target) : null,
    targetName: a.target ? (env.label(a.target) ?? null) : null,
    selector: a.selector,
    functionName:
      a.target && a.selector && a.selector !== "0x00000000" ? (env.functionName(a.target, a.selector) ?? null) : null,
    pausedUntil: a.paused_until,
    reason: a.reason,
    proposal: () => {
      if (a.proposal_seq === null) return null;
      const p = env.reader.proposalBySeq(a.proposal_seq);
      return p ? proposal(env, p) : null;
    },
    block: block(env, a.block_number, a.block_time),
    txHash: a.tx_hash,
  });

  const contractEvent = (env: ApiEnv, e: EventRow): Obj => ({
    id: String(e.id),
    contract: e.contract,
    address: checksum(e.address),
    name: e.name,
    args: JSON.parse(e.args),
    block: block(env, e.block_number, e.block_time),
    txHash: e.tx_hash,
    logIndex: e.log_index,
  });

  const safeTransaction = (env: ApiEnv, t: SafeTransactionRow): Obj => ({
    id: String(t.id),
    safe: account(env, t.safe),
    to: checksum(t.to_address),
    value: t.value,
    data: t.data,
    operation: t.operation,
    success: t.success === null ? null : t.success === 1,
    safeTxHash: t.safe_tx_hash,
    block: block(env, t.block_number, t.block_time),
    txHash: t.tx_hash,
  });

  // ------------------------------------------------------------------ helpers

  const sortOf = (sort: SortInput | null | undefined, fallback: string) => ({
    by: sort?.sortBy ?? fallback,
    descending: sort?.isDescending ?? true,
  });

  const resolveProposal = (env: ApiEnv, input: { id?: string | null; onchainId?: string | null }) => {
    const id = input.id ?? input.onchainId;
    if (!id) throw badInput("give proposal input id or onchainId");
    if (input.id && input.onchainId && input.id !== input.onchainId) {
      throw badInput("id and onchainId name different proposals (here a proposal's id is its onchain id)");
    }
    const p = env.reader.proposalByOnchainId(id);
    if (!p) throw notFound(`no proposal ${id}`);
    return p;
  };

  const parameterRow = (env: ApiEnv, key: string): ParameterRow => {
    const p = env.reader.parameter(/^0x/i.test(key) ? key.toLowerCase() : key);
    if (!p) throw notFound(`no parameter ${key}`);
    return p;
  };

  const proposalsPage = (env: ApiEnv, input: { filters: Obj; page?: PageInput; sort?: SortInput }) => {
    const f = input.filters as { governorId?: string; organizationId?: string; proposer?: string; isDraft?: boolean };
    checkGovernorId(env, f.governorId);
    checkOrganizationId(f.organizationId);
    const sort = sortOf(input.sort, "id");
    const q = pageQuery(input.page, "proposals", sort.by, 1, sort.descending);
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.proposer) {
      where.push("proposer = ?");
      params.push(dbAddress(f.proposer));
    }
    if (f.isDraft) where.push("0");
    const rows = env.reader.page<ProposalRow>("proposals", where, params, ["seq"], q);
    return pageOf(
      rows,
      (r) => proposal(env, r),
      (r) => encodeCursor("proposals", sort.by, [r.seq]),
      () => env.reader.count("proposals", where, params),
    );
  };

  const DELEGATE_KEYS: Record<string, string[]> = {
    id: ["seq"],
    votes: ["votes_key", "seq"],
    prioritized: ["votes_key", "seq"],
    delegators: ["delegators", "seq"],
  };

  const delegatesPage = (env: ApiEnv, input: { filters: Obj; page?: PageInput; sort?: SortInput }) => {
    const f = input.filters as {
      address?: string;
      governorId?: string;
      organizationId?: string;
      hasVotes?: boolean;
      hasDelegators?: boolean;
      isSeekingDelegation?: boolean;
    };
    checkGovernorId(env, f.governorId);
    checkOrganizationId(f.organizationId);
    const sort = sortOf(input.sort, "id");
    const keys = DELEGATE_KEYS[sort.by];
    const q = pageQuery(input.page, "delegates", sort.by, keys.length, sort.descending);
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.address) {
      where.push("address = ?");
      params.push(dbAddress(f.address));
    }
    if (f.hasVotes === true) where.push("votes != '0'");
    if (f.hasVotes === false) where.push("votes = '0'");
    if (f.hasDelegators === true) where.push("delegators > 0");
    if (f.hasDelegators === false) where.push("delegators = 0");
    if (f.isSeekingDelegation) where.push("0"); // no delegate statements on chain
    const rows = env.reader.page<DelegateRow>("delegates", where, params, keys, q);
    return pageOf(
      rows,
      (r) => delegate(env, r),
      (r) =>
        encodeCursor(
          "delegates",
          sort.by,
          keys.map((k) => (r as unknown as Obj)[k]),
        ),
      () => env.reader.count("delegates", where, params),
    );
  };

  const votesPage = (env: ApiEnv, input: { filters: Obj; page?: PageInput; sort?: SortInput }) => {
    const f = input.filters as { proposalId?: string; voter?: string; type?: string };
    if (!f.proposalId && !f.voter) throw badInput("votes filters need proposalId or voter");
    const sort = sortOf(input.sort, "id");
    const keys = sort.by === "amount" ? ["weight_key", "id"] : ["id"];
    const q = pageQuery(input.page, "votes", sort.by, keys.length, sort.descending);
    const where: string[] = [];
    const params: unknown[] = [];
    let tally: ProposalRow | undefined;
    if (f.proposalId) {
      tally = env.reader.proposalByOnchainId(f.proposalId);
      if (!tally) throw notFound(`no proposal ${f.proposalId}`);
      where.push("proposal_seq = ?");
      params.push(tally.seq);
    }
    if (f.voter) {
      where.push("voter = ?");
      params.push(dbAddress(f.voter));
    }
    if (f.type) {
      where.push("support = ?");
      params.push(VOTE_TYPES.indexOf(f.type as (typeof VOTE_TYPES)[number]));
    }
    const rows = env.reader.page<VoteRow>("votes", where, params, keys, q);
    // With only a proposal filter, the count is the proposal's voter tally (no scan of its votes).
    const count = () => {
      if (tally && !f.voter) {
        if (!f.type) return tally.for_voters + tally.against_voters + tally.abstain_voters;
        return tally[`${f.type}_voters` as "for_voters"];
      }
      return env.reader.count("votes", where, params);
    };
    return pageOf(
      rows,
      (r) => vote(env, r),
      (r) =>
        encodeCursor(
          "votes",
          sort.by,
          keys.map((k) => (r as unknown as Obj)[k]),
        ),
      count,
    );
  };

  const simplePage = <R extends { id: number }>(
    env: ApiEnv,
    list: string,
    from: string,
    where: string[],
    params: unknown[],
    page: PageInput | undefined,
    toNode: (r: R) => Obj,
  ) => {
    const q = pageQuery(page, list, "id", 1, true);
    const rows = env.reader.page<R>(from, where, params, ["id"], q);
    return pageOf(
      rows,
      toNode,
      (r) => encodeCursor(list, "id", [r.id]),
      () => env.reader.count(from, where, params),
    );
  };

  // ------------------------------------------------------------------ resolvers

  type Input<T = Obj> = { input: T };

  type Addr = { address: string };
  const status = (p: ProposalRow, env: ApiEnv) => {
    const s = env.reader.proposalState(p);
    return s === "Active" && p.extended_deadline !== null ? "extended" : TALLY_STATUS[s];
  };

  return {
    ...scalarResolvers,
    Account: {
      id: (s: AccountSource, _: unknown, env: ApiEnv) => accountId(env.chainId, s.a),
      address: (s: AccountSource) => checksum(s.a),
      ens: () => null,
      name: (s: AccountSource, _: unknown, env: ApiEnv) => env.label(s.a) ?? "",
      bio: () => "",
      picture: () => null,
      twitter: () => null,
      type: (s: AccountSource, _: unknown, env: ApiEnv) => (env.reader.safe(s.a) ? "SAFE" : "EOA"),
      safes: () => null,
      votes: (s: AccountSource, { governorId: id }: { governorId: string }, env: ApiEnv) => {
        checkGovernorId(env, id);
        return env.reader.delegate(s.a)?.votes ?? "0";
      },
      proposalsCreatedCount: (
        s: AccountSource,
        { input }: { input: { governorId?: string; organizationId?: string } },
        env: ApiEnv,
      ) => {
        checkGovernorId(env, input?.governorId);
        checkOrganizationId(input?.organizationId);
        return env.reader.proposalsCreatedBy(s.a);
      },
    },
    Proposal: {
      id: ({ p }: ProposalSource) => p.onchain_id,
      onchainId: ({ p }: ProposalSource) => p.onchain_id,
      chainId: (_: ProposalSource, __: unknown, env: ApiEnv) => chainIdString(env.chainId),
      createdAt: ({ p }: ProposalSource) => p.created_time,
      block: ({ p }: ProposalSource, _: unknown, env: ApiEnv) => block(env, p.created_block, p.created_time),
      creator: ({ p }: ProposalSource, _: unknown, env: ApiEnv) => account(env, p.proposer),
      proposer: ({ p }: ProposalSource, _: unknown, env: ApiEnv) => account(env, p.proposer),
      start: ({ p }: ProposalSource) => ({ __typename: "BlocklessTimestamp", timestamp: p.vote_start }),
      end: ({ p }: ProposalSource) => ({
        __typename: "BlocklessTimestamp",
        timestamp: p.extended_deadline ?? p.vote_end,
      }),
      events: ({ p }: ProposalSource, _: unknown, env: ApiEnv) => proposalEvents(env, p, env.reader.proposalState(p)),
      executableCalls: ({ p }: ProposalSource, _: unknown, env: ApiEnv) => {
        const targets = JSON.parse(p.targets) as string[];
        const values = JSON.parse(p.values) as string[];
        const calldatas = JSON.parse(p.calldatas) as string[];
        const signatures = JSON.parse(p.signatures) as string[];
        return targets.map((target, index) => {
          const decoded = env.decodeCall(target, calldatas[index]);
          return {
            calldata: calldatas[index],
            chainId: chainIdString(env.chainId),
            index,
            signature: decoded?.signature ?? (signatures[index] || null),
            target: checksum(target),
            type: calldatas[index] === "0x" ? (values[index] === "0" ? "empty" : "nativetransfer") : "custom",
            value: values[index],
            decodedArgs: decoded?.args ?? null,
          };
        });
      },
      governor: (_: ProposalSource, __: unknown, env: ApiEnv) => governor(env),
      organization: (_: ProposalSource, __: unknown, env: ApiEnv) => organization(env),
      metadata: ({ p }: ProposalSource, _: unknown, env: ApiEnv) => ({
        title: p.title,
        description: p.description,
        eta: p.eta,
        ipfsHash: null,
        previousEnd: p.extended_deadline === null ? null : p.vote_end,
        snapshotURL: null,
        discourseURL: null,
        timelockId: () =>
          accountId(env.chainId, env.reader.settingNow("timelock") ?? env.deployment.contracts.TimelockController),
        txHash: p.created_tx,
      }),
      quorum: ({ p }: ProposalSource, _: unknown, env: ApiEnv) => env.reader.proposalQuorum(p).toString(),
      status: ({ p }: ProposalSource, _: unknown, env: ApiEnv) => status(p, env),
      voteStats: ({ p }: ProposalSource) => {
        const tallies: [string, bigint, number][] = [
          ["for", BigInt(p.for_votes), p.for_voters],
          ["against", BigInt(p.against_votes), p.against_voters],
          ["abstain", BigInt(p.abstain_votes), p.abstain_voters],
        ];
        const total = tallies[0][1] + tallies[1][1] + tallies[2][1];
        return tallies.map(([type, votes, voters]) => ({
          type,
          votesCount: votes.toString(),
          votersCount: voters,
          percent: total === 0n ? 0 : Number((votes * 1_000_000n) / total) / 10_000,
        }));
      },
      delegateVotesCount: ({ p }: ProposalSource, { address }: Addr, env: ApiEnv) =>
        env.reader.votesAt(dbAddress(address), Math.min(p.vote_start, env.reader.now())).toString(),
      participationType: ({ p }: ProposalSource, { address }: Addr, env: ApiEnv) => {
        const v = env.reader.vote(p.seq, dbAddress(address));
        if (v) return `voted${VOTE_TYPES[v.support] ?? "for"}`;
        if (p.vote_start >= env.reader.now()) return "unknown";
        return env.reader.votesAt(dbAddress(address), p.vote_start) > 0n ? "notvoted" : "notdelegate";
      },
      canceledBy: ({ p }: ProposalSource, _: unknown, env: ApiEnv) =>
        p.canceled_by ? account(env, p.canceled_by) : null,
    },
    Vote: {
      id: ({ v }: VoteSource) => String(v.id),
      amount: ({ v }: VoteSource) => v.weight,
      block: ({ v }: VoteSource, _: unknown, env: ApiEnv) => block(env, v.block_number, v.block_time),
      chainId: (_: VoteSource, __: unknown, env: ApiEnv) => chainIdString(env.chainId),
      proposal: ({ v }: VoteSource, _: unknown, env: ApiEnv) =>
        proposal(env, env.reader.proposalBySeq(v.proposal_seq)!),
      reason: ({ v }: VoteSource) => v.reason,
      txHash: ({ v }: VoteSource) => v.tx_hash,
      type: ({ v }: VoteSource) => VOTE_TYPES[v.support] ?? "for",
      voter: ({ v }: VoteSource, _: unknown, env: ApiEnv) => account(env, v.voter),
      isBridged: () => false,
      params: ({ v }: VoteSource) => v.params,
    },
    Delegate: {
      id: ({ d }: DelegateSource) => String(d.seq),
      account: ({ d }: DelegateSource, _: unknown, env: ApiEnv) => account(env, d.address),
      chainId: (_: DelegateSource, __: unknown, env: ApiEnv) => chainIdString(env.chainId),
      delegatorsCount: ({ d }: DelegateSource) => d.delegators,
      governor: (_: DelegateSource, __: unknown, env: ApiEnv) => governor(env),
      organization: (_: DelegateSource, __: unknown, env: ApiEnv) => organization(env),
      statement: () => null,
      token: (_: DelegateSource, __: unknown, env: ApiEnv) => token(env),
      voteChanges: ({ d }: DelegateSource, _: unknown, env: ApiEnv) =>
        env.reader.voteChanges(d.address, VOTE_CHANGES).map((c) => ({
          delegate: account(env, d.address),
          netChange: (BigInt(c.current) - BigInt(c.previous)).toString(),
          newBalance: c.current,
          prevBalance: c.previous,
          timestamp: c.block_time,
          token: token(env),
          transaction: { id: c.tx_hash, block: block(env, c.block_number, c.block_time) },
        })),
      votesCount: ({ d }: DelegateSource, { blockNumber }: { blockNumber?: number | null }, env: ApiEnv) =>
        blockNumber === undefined || blockNumber === null
          ? d.votes
          : env.reader.votesAtBlock(d.address, blockNumber).toString(),
    },
    Node: { __resolveType: (o: Obj) => o.__typename },
    BlockOrTimestamp: { __resolveType: (o: Obj) => o.__typename },
    Query: {
      governor: (_: unknown, { input }: Input<{ id?: string; slug?: string }>, env: ApiEnv) => {
        if (!input.id && !input.slug) throw badInput("give governor input id or slug");
        checkGovernorId(env, input.id);
        if (input.slug && input.slug !== SLUG) throw notFound(`unknown governor slug ${input.slug}`);
        return governor(env);
      },
      governors: (
        _: unknown,
        args: { input?: { filters?: { organizationId?: string }; page?: PageInput } },
        env: ApiEnv,
      ) => {
        checkOrganizationId(args.input?.filters?.organizationId);
        const q = pageQuery(args.input?.page, "governors", "id", 1, false);
        const rows = q.after || q.before ? [] : [governor(env)];
        return pageOf(
          rows,
          (g) => g,
          () => encodeCursor("governors", "id", [1]),
          () => 1,
        );
      },
      organization: (_: unknown, { input }: Input<{ id?: string; slug?: string }>, env: ApiEnv) => {
        if (!input.id && !input.slug) throw badInput("give organization input id or slug");
        checkOrganizationId(input.id);
        if (input.slug && input.slug !== SLUG) throw notFound(`unknown organization slug ${input.slug}`);
        return organization(env);
      },
      proposals: (_: unknown, { input }: Input<{ filters: Obj; page?: PageInput; sort?: SortInput }>, env: ApiEnv) =>
        proposalsPage(env, input),
      proposal: (
        _: unknown,
        { input }: Input<{ id?: string; onchainId?: string; governorId?: string }>,
        env: ApiEnv,
      ) => {
        checkGovernorId(env, input.governorId);
        return proposal(env, resolveProposal(env, input));
      },
      delegates: (_: unknown, { input }: Input<{ filters: Obj; page?: PageInput; sort?: SortInput }>, env: ApiEnv) =>
        delegatesPage(env, input),
      delegate: (
        _: unknown,
        { input }: Input<{ address: string; governorId?: string; organizationId?: string }>,
        env: ApiEnv,
      ) => {
        checkGovernorId(env, input.governorId);
        checkOrganizationId(input.organizationId);
        const d = env.reader.delegate(dbAddress(input.address));
        return d ? delegate(env, d) : null;
      },
      votes: (_: unknown, { input }: Input<{ filters: Obj; page?: PageInput; sort?: SortInput }>, env: ApiEnv) =>
        votesPage(env, input),
      accounts: (_: unknown, args: { ids?: string[]; addresses?: string[] }, env: ApiEnv) => {
        const ids = args.ids ?? [];
        const addresses = args.addresses ?? [];
        if (ids.length + addresses.length > MAX_ACCOUNTS) {
          throw badInput(`at most ${MAX_ACCOUNTS} accounts per query (got ${ids.length + addresses.length})`);
        }
        const fromIds = ids.map((id) => {
          const parsed = parseAccountId(id)!;
          if (parsed.chainId !== env.chainId) {
            throw notFound(`account ${id} is on chain ${parsed.chainId}; this API serves chain ${env.chainId}`);
          }
          return parsed.address;
        });
        return [...fromIds, ...addresses].map((a) => account(env, a));
      },
      account: (_: unknown, { id }: { id: string }, env: ApiEnv) => {
        const parsed = parseAccountId(id)!;
        if (parsed.chainId !== env.chainId) {
          throw notFound(`account ${id} is on chain ${parsed.chainId}; this API serves chain ${env.chainId}`);
        }
        return account(env, parsed.address);
      },
      token: (_: unknown, { input }: Input<{ id: string }>, env: ApiEnv) => {
        if (input.id !== tokenId(env)) throw notFound(`unknown token ${input.id}: this API serves ${tokenId(env)}`);
        return token(env);
      },

      parameters: (_: unknown, args: { input?: { keys?: string[]; domain?: string } }, env: ApiEnv) => {
        const keys = args.input?.keys;
        const domain = args.input?.domain;
        let rows = keys ? keys.map((k) => parameterRow(env, k)) : env.reader.parameters();
        if (domain) {
          const names = new Set(PARAMETERS.filter((p) => p.domain === domain).map((p) => p.key));
          rows = rows.filter((r) => names.has(r.name));
        }
        return rows.map((r) => parameter(env, r));
      },
      parameter: (_: unknown, { key }: { key: string }, env: ApiEnv) => parameter(env, parameterRow(env, key)),
      parameterHistory: (_: unknown, { key, page }: { key: string; page?: PageInput }, env: ApiEnv) => {
        const p = parameterRow(env, key);
        return simplePage<ParameterChangeRow>(
          env,
          `parameterHistory:${p.key}`,
          "parameter_changes",
          ["key = ?"],
          [p.key],
          page,
          (c) => parameterChange(env, c, p.name),
        );
      },
      pauses: (_: unknown, args: { activeOnly?: boolean; target?: string }, env: ApiEnv) => {
        const now = env.reader.now();
        let rows = env.reader.pauses();
        if (args.target) rows = rows.filter((r) => r.target === dbAddress(args.target!));
        if (args.activeOnly) rows = rows.filter((r) => ["ACTIVE", "CONFIRMED"].includes(pauseStatus(r, now)));
        return rows.map((r) => pause(env, r, now));
      },
      guardianActions: (_: unknown, { page }: { page?: PageInput }, env: ApiEnv) =>
        simplePage<GuardianActionRow>(env, "guardianActions", "guardian_actions", [], [], page, (a) =>
          guardianAction(env, a),
        ),
      events: (_: unknown, args: { input?: { contract?: string; name?: string; page?: PageInput } }, env: ApiEnv) => {
        const where: string[] = [];
        const params: unknown[] = [];
        if (args.input?.contract) {
          where.push("contract = ?");
          params.push(args.input.contract);
        }
        if (args.input?.name) {
          where.push("name = ?");
          params.push(args.input.name);
        }
        const list = `events:${args.input?.contract ?? ""}:${args.input?.name ?? ""}`;
        return simplePage<EventRow>(env, list, "events", where, params, args.input?.page, (e) => contractEvent(env, e));
      },
      safeTransactions: (_: unknown, { safe, page }: { safe: string; page?: PageInput }, env: ApiEnv) => {
        if (!env.reader.safe(dbAddress(safe))) throw notFound(`${safe} is not a Safe this indexer follows`);
        return simplePage<SafeTransactionRow>(
          env,
          `safeTransactions:${dbAddress(safe)}`,
          "safe_transactions",
          ["safe = ?"],
          [dbAddress(safe)],
          page,
          (t) => safeTransaction(env, t),
        );
      },
      indexerStatus: (_: unknown, __: unknown, env: ApiEnv) => {
        const s = env.status();
        return {
          ...s,
          chainId: chainIdString(s.chainId),
          indexedTime: s.indexedTime === null ? null : isoTime(s.indexedTime),
        };
      },
    },
  };
}
