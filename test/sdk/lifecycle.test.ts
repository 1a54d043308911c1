import { expect } from "chai";
import "hardhat"; // registers chai matchers (emit, rejectedWith); the test itself runs its own JSON-RPC node
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ZeroHash } from "ethers";
import { LOCAL_ACCOUNT_LAYOUT as L, localPrivateKey, localWallet } from "../../governance/accounts.js";
import { createClient, openClient, type Client } from "../../governance/client.js";
import { sdkContext } from "../../governance/context.js";
import { saveDeployment } from "../../governance/deployment.js";
import { ConnectionError, DeploymentError, InputError, RevertError } from "../../governance/errors.js";
import {
  cancel,
  cancelCall,
  castVote,
  castVoteBySig,
  delegate,
  execute,
  fetchProposal,
  parseBallot,
  propose,
  proposalIds,
  proposalState,
  proposalStatus,
  queue,
  reviseIfProposed,
  signBallot,
  votingPower,
} from "../../governance/lifecycle.js";
import { descriptionParts, type Proposal } from "../../governance/proposal.js";
import { executeWithOwners } from "../../governance/safe/transactions.js";
import { mineAt } from "../../governance/simulation/rpc.js";
import { startNode, type LocalNode } from "../../governance/simulation/node.js";
import { compileSpec } from "../../governance/specs/compile.js";
import { parseSpec } from "../../governance/specs/load.js";
import { deployOnNode } from "./helpers.js";

const WAD = 10n ** 18n;

describe("lifecycle against a local JSON-RPC node", function () {
  this.timeout(300_000);
  let node: LocalNode;
  let client: Client;
  let deploymentFile: string;
  const wallet = (i: number) => localWallet(i, client.chain.provider);
  const delegates = () => L.delegates.map((i) => wallet(i));

  /** A spec compiled for the first delegate, who proposes it (its description is bound to that address). */
  function spec(title: string, value: string): Proposal {
    const s = parseSpec({
      title,
      description: "Lifecycle test.",
      actions: [{ kind: "set-parameter", parameter: "guardian.repauseCooldown", value }],
    });
    return compileSpec(s, sdkContext(client.deployment), { proposer: wallet(L.delegates[0]).address }).proposal;
  }

  before(async () => {
    node = await startNode();
    const deployment = await deployOnNode(node);
    deploymentFile = join(mkdtempSync(join(tmpdir(), "stab3l-deploy-")), "localhost.json");
    saveDeployment(deploymentFile, deployment);
    client = await openClient({ rpcUrl: node.url, deploymentFile });
  });

  after(async () => {
    (client?.chain.provider as { destroy?: () => void })?.destroy?.();
    await node?.close();
  });

  it("connects with clear errors for a wrong chain, an unreachable node or a missing deployment", async () => {
    expect(client.chain.chainId).to.equal(31337n);
    const other = await startNode({ chainId: 4242 });
    try {
      await expect(openClient({ rpcUrl: other.url, deploymentFile })).to.be.rejectedWith(
        ConnectionError,
        `the node at ${other.url} is chain 4242, but the deployment is for chain 31337`,
      );
    } finally {
      await other.close();
    }
    await expect(openClient({ rpcUrl: "http://127.0.0.1:9", deploymentFile })).to.be.rejectedWith(
      ConnectionError,
      "cannot reach a JSON-RPC node at http://127.0.0.1:9: is it running?",
    );
    await expect(openClient({ rpcUrl: "localhost:8545", deploymentFile })).to.be.rejectedWith(
      ConnectionError,
      '"localhost:8545" is not an http(s) or ws(s) URL',
    );
    await expect(openClient({ rpcUrl: node.url, deploymentFile: "/nonexistent/localhost.json" })).to.be.rejectedWith(
      DeploymentError,
      "no deployment at /nonexistent/localhost.json",
    );
  });

  it("delegates and reads voting power", async () => {
    const [, , , d4, d5] = delegates();
    expect((await votingPower(client, d5.address)).votes).to.equal(1_000_000n * WAD);
    const receipt = await delegate(client, d5, d4.address);
    expect(receipt.status).to.equal(1);
    const p5 = await votingPower(client, d5.address);
    const p4 = await votingPower(client, d4.address);
    expect(p5).to.deep.include({ delegate: d4.address, votes: 0n, balance: 1_000_000n * WAD });
    expect(p4.votes).to.equal(2_000_000n * WAD);
    await delegate(client, d5, d5.address);
    expect((await votingPower(client, d4.address)).votes).to.equal(1_000_000n * WAD);
    await expect(delegate(client, d5, "core Safe")).to.be.rejectedWith(InputError, '"core Safe" is not an address');
  });

  it("proposes, votes for/against/abstain with reasons and by signature, queues and executes", async () => {
    const [d1, d2, d3, d4] = delegates();
    const relayer = wallet(L.spare[0]);
    const p = spec("Lifecycle: shorten the re-pause cooldown", "2d");

    const predicted = await proposalIds(client, p);
    expect(predicted.proposed).to.equal(false);
    const proposalId = await propose(client.core.governor, d1, p);
    const ids = await proposalIds(client, p);
    expect(ids).to.deep.include({ proposalId: predicted.proposalId, proposed: true });
    expect(ids.timelockOperationId).to.equal(predicted.timelockOperationId);

    let status = await proposalStatus(client, proposalId);
    expect(status.state).to.equal("Pending");
    expect(status.proposer).to.equal(d1.address);
    const onChain = await fetchProposal(client, proposalId);
    expect(onChain.proposal).to.deep.equal(p);
    expect(onChain.proposer).to.equal(d1.address);

    await mineAt(client.chain, status.snapshot + 1n);
    expect(await proposalState(client.core.governor, proposalId)).to.equal("Active");
    expect((await votingPower(client, d1.address, status.snapshot)).votesAt).to.deep.equal({
      timepoint: status.snapshot,
      votes: 1_000_000n * WAD,
    });

    const forVote = await castVote(client.core.governor, d1, proposalId, "for", "shorter is enough");
    await expect(forVote)
      .to.emit(client.core.governor, "VoteCast")
      .withArgs(d1.address, proposalId, 1, 1_000_000n * WAD, "shorter is enough");
    await castVote(client.core.governor, d2, proposalId, "against");
    await castVote(client.core.governor, d3, proposalId, "abstain", "no opinion");

    // d4 signs a ballot offline; a relayer with no votes submits it.
    const ballot = parseBallot(
      JSON.parse(JSON.stringify(await signBallot(client, d4, { proposalId, support: "for", reason: "by sig" }))),
    );
    const bySig = await castVoteBySig(client, relayer, ballot);
    await expect(bySig)
      .to.emit(client.core.governor, "VoteCast")
      .withArgs(d4.address, proposalId, 1, 1_000_000n * WAD, "by sig");
    await expect(castVoteBySig(client, relayer, ballot)).to.be.rejectedWith(
      InputError,
      "the ballot was signed with nonce 0, the voter's nonce is now 1: sign again",
    );
    const forged = { ...ballot, support: "against" as const };
    await expect(castVoteBySig(client, relayer, forged)).to.be.rejectedWith(
      InputError,
      `the ballot's signature is not ${d4.address}'s`,
    );

    // A second vote is refused, by name.
    await expect(castVote(client.core.governor, d1, proposalId, "for"))
      .to.be.revertedWithCustomError(client.core.governor, "GovernorAlreadyCastVote")
      .withArgs(d1.address);
    status = await proposalStatus(client, proposalId);
    expect(status.votes).to.deep.equal({ against: 1_000_000n * WAD, for: 2_000_000n * WAD, abstain: 1_000_000n * WAD });
    const supply = 10_000_000n * WAD;
    expect(status.quorum).to.equal((supply * 4n) / 100n);
    expect(status.quorumReached).to.equal(true);
    expect(status.quorumProgressBps).to.equal((3_000_000n * WAD * 10_000n) / status.quorum);

    await mineAt(client.chain, status.deadline + 1n);
    expect(await proposalState(client.core.governor, proposalId)).to.equal("Succeeded");
    const eta = await queue(client.core.governor, relayer, p);
    status = await proposalStatus(client, proposalId);
    expect(status.state).to.equal("Queued");
    expect(status.eta).to.equal(eta);
    expect(eta - status.now).to.equal(2n * 86_400n);

    await mineAt(client.chain, eta);
    const receipt = await execute(client.core.governor, relayer, p);
    await expect(receipt).to.emit(client.core.parameters, "ParameterSet");
    expect(await proposalState(client.core.governor, proposalId)).to.equal("Executed");
    expect(
      await client.core.parameters.get("0x677561726469616e2e72657061757365436f6f6c646f776e0000000000000000"),
    ).to.equal(172_800n);
  });

  it("cancels: the proposer while Pending, the guardian Safe later; others are refused by name", async () => {
    const [d1, d2] = delegates();
    const byProposer = spec("Lifecycle: cancelled by its proposer", "1d");
    const id1 = await propose(client.core.governor, d1, byProposer);
    await expect(cancel(client.core.governor, d2, byProposer)).to.be.rejectedWith(
      RevertError,
      `cancel reverted: GovernorUnableToCancel(proposalId=${id1}, account=${d2.address})`,
    );
    await cancel(client.core.governor, d1, byProposer);
    expect(await proposalState(client.core.governor, id1)).to.equal("Canceled");

    const byGuardian = spec("Lifecycle: cancelled by the guardians", "1d");
    const id2 = await propose(client.core.governor, d1, byGuardian);
    await mineAt(client.chain, (await client.core.governor.proposalSnapshot(id2)) + 1n);
    const result = await executeWithOwners(
      client.chain,
      client.deployment.safes.guardian,
      [cancelCall(client.deployment.contracts.STAB3LGovernor, byGuardian)],
      L.guardianOwners.slice(0, 2).map(localPrivateKey),
      client.deployment.safeContracts,
    );
    expect(result.success).to.equal(true);
    expect((await proposalStatus(client, id2)).state).to.equal("Canceled");
  });

  it("re-proposes content its proposer cancelled as a revision; refuses a bound copy from anyone else", async () => {
    const [d1, d2] = delegates();
    // Cancelled by its proposer in the previous test: the same content cannot be proposed again as is.
    const cancelled = spec("Lifecycle: cancelled by its proposer", "1d");
    const earlierId = (await proposalIds(client, cancelled)).proposalId;
    expect(await proposalState(client.core.governor, earlierId)).to.equal("Canceled");
    await expect(propose(client.core.governor, d1, cancelled))
      .to.be.revertedWithCustomError(client.core.governor, "GovernorUnexpectedProposalState")
      .withArgs(earlierId, 2, ZeroHash);

    const revised = await reviseIfProposed(client, cancelled);
    expect(revised.earlier).to.deep.equal([{ proposalId: earlierId, state: "Canceled" }]);
    expect(revised.live).to.equal(undefined);
    expect(descriptionParts(revised.proposal.description)).to.deep.include({ proposer: d1.address, revision: 2 });
    expect(revised.proposal.actions).to.deep.equal(cancelled.actions);
    // A front-runner cannot take the revision either: the SDK refuses before sending, the Governor by name.
    await expect(propose(client.core.governor, d2, revised.proposal)).to.be.rejectedWith(
      InputError,
      `bound to proposer ${d1.address}`,
    );
    await expect(
      client.core.governor.connect(d2).propose.staticCall(
        revised.proposal.actions.map((a) => a.target),
        revised.proposal.actions.map((a) => a.value),
        revised.proposal.actions.map((a) => a.data),
        revised.proposal.description,
      ),
    )
      .to.be.revertedWithCustomError(client.core.governor, "GovernorRestrictedProposer")
      .withArgs(d2.address);
    const newId = await propose(client.core.governor, d1, revised.proposal);
    expect(newId).to.be.greaterThan(earlierId);
    // Now live: the SDK points at it instead of proposing a duplicate.
    expect(await reviseIfProposed(client, cancelled)).to.deep.equal({
      proposal: revised.proposal,
      earlier: [{ proposalId: earlierId, state: "Canceled" }],
      live: { proposalId: newId, state: "Pending" },
    });
  });

  it("a client built over an existing connection sees the same chain", async () => {
    const again = createClient(client.chain, client.deployment);
    expect(await again.core.governor.name()).to.equal("STAB3L Governor");
  });
});
