import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { getAddress } from "ethers";
import { getIntrospectionQuery } from "graphql";
import { DAY, parameterKey, PARAMETERS } from "../../governance/catalog/index.js";
import { PROPOSAL_STATES } from "../../governance/proposal.js";
import {
  createApiClient,
  getAccounts,
  getGovernor,
  getIndexerStatus,
  getParameterHistory,
  getProposal,
  listDelegates,
  listGuardianActions,
  listParameters,
  listPauses,
  listProposals,
  listVotes,
  type ApiClient,
} from "../../governance/api/index.js";
import { ApiError } from "../../governance/errors.js";
import { startApi, type ApiHandle } from "../../indexer/api.js";
import { Eip1193Transport } from "../../indexer/rpc/transport.js";
import { deployedSystem } from "../helpers/fixtures.js";
import { Lifecycle } from "../helpers/lifecycle.js";
import { runScenario } from "./scenario.js";

async function scenario() {
  const sys = await deployedSystem();
  const result = await runScenario(sys, new Lifecycle(sys));
  return { ...sys, ...result };
}
type Scenario = Awaited<ReturnType<typeof scenario>>;

/** The API over Hardhat's in-process chain, caught up with its head. */
async function indexedApi(sys: Scenario, apiKeys?: string[]): Promise<ApiHandle> {
  const api = await startApi({
    transport: new Eip1193Transport(hre.network.provider),
    deployment: sys.deployment,
    dbPath: ":memory:",
    port: 0,
    apiKeys,
    indexer: { pollIntervalMs: 20 },
  });
  await api.indexer.waitForBlock(await hre.ethers.provider.getBlockNumber(), 30_000);
  return api;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      data?: Record<string, unknown>;
      errors?: { message: string; extensions?: { code?: string } }[];
    },
  };
}

async function expectApiError(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ApiError ${code}`).to.be.instanceOf(ApiError);
  expect((error as ApiError).code).to.equal(code);
  if (message) expect((error as ApiError).message).to.match(message);
}

describe("indexer + GraphQL API over the in-process chain", function () {
  this.timeout(180_000);
  let api: ApiHandle | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  async function setup(apiKeys?: string[]): Promise<{ sys: Scenario; client: ApiClient; handle: ApiHandle }> {
    const sys = await loadFixture(scenario);
    api = await indexedApi(sys, apiKeys);
    return { sys, client: createApiClient({ url: api.url, apiKey: apiKeys?.[0] }), handle: api };
  }

  it("lists proposals newest first with the Governor's own states, tallies and quorum", async () => {
    const { sys, client } = await setup();
    const page = await listProposals(client);
    expect(page.nodes.map((p) => p.id)).to.deep.equal([sys.ids.p3, sys.ids.p2, sys.ids.p1]);
    expect(page.count).to.equal(3);
    for (const p of page.nodes) {
      const chainState = PROPOSAL_STATES[Number(await sys.core.governor.state(p.id))];
      expect(p.status, `proposal ${p.id}`).to.equal(chainState.toLowerCase());
      const [against, forVotes, abstain] = await sys.core.governor.proposalVotes(p.id);
      expect(p.votes).to.deep.equal({ for: forVotes, against, abstain });
      expect(p.voteStart).to.equal(Number(await sys.core.governor.proposalSnapshot(p.id)));
      expect(p.voteEnd).to.equal(Number(await sys.core.governor.proposalDeadline(p.id)));
      expect(p.proposer).to.equal(sys.deployment.safes.core);
    }
    expect(page.nodes.map((p) => p.status)).to.deep.equal(["active", "canceled", "executed"]);
    const p1 = page.nodes[2];
    expect(p1.title).to.equal("Tune the guardian pause");
    expect(p1.quorum).to.equal(await sys.core.governor.quorum(p1.voteStart));
    expect(p1.voters).to.deep.equal({ for: 2, against: 1, abstain: 1 });
    expect(p1.eta).to.equal(Number(await sys.core.governor.proposalEta(sys.ids.p1)));
  });

  it("shows a proposal with decoded calls and its history; unknown ids are NOT_FOUND", async () => {
    const { sys, client } = await setup();
    const p = await getProposal(client, sys.ids.p1);
    expect(p.description).to.equal(sys.p1.description);
    expect(p.calls.map((c) => c.signature)).to.deep.equal([
      "setParameter(bytes32,uint256)",
      "scheduleParameter(bytes32,uint256,uint48)",
    ]);
    expect(p.calls[0].target).to.equal(sys.deployment.contracts.ParameterStore);
    expect(p.calls[0].calldata).to.equal(sys.p1.actions[0].data);
    expect(p.calls[1].args).to.deep.equal({
      key: parameterKey("guardian.maxPauseDuration"),
      newValue: String(7 * DAY),
      effectiveAt: sys.scheduledAt.toString(),
    });
    expect(p.events.map((e) => e.type)).to.deep.equal(["created", "activated", "succeeded", "queued", "executed"]);
    const executed = p.events[4];
    const receiptBlock = await hre.ethers.provider.getBlock(executed.block!);
    expect(executed.at).to.equal(receiptBlock!.timestamp);
    const p2 = await getProposal(client, sys.ids.p2);
    expect(p2.status).to.equal("canceled");
    expect(p2.canceledBy).to.equal(sys.deployment.safes.guardian);
    expect(p2.events.map((e) => e.type)).to.deep.equal(["created", "canceled"]);
    await expectApiError(getProposal(client, 999n), "NOT_FOUND", /no proposal 999/);
  });

  it("lists votes with the weights the Governor counted, in pages", async () => {
    const { sys, client } = await setup();
    const snapshot = await sys.core.governor.proposalSnapshot(sys.ids.p1);
    const votes = await listVotes(client, { proposalId: sys.ids.p1, descending: false });
    expect(votes.count).to.equal(4);
    expect(votes.nodes.map((v) => [v.voter, v.support, v.reason])).to.deep.equal([
      [sys.delegates[0].address, "for", "cooldowns are too long"],
      [sys.delegates[1].address, "for", ""],
      [sys.delegates[2].address, "against", "keep it"],
      [sys.delegates[3].address, "abstain", ""],
    ]);
    for (const v of votes.nodes) {
      expect(v.weight).to.equal(await sys.core.token.getPastVotes(v.voter, snapshot));
      expect(v.proposalId).to.equal(sys.ids.p1);
    }
    const first = await listVotes(client, { proposalId: sys.ids.p1, limit: 3, descending: false });
    const rest = await listVotes(client, {
      proposalId: sys.ids.p1,
      limit: 3,
      descending: false,
      afterCursor: first.lastCursor!,
    });
    expect([...first.nodes, ...rest.nodes].map((v) => v.id)).to.deep.equal(votes.nodes.map((v) => v.id));
    const byVoter = await listVotes(client, { voter: sys.delegates[0].address });
    expect(byVoter.nodes.map((v) => v.proposalId)).to.deep.equal([sys.ids.p3, sys.ids.p1]);
    await expectApiError(listVotes(client, { proposalId: 77n }), "NOT_FOUND", /no proposal 77/);
  });

  it("lists delegates by voting power, equal to the token's getVotes, across pages both ways", async () => {
    const { sys, client } = await setup();
    const all = await listDelegates(client, { limit: 100 });
    expect(all.count).to.equal(all.nodes.length);
    for (const d of all.nodes) expect(d.votes, d.address).to.equal(await sys.core.token.getVotes(d.address));
    const sorted = [...all.nodes].sort((a, b) => (a.votes === b.votes ? 0 : a.votes > b.votes ? -1 : 1));
    expect(all.nodes.map((d) => d.votes)).to.deep.equal(sorted.map((d) => d.votes));
    // Delegate 1 received delegate 4's votes.
    expect(all.nodes[0].address).to.equal(sys.delegates[1].address);
    expect(all.nodes[0].delegators).to.equal(2);
    const coreSafe = all.nodes.find((d) => d.address === sys.deployment.safes.core)!;
    expect(coreSafe).to.include({ isSafe: true, name: "core Safe" });

    const walked: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await listDelegates(client, { limit: 2, afterCursor: cursor });
      walked.push(...page.nodes.map((d) => d.address));
      if (page.nodes.length < 2) break;
      cursor = page.lastCursor!;
    }
    expect(walked).to.deep.equal(all.nodes.map((d) => d.address));
    const second = await listDelegates(client, {
      limit: 2,
      afterCursor: (await listDelegates(client, { limit: 2 })).lastCursor!,
    });
    const back = await listDelegates(client, { limit: 2, beforeCursor: second.firstCursor! });
    expect(back.nodes.map((d) => d.address)).to.deep.equal(walked.slice(0, 2));
  });

  it("serves the governor, accounts and the indexer's status", async () => {
    const { sys, client, handle } = await setup();
    const g = await getGovernor(client);
    const gov = sys.core.governor;
    expect(g.address).to.equal(sys.deployment.contracts.STAB3LGovernor);
    expect(g.id).to.equal(`eip155:31337:${sys.deployment.contracts.STAB3LGovernor}`);
    expect(g.settings.votingDelay).to.equal(await gov.votingDelay());
    expect(g.settings.votingPeriod).to.equal(await gov.votingPeriod());
    expect(g.settings.proposalThreshold).to.equal(await gov.proposalThreshold());
    expect(g.settings.quorumNumerator).to.equal(await gov["quorumNumerator()"]());
    expect(g.settings.lateQuorumVoteExtension).to.equal(await gov.lateQuorumVoteExtension());
    expect(g.settings.timelockMinDelay).to.equal(await sys.core.timelock.getMinDelay());
    expect(g.settings.proposalGuardian).to.equal(sys.deployment.safes.guardian);
    expect(g.timelock).to.equal(sys.deployment.contracts.TimelockController);
    expect(g.token).to.deep.include({ symbol: "rSTB", decimals: 18, supply: await sys.core.token.totalSupply() });
    expect(g.proposalStats).to.deep.equal({ total: 3, active: 1, failed: 0, passed: 1 });
    expect(g.lastIndexedBlock).to.equal(await hre.ethers.provider.getBlockNumber());

    const accounts = await getAccounts(client, g.id, [sys.deployment.safes.guardian, sys.delegates[1].address]);
    expect(accounts[0]).to.deep.equal({
      address: sys.deployment.safes.guardian,
      name: "guardian Safe",
      isSafe: true,
      votes: 0n,
    });
    expect(accounts[1].votes).to.equal(await sys.core.token.getVotes(sys.delegates[1].address));
    await expectApiError(
      getAccounts(client, "eip155:31337:0x0000000000000000000000000000000000000001", [sys.delegates[0].address]),
      "NOT_FOUND",
      /unknown governor/,
    );

    const status = await getIndexerStatus(client);
    expect(status).to.include({ status: "ok", chainId: 31337, indexedBlock: g.lastIndexedBlock, lagBlocks: 0 });
    // Every contract of the full deployment (protocol modules included) is decoded: by its kind or its ABI.
    expect(handle.indexer.status().skippedContracts).to.deep.equal([]);
    expect(Object.keys(sys.deployment.contracts).length).to.be.greaterThan(5);
    const health = await fetch(handle.healthUrl);
    expect(health.status).to.equal(200);
    expect(((await health.json()) as { status: string }).status).to.equal("ok");
  });

  it("lists parameters as the ParameterStore holds them, with the scheduled change and the history", async () => {
    const { sys, client } = await setup();
    const params = await listParameters(client);
    expect(params.map((p) => p.key)).to.deep.equal(PARAMETERS.map((p) => p.key));
    for (const p of params) expect(p.value, p.key).to.equal(await sys.core.parameters.get(parameterKey(p.key)));
    const maxPause = params.find((p) => p.key === "guardian.maxPauseDuration")!;
    expect(maxPause.pending).to.deep.equal({ value: BigInt(7 * DAY), effectiveAt: Number(sys.scheduledAt) });
    expect(maxPause).to.include({ unit: "Seconds", stepKind: "None", cooldown: DAY, domain: "guardian" });

    const history = await getParameterHistory(client, "guardian.repauseCooldown");
    expect(history.nodes.map((c) => [c.kind, c.oldValue, c.newValue])).to.deep.equal([
      ["SET", BigInt(3 * DAY), BigInt(2 * DAY)],
      ["SET", 0n, BigInt(3 * DAY)],
      ["REGISTERED", null, null],
    ]);
    expect(history.nodes[0].effectiveAt).to.equal(history.nodes[0].at);
    const byHex = await getParameterHistory(client, parameterKey("guardian.repauseCooldown"), { limit: 1 });
    expect(byHex.nodes[0].id).to.equal(history.nodes[0].id);
    await expectApiError(getParameterHistory(client, "no.such.key"), "NOT_FOUND", /no parameter no.such.key/);

    // Once the schedule's time comes, the value in force changes without any new event.
    await time.increaseTo(sys.scheduledAt);
    await api!.indexer.waitForBlock(await hre.ethers.provider.getBlockNumber());
    const later = await listParameters(client, { keys: ["guardian.maxPauseDuration"] });
    expect(later[0].value).to.equal(BigInt(7 * DAY));
    expect(later[0].value).to.equal(await sys.core.parameters.get(parameterKey("guardian.maxPauseDuration")));
    expect(later[0].pending).to.equal(null);
  });

  it("lists pauses and guardian actions, and lets pauses expire with chain time", async () => {
    const { sys, client } = await setup();
    const token = sys.deployment.contracts.RSTBToken;
    const pauses = await listPauses(client, { activeOnly: true });
    expect(pauses).to.have.length(1);
    expect(pauses[0]).to.deep.include({
      target: token,
      targetName: "RSTBToken",
      selector: sys.mintSelector,
      functionName: "mint(address,uint256)",
      status: "ACTIVE",
      reason: "minting looks wrong",
      guardian: sys.deployment.safes.guardian,
    });
    expect(pauses[0].pausedUntil).to.equal(await sys.core.authority.pausedUntil(token, sys.mintSelector));

    const actions = await listGuardianActions(client);
    expect(actions.nodes.map((a) => a.kind)).to.deep.equal(["PAUSE", "CANCEL_PROPOSAL"]);
    expect(actions.nodes[1]).to.deep.include({ proposalId: sys.ids.p2, guardian: sys.deployment.safes.guardian });
    expect(actions.nodes[0]).to.deep.include({ target: token, functionName: "mint(address,uint256)" });

    await time.increaseTo(pauses[0].pausedUntil + 1n);
    await api!.indexer.waitForBlock(await hre.ethers.provider.getBlockNumber());
    expect(await sys.core.authority.isPaused(token, sys.mintSelector)).to.equal(false);
    expect(await listPauses(client, { activeOnly: true })).to.deep.equal([]);
    expect((await listPauses(client))[0].status).to.equal("EXPIRED");
  });

  it("follows the chain: a vote and the end of the voting period show up", async () => {
    const { sys, client } = await setup();
    await (await sys.core.governor.connect(sys.delegates[1]).castVote(sys.ids.p3, 1)).wait();
    const deadline = await sys.core.governor.proposalDeadline(sys.ids.p3);
    await time.increaseTo(deadline + 1n);
    await api!.indexer.waitForBlock(await hre.ethers.provider.getBlockNumber());
    const p3 = await getProposal(client, sys.ids.p3);
    expect(p3.voters.for).to.equal(2);
    const chainState = PROPOSAL_STATES[Number(await sys.core.governor.state(sys.ids.p3))];
    expect(p3.status).to.equal(chainState.toLowerCase());
    expect(p3.status).to.equal("succeeded");
    expect(p3.events.map((e) => e.type)).to.deep.equal(["created", "activated", "succeeded"]);
  });

  it("answers bad input with GraphQL errors and keeps serving", async () => {
    const { client, handle } = await setup();
    const url = handle.url;
    await expectApiError(listProposals(client, { limit: 101 }), "BAD_USER_INPUT", /between 1 and 100/);
    await expectApiError(listProposals(client, { limit: 0 }), "BAD_USER_INPUT", /between 1 and 100/);
    await expectApiError(listProposals(client, { afterCursor: "bm9wZQ" }), "BAD_USER_INPUT", /invalid cursor/);
    const delegatesCursor = (await listDelegates(client, { limit: 1 })).lastCursor!;
    await expectApiError(
      listProposals(client, { afterCursor: delegatesCursor }),
      "BAD_USER_INPUT",
      /another list or sort order/,
    );

    const malformed = await post(url, { query: "{ proposals(input: { filters: {} } { nodes }" });
    expect(malformed.body.errors![0].message).to.match(/Syntax Error/);
    const unknownField = await post(url, { query: '{ governor(input: {slug: "stab3l"}) { nope } }' });
    expect(unknownField.body.errors![0].message).to.match(/Cannot query field "nope"/);
    const badId = await post(url, { query: '{ governor(input: {id: "eip155:1:0x12"}) { id } }' });
    expect(badId.body.errors![0].extensions!.code).to.equal("BAD_USER_INPUT");
    expect(badId.body.errors![0].message).to.match(/not a CAIP-10 id/);
    const otherGovernor = await post(url, {
      query: '{ governor(input: {id: "eip155:31337:0x0000000000000000000000000000000000000001"}) { id } }',
    });
    expect(otherGovernor.body.errors![0].extensions!.code).to.equal("NOT_FOUND");
    const notJson = await post(url, "{not json");
    expect(notJson.status).to.equal(400);
    const mutation = await post(url, { query: "mutation { x }" });
    expect(mutation.body.errors![0].message).to.match(/mutation/i);

    const ofType = (n: number): string => (n === 0 ? "name" : `ofType { ${ofType(n - 1)} }`);
    const deep = await post(url, { query: `{ __schema { types { fields { type { ${ofType(12)} } } } } }` });
    expect(deep.body.errors![0].extensions!.code).to.equal("QUERY_TOO_DEEP");
    expect(deep.body.errors![0].message).to.match(/introspection depth 17 exceeds the limit of 15/);
    const exponential = await post(url, {
      query: "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }",
    });
    // graphql-js's own MaxIntrospectionDepthRule refuses it before our limits run.
    expect(exponential.body.errors![0].message).to.equal("Maximum introspection depth exceeded");
    const introspection = await post(url, { query: getIntrospectionQuery() });
    expect(introspection.body.errors).to.equal(undefined);
    expect((introspection.body.data!.__schema as { types: unknown[] }).types.length).to.be.greaterThan(50);
    const costly = await post(url, {
      query: `{ delegates(input: {filters: {}, page: {limit: 100}}) { nodes { ... on Delegate {
        voteChanges { delegate { id } token { id name } transaction { id } } } } } }`,
    });
    expect(costly.body.errors![0].extensions!.code).to.equal("QUERY_TOO_COMPLEX");
    expect(costly.body.errors![0].message).to.match(/query cost \d+ exceeds the limit of 20000/);
    const huge = await post(url, { query: `{ ${"a: __typename ".repeat(3000)} }` });
    expect(huge.body.errors![0].message).to.match(/Document contains more that 4000 tokens/);

    // Still serving.
    expect((await listProposals(client)).nodes).to.have.length(3);
  });

  it("limits query depth", async () => {
    const sys = await loadFixture(scenario);
    api = await startApi({
      transport: new Eip1193Transport(hre.network.provider),
      deployment: sys.deployment,
      dbPath: ":memory:",
      port: 0,
      limits: { maxDepth: 4 },
    });
    const ok = await post(api.url, {
      query: '{ governor(input: {slug: "stab3l"}) { token { lastIndexedBlock { number } } } }',
    });
    expect(ok.body.errors).to.equal(undefined);
    const deep = await post(api.url, {
      query: "{ proposals(input: {filters: {}}) { nodes { ... on Proposal { governor { token { id } } } } } }",
    });
    expect(deep.body.errors![0].extensions!.code).to.equal("QUERY_TOO_DEEP");
    expect(deep.body.errors![0].message).to.equal("query depth 5 exceeds the limit of 4");
  });

  it("requires the Api-Key header when keys are configured", async () => {
    const { handle } = await setup(["secret-1"]);
    const keyless = createApiClient({ url: handle.url });
    await expectApiError(listProposals(keyless), "UNAUTHENTICATED", /Api-Key/);
    const wrong = createApiClient({ url: handle.url, apiKey: "nope" });
    await expectApiError(listProposals(wrong), "UNAUTHENTICATED");
    const keyed = createApiClient({ url: handle.url, apiKey: "secret-1" });
    expect((await listProposals(keyed)).nodes).to.have.length(3);
  });

  it("speaks Tally's query shapes: paginated union nodes, CAIP ids and input objects", async () => {
    const { sys, handle } = await setup();
    const governorId = `eip155:31337:${sys.deployment.contracts.STAB3LGovernor}`;
    const res = await post(handle.url, {
      query: `query Proposals($input: ProposalsInput!) {
        proposals(input: $input) {
          nodes { ... on Proposal { id onchainId chainId status governor { id slug type kind } organization { slug }
            proposer { id address type } start { ... on BlocklessTimestamp { timestamp } } metadata { title }
            voteStats { type votesCount votersCount percent } } }
          pageInfo { firstCursor lastCursor count } } }`,
      variables: {
        input: { filters: { governorId }, page: { limit: 1 }, sort: { isDescending: false, sortBy: "id" } },
      },
    });
    expect(res.body.errors).to.equal(undefined);
    const data = res.body.data!.proposals as {
      nodes: Record<string, unknown>[];
      pageInfo: { count: number };
    };
    expect(data.pageInfo.count).to.equal(3);
    const p = data.nodes[0];
    expect(p).to.deep.include({ id: "1", onchainId: "1", chainId: "eip155:31337", status: "executed" });
    expect(p.governor).to.deep.equal({ id: governorId, slug: "stab3l", type: "openzeppelingovernor", kind: "single" });
    expect(p.proposer).to.deep.equal({
      id: `eip155:31337:${sys.deployment.safes.core}`,
      address: sys.deployment.safes.core,
      type: "SAFE",
    });
    const stats = p.voteStats as { type: string; percent: number }[];
    expect(stats.map((s) => s.type)).to.deep.equal(["for", "against", "abstain"]);
    expect(stats.reduce((s, x) => s + x.percent, 0)).to.be.closeTo(100, 0.001);
    const accounts = await post(handle.url, {
      query: `{ accounts(ids: ["eip155:31337:${sys.deployment.safes.core.toLowerCase()}"]) { id address name type } }`,
    });
    expect(accounts.body.data!.accounts).to.deep.equal([
      {
        id: `eip155:31337:${sys.deployment.safes.core}`,
        address: getAddress(sys.deployment.safes.core),
        name: "core Safe",
        type: "SAFE",
      },
    ]);
  });
});
