import { getAddress, toQuantity } from "ethers";
import { decodeError } from "../abis.js";
import type { Client } from "../client.js";
import { addressName, sdkContext } from "../context.js";
import { decodeProposal } from "../decode/proposal.js";
import { InputError } from "../errors.js";
import { connectedIdentity } from "../identity.js";
import { fetchProposal, proposalIdFromReceipt } from "../lifecycle.js";
import { descriptionHash, PROPOSAL_STATES, proposalArrays, SUPPORT, type Proposal } from "../proposal.js";
import type { ProposalSpec } from "../specs/schema.js";
import { diffStates, readGovernanceState } from "../state.js";
import { CHECKS, runChecks } from "./checks/index.js";
import { decodeExecutionLogs } from "./events.js";
import {
  impersonate as impersonateAccount,
  latestTime,
  mineAt,
  revertTo,
  rpc,
  sendAs,
  setNextTime,
  snapshot,
  stopImpersonating,
  type SentTransaction,
} from "./rpc.js";
import type {
  ActionResult,
  Check,
  Simulation,
  SimulationReport,
  SimulationSubject,
  StepName,
  StepResult,
} from "./types.js";

export interface SimulateOptions {
  /** Who proposes (default: the core Safe); needs votes above the proposal threshold. */
  proposer?: string;
  /** Who may vote, in order of preference (default: the core Safe and the deployment's delegates, plus every
   * account with delegated votes found in the token's events when those are not enough). */
  voters?: string[];
  /** Checks to run (default: CHECKS). */
  checks?: readonly Check[];
  /** Keep the simulated state instead of restoring the snapshot (for debugging). */
  keepState?: boolean;
  /** "fork" when the node forks another chain (for the report). */
  mode?: "local" | "fork";
}

/** What to simulate: a compiled proposal (optionally with its spec), or a proposal already on chain by id. */
export type SimulationInput = { proposal: Proposal; spec?: ProposalSpec } | { proposalId: bigint };

type Governor = Client["core"]["governor"];

async function stateName(governor: Governor, id: bigint) {
  return PROPOSAL_STATES[Number(await governor.state(id))];
}

/**
 * Simulate a proposal end to end on a development node (the local node, or a fork of any endpoint started
 * with `startNode({ fork })`): snapshot → propose (impersonating the proposer) → vote with enough delegates
 * (impersonated) → queue → advance to the ETA → execute → read every governed value → restore the snapshot
 * and stop impersonating every account. Returns the report with every check's verdict. Nothing is sent to a
 * real network.
 *
 * On a node others use, a process killed mid-way (Ctrl-C, kill) leaves the simulated state and impersonated
 * accounts behind: the console never does that, it simulates on a throwaway fork (`simulateOnFork`).
 */
export async function simulateProposal(
  client: Client,
  input: SimulationInput,
  options: SimulateOptions = {},
): Promise<SimulationReport> {
  const started = Date.now();
  const ctx = sdkContext(client.deployment);
  const { chain } = client;
  const { governor } = client.core;
  const d = client.deployment;
  const steps: StepResult[] = [];
  const identity = await connectedIdentity(chain, d);
  // Every account impersonated here stops being impersonated at the end: a node left accepting
  // eth_sendTransaction "from" the core Safe would let anyone act as it. Snapshots do not undo impersonation.
  const impersonated = new Set<string>();
  const impersonate = async (c: typeof chain, address: string) => {
    impersonated.add(getAddress(address));
    await impersonateAccount(c, address);
  };
  const snapshotId = await snapshot(chain);
  const blockNumber = await chain.provider.getBlockNumber();
  let subject: SimulationSubject | undefined;
  let simulation: Simulation | undefined;
  try {
    const before = await readGovernanceState(client, ctx);
    let proposal: Proposal;
    let proposalId: bigint | undefined;
    let proposer = getAddress(options.proposer ?? d.safes.core);
    if ("proposalId" in input) {
      const onChain = await fetchProposal(client, input.proposalId);
      proposal = onChain.proposal;
      proposalId = input.proposalId;
      proposer = onChain.proposer;
    } else {
      proposal = input.proposal;
      if (proposal.actions.length === 0) throw new InputError("a proposal needs at least one action");
      try {
        proposalId = await governor.getProposalId(...proposalArrays(proposal), descriptionHash(proposal.description));
        proposer = await governor.proposalProposer(proposalId);
      } catch {
        proposalId = undefined; // not proposed yet
      }
    }
    subject = {
      proposal,
      spec: "spec" in input ? input.spec : undefined,
      decoded: decodeProposal(proposal, ctx, { state: before, proposalId }),
    };

    const record = (step: StepName, from: string, sent: SentTransaction, detail?: string) => {
      steps.push({
        step,
        from,
        success: sent.success,
        gasUsed: sent.gasUsed,
        txHash: sent.hash,
        error: sent.success ? undefined : decodeError(sent.revertData),
        detail,
      });
      return sent;
    };
    let stoppedAt: Simulation["stoppedAt"];
    const voters: Simulation["voters"] = [];
    let eta: bigint | undefined;
    let executed = false;
    let executeLogs: Parameters<typeof decodeExecutionLogs>[0] = [];
    let executeError: ReturnType<typeof decodeError> | undefined;
    let preExecute: string | undefined;

    // 1. Propose.
    if (proposalId === undefined) {
      const clock = await governor.clock();
      const [votes, threshold] = await Promise.all([
        governor.getVotes(proposer, BigInt(clock) - 1n),
        governor.proposalThreshold(),
      ]);
      if (votes < threshold) {
        stoppedAt = {
          step: "propose",
          reason: `${addressName(ctx, proposer)} has ${votes} votes, below the proposal threshold ${threshold}`,
        };
      } else {
        await impersonate(chain, proposer);
        const data = governor.interface.encodeFunctionData("propose", [
          ...proposalArrays(proposal),
          proposal.description,
        ]);
        const sent = record(
          "propose",
          proposer,
          await sendAs(chain, proposer, { to: d.contracts.STAB3LGovernor, data }),
        );
        if (sent.success) proposalId = proposalIdFromReceipt(sent.receipt!, d.contracts.STAB3LGovernor);
        else stoppedAt = { step: "propose", reason: decodeError(sent.revertData).text };
      }
    }

    // 2. Vote with enough delegates, strongest first.
    if (!stoppedAt && proposalId !== undefined) {
      let state = await stateName(governor, proposalId);
      if (state === "Pending") {
        await mineAt(chain, (await governor.proposalSnapshot(proposalId)) + 1n);
        state = await stateName(governor, proposalId);
      }
      if (state === "Active") {
        const snapshotTime = await governor.proposalSnapshot(proposalId);
        const quorum = await governor.quorum(snapshotTime);
        const candidates = await voterCandidates(client, options.voters, snapshotTime);
        let tally = await governor.proposalVotes(proposalId);
        for (const c of candidates) {
          if (tally.forVotes + tally.abstainVotes >= quorum && tally.forVotes > tally.againstVotes) break;
          if (await governor.hasVoted(proposalId, c.account)) continue;
          await impersonate(chain, c.account);
          const data = governor.interface.encodeFunctionData("castVote", [proposalId, SUPPORT.for]);
          const sent = record(
            "vote",
            c.account,
            await sendAs(chain, c.account, { to: d.contracts.STAB3LGovernor, data }),
            `for, ${c.votes} votes`,
          );
          if (sent.success) voters.push(c);
          tally = await governor.proposalVotes(proposalId);
        }
        if (tally.forVotes + tally.abstainVotes < quorum || tally.forVotes <= tally.againstVotes) {
          stoppedAt = {
            step: "vote",
            reason: `the available voters reach ${tally.forVotes + tally.abstainVotes} of quorum ${quorum} (for ${tally.forVotes}, against ${tally.againstVotes}): name more voters`,
          };
        } else {
          await mineAt(chain, (await governor.proposalDeadline(proposalId)) + 1n);
          state = await stateName(governor, proposalId);
        }
      }
      // 3. Queue.
      if (!stoppedAt && state === "Succeeded") {
        const from = voters[0]?.account ?? proposer;
        await impersonate(chain, from);
        const data = governor.interface.encodeFunctionData("queue", [
          ...proposalArrays(proposal),
          descriptionHash(proposal.description),
        ]);
        const sent = record("queue", from, await sendAs(chain, from, { to: d.contracts.STAB3LGovernor, data }));
        if (!sent.success) stoppedAt = { step: "queue", reason: decodeError(sent.revertData).text };
        else state = await stateName(governor, proposalId);
      } else if (!stoppedAt && state !== "Queued") {
        stoppedAt = { step: "vote", reason: `the proposal is ${state}` };
      }
      // 4. Execute exactly at the ETA (so time-dependent rules such as cooldowns are judged at that time).
      if (!stoppedAt && state === "Queued") {
        eta = await governor.proposalEta(proposalId);
        const from = voters[0]?.account ?? proposer;
        await impersonate(chain, from);
        preExecute = await snapshot(chain);
        await setNextTime(chain, eta);
        const data = governor.interface.encodeFunctionData("execute", [
          ...proposalArrays(proposal),
          descriptionHash(proposal.description),
        ]);
        const sent = record("execute", from, await sendAs(chain, from, { to: d.contracts.STAB3LGovernor, data }));
        executed = sent.success;
        if (sent.success) executeLogs = sent.receipt!.logs;
        else {
          executeError = decodeError(sent.revertData);
          stoppedAt = { step: "execute", reason: executeError.text };
        }
      }
    }

    // Per-action outcomes and events.
    const events = decodeExecutionLogs(executeLogs, ctx);
    let actions: ActionResult[] = subject.decoded.actions.map((a, index) => ({
      index,
      target: a.target,
      targetName: a.targetName,
      summary: a.intent?.summary ?? `${a.targetName}.${a.function.text}`,
      success: executed ? true : undefined,
      events: events.filter((e) => e.action === index),
    }));
    if (executeError && eta !== undefined && preExecute !== undefined) {
      // Back to just before the failed execution (nothing of it remains), then find the failing action.
      await revertTo(chain, preExecute);
      actions = await attributeFailure(client, proposal, actions, executeError, eta, impersonate);
    }

    const after = await readGovernanceState(client, ctx);
    const executionTime = eta ?? (await earliestExecution(client, proposalId));
    const gas = { propose: 0n, votes: 0n, queue: 0n, execute: 0n, total: 0n };
    for (const s of steps) {
      if (s.step === "vote") gas.votes += s.gasUsed;
      else gas[s.step] += s.gasUsed;
      gas.total += s.gasUsed;
    }
    simulation = {
      mode: options.mode ?? "local",
      chainId: chain.chainId,
      blockNumber,
      proposalId,
      proposer,
      voters,
      steps,
      executed,
      executionTime,
      eta,
      actions,
      events,
      gas,
      before,
      after,
      changes: diffStates(before, after, ctx),
      stoppedAt,
      durationMs: 0,
    };
  } finally {
    try {
      if (!options.keepState) await revertTo(chain, snapshotId);
    } finally {
      for (const a of impersonated) await stopImpersonating(chain, a);
    }
  }
  const checks = runChecks(options.checks ?? CHECKS, subject!, simulation!, ctx);
  simulation!.durationMs = Date.now() - started;
  const critical = checks.reduce((n, c) => n + c.warnings.filter((w) => w.startsWith("CRITICAL")).length, 0);
  return {
    title: subject!.decoded.title,
    deployment: d,
    identity,
    subject: subject!,
    simulation: simulation!,
    checks,
    ok: simulation!.executed && checks.every((c) => c.status !== "fail"),
    critical,
  };
}

/**
 * Accounts that may vote, strongest first, with their votes at `timepoint`: the given list, else the core
 * Safe and the deployment's delegates, then anyone the token's DelegateVotesChanged events name.
 */
async function voterCandidates(client: Client, given: string[] | undefined, timepoint: bigint) {
  const { token } = client.core;
  const d = client.deployment;
  const names = new Set<string>((given ?? [d.safes.core, ...d.accounts.delegates]).map((a) => getAddress(a)));
  if (!given) {
    const logs = await token.queryFilter(token.filters.DelegateVotesChanged(), d.startBlock.number);
    for (const l of logs) names.add(getAddress(l.args.delegate));
  }
  const withVotes = await Promise.all(
    [...names].map(async (account) => ({ account, votes: await token.getPastVotes(account, timepoint) })),
  );
  return withVotes.filter((c) => c.votes > 0n).sort((a, b) => (a.votes > b.votes ? -1 : a.votes < b.votes ? 1 : 0));
}

/** When a proposal could execute at the earliest, from now (used when the simulation stopped early). */
async function earliestExecution(client: Client, proposalId: bigint | undefined): Promise<bigint> {
  const { governor, timelock } = client.core;
  const now = await latestTime(client.chain);
  const delay = await timelock.getMinDelay();
  if (proposalId !== undefined) {
    try {
      const eta = await governor.proposalEta(proposalId);
      if (eta > 0n) return eta;
      return (await governor.proposalDeadline(proposalId)) + 1n + delay;
    } catch {
      // fall through
    }
  }
  return now + (await governor.votingDelay()) + (await governor.votingPeriod()) + 1n + delay;
}

/**
 * The execution reverted as a whole: find the failing action by replaying every action from the Timelock
 * (impersonated) as separate transactions mined together in one block at the ETA, exactly when the execution
 * ran, then restore. The Timelock stops at the first failing call and bubbles its error, so the first failing
 * replay is the culprit and the execution's own decoded error is its error. Calls to the Governor's own
 * settings cannot run outside an execution (onlyGovernance): they stay undetermined.
 */
async function attributeFailure(
  client: Client,
  proposal: Proposal,
  actions: ActionResult[],
  error: ReturnType<typeof decodeError>,
  eta: bigint,
  impersonate: (chain: Client["chain"], address: string) => Promise<void>,
): Promise<ActionResult[]> {
  const { chain } = client;
  const timelock = client.deployment.contracts.TimelockController;
  const governor = client.deployment.contracts.STAB3LGovernor.toLowerCase();
  const out = actions.map((a) => ({ ...a }));
  const id = await snapshot(chain);
  try {
    await impersonate(chain, timelock);
    const block = await chain.provider.getBlock("latest");
    // All replays share one block; each stays under the per-transaction cap of recent hardforks (2^24).
    const share = block!.gasLimit / BigInt(proposal.actions.length + 1);
    const gas = share < 15_000_000n ? share : 15_000_000n;
    await rpc(chain, "evm_setAutomine", [false]);
    const hashes = new Map<number, string>();
    try {
      for (const a of out) {
        const action = proposal.actions[a.index];
        if (action.target.toLowerCase() === governor) continue;
        const hash = await rpc<string>(chain, "eth_sendTransaction", [
          {
            from: timelock,
            to: action.target,
            data: action.data,
            value: toQuantity(action.value),
            gas: toQuantity(gas),
          },
        ]);
        hashes.set(a.index, hash);
      }
      await mineAt(chain, eta);
    } finally {
      await rpc(chain, "evm_setAutomine", [true]);
    }
    for (const a of out) {
      const hash = hashes.get(a.index);
      if (!hash) {
        a.success = undefined;
        continue;
      }
      const receipt = await chain.provider.getTransactionReceipt(hash);
      a.success = receipt?.status === 1;
      if (!a.success) {
        const undetermined = out.some((b) => b.index < a.index && b.success === undefined);
        if (undetermined) a.success = undefined; // an undetermined Governor call before it may be the culprit
        a.error = error;
        break;
      }
    }
  } finally {
    await revertTo(chain, id);
  }
  return out;
}
