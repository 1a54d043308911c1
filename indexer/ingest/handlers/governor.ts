import { STAB3LGovernor__factory } from "../../../governance/contracts.js";
import type { Db } from "../../db/schema.js";
import { dbAddress, proposalTitle, sortKey } from "../../ids.js";
import type { ContractKind, EventHandler, IndexedLog, IngestHooks } from "../types.js";

/** Governor setting events and the name each is stored under in `governor_settings`. */
export const GOVERNOR_SETTING_EVENTS: Record<string, string> = {
  VotingDelaySet: "votingDelay",
  VotingPeriodSet: "votingPeriod",
  ProposalThresholdSet: "proposalThreshold",
  QuorumNumeratorUpdated: "quorumNumerator",
  LateQuorumVoteExtensionSet: "lateQuorumVoteExtension",
  TimelockChange: "timelock",
  ProposalGuardianSet: "proposalGuardian",
};

const SUPPORT_COLUMNS = ["against", "for", "abstain"] as const;

function governorHandlers(db: Db, hooks: IngestHooks): Record<string, EventHandler> {
  const insertProposal = db.prepare(
    `INSERT INTO proposals (seq, onchain_id, proposer, targets, "values", signatures, calldatas, description, title,
       vote_start, vote_end, created_block, created_time, created_tx)
     VALUES (@seq, @onchainId, @proposer, @targets, @values, @signatures, @calldatas, @description, @title,
       @voteStart, @voteEnd, @block, @time, @tx)`,
  );
  const proposalTally = db.prepare(
    `SELECT seq, for_votes, against_votes, abstain_votes FROM proposals WHERE onchain_id = ?`,
  );
  const proposalSeq = db.prepare(`SELECT seq FROM proposals WHERE onchain_id = ?`).pluck();
  const insertVote = db.prepare(
    `INSERT INTO votes (id, proposal_seq, voter, support, weight, weight_key, reason, params, block_number, block_time,
       tx_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateTally = Object.fromEntries(
    SUPPORT_COLUMNS.map((c) => [
      c,
      db.prepare(`UPDATE proposals SET ${c}_votes = ?, ${c}_voters = ${c}_voters + 1 WHERE seq = ?`),
    ]),
  );
  const queued = db.prepare(
    `UPDATE proposals SET queued_block = ?, queued_time = ?, queued_tx = ?, eta = ?,
       timelock_op = (SELECT id FROM timelock_operations WHERE scheduled_tx = ? ORDER BY scheduled_block LIMIT 1)
     WHERE onchain_id = ?`,
  );
  const executed = db.prepare(
    `UPDATE proposals SET executed_block = ?, executed_time = ?, executed_tx = ? WHERE onchain_id = ?`,
  );
  const canceled = db.prepare(
    `UPDATE proposals SET canceled_block = ?, canceled_time = ?, canceled_tx = ?, canceled_by = ? WHERE onchain_id = ?`,
  );
  const extended = db.prepare(
    `UPDATE proposals SET extended_deadline = ?, extended_block = ?, extended_time = ?, extended_tx = ?
     WHERE onchain_id = ?`,
  );
  // The Safe executing in this transaction when the log was emitted (its SafeMultiSigTransaction came first
  // and its ExecutionSuccess has not been seen yet): who called the Governor.
  const executingSafe = db
    .prepare(
      `SELECT safe FROM safe_transactions WHERE tx_hash = ? AND id < ? AND success IS NULL ORDER BY id DESC LIMIT 1`,
    )
    .pluck();
  const currentGuardian = db
    .prepare(`SELECT new_value FROM governor_settings WHERE name = 'proposalGuardian' ORDER BY id DESC LIMIT 1`)
    .pluck();
  const insertGuardianAction = db.prepare(
    `INSERT INTO guardian_actions (id, kind, guardian, proposal_seq, block_number, block_time, tx_hash)
     VALUES (?, 'CANCEL_PROPOSAL', ?, ?, ?, ?, ?)`,
  );
  const insertSetting = db.prepare(
    `INSERT INTO governor_settings (id, name, old_value, new_value, block_number, block_time) VALUES (?, ?, ?, ?, ?, ?)`,
  );

  // Tallies of proposals voted on, mirrored in memory (one UPDATE per vote, no read); dropped on rollback.
  const tallies = new Map<string, { seq: number; votes: Record<(typeof SUPPORT_COLUMNS)[number], bigint> }>();
  hooks.onRollback(() => tallies.clear());
  const tally = (onchainId: string) => {
    let t = tallies.get(onchainId);
    if (!t) {
      const row = proposalTally.get(onchainId) as
        { seq: number; for_votes: string; against_votes: string; abstain_votes: string } | undefined;
      if (!row) return undefined;
      t = {
        seq: row.seq,
        votes: { for: BigInt(row.for_votes), against: BigInt(row.against_votes), abstain: BigInt(row.abstain_votes) },
      };
      tallies.set(onchainId, t);
    }
    return t;
  };

  // Once a proposal's snapshot is in the past, its quorum is final: store it so reads need no computation.
  // GovernorVotesQuorumFraction: quorum(t) = totalSupply(t) × numerator(t) / denominator, each the value at
  // the end of t; every log up to the cursor is indexed, so nothing at or before the snapshot can still change.
  const unsettled = db.prepare(`SELECT seq, vote_start FROM proposals WHERE quorum IS NULL AND vote_start < ?`);
  const supplyAt = db
    .prepare(`SELECT supply FROM supply_checkpoints WHERE block_time <= ? ORDER BY block_time DESC, id DESC LIMIT 1`)
    .pluck();
  const numeratorAt = db
    .prepare(
      `SELECT new_value FROM governor_settings WHERE name = 'quorumNumerator' AND block_time <= ?
       ORDER BY block_time DESC, id DESC LIMIT 1`,
    )
    .pluck();
  const denominator = db.prepare(`SELECT value FROM meta WHERE key = 'quorum_denominator'`).pluck();
  const settle = db.prepare(`UPDATE proposals SET quorum = ? WHERE seq = ?`);
  hooks.onBatchEnd((cursorTime) => {
    const rows = unsettled.all(cursorTime) as { seq: number; vote_start: number }[];
    if (rows.length === 0) return;
    const den = BigInt((denominator.get() as string | undefined) ?? "100");
    for (const r of rows) {
      const supply = BigInt((supplyAt.get(r.vote_start) as string | undefined) ?? "0");
      const numerator = BigInt((numeratorAt.get(r.vote_start) as string | undefined) ?? "0");
      settle.run(((supply * numerator) / den).toString(), r.seq);
    }
  });

  const vote = (log: IndexedLog) => {
    const a = log.args;
    const row = tally(a.proposalId.toString());
    if (!row) return; // a vote on a proposal created before the start block: kept in `events` only
    const support = Number(a.support);
    const weight = a.weight as bigint;
    const params = log.name === "VoteCastWithParams" ? (a.params as string) : null;
    insertVote.run(
      log.id,
      row.seq,
      dbAddress(a.voter),
      support,
      weight.toString(),
      sortKey(weight),
      a.reason,
      params,
      log.blockNumber,
      log.blockTime,
      log.txHash,
    );
    const column = SUPPORT_COLUMNS[support];
    if (!column) return; // GovernorCountingSimple rejects other values; a custom counting module might not
    row.votes[column] += weight;
    updateTally[column].run(row.votes[column].toString(), row.seq);
  };

  const handlers: Record<string, EventHandler> = {
    ProposalCreated(log) {
      const a = log.args;
      insertProposal.run({
        seq: log.id,
        onchainId: a.proposalId.toString(),
        proposer: dbAddress(a.proposer),
        targets: JSON.stringify(a.targets.map((t: string) => dbAddress(t))),
        values: JSON.stringify(a[3].map((v: bigint) => v.toString())),
        signatures: JSON.stringify([...a.signatures]),
        calldatas: JSON.stringify([...a.calldatas]),
        description: a.description,
        title: proposalTitle(a.description),
        voteStart: Number(a.voteStart),
        voteEnd: Number(a.voteEnd),
        block: log.blockNumber,
        time: log.blockTime,
        tx: log.txHash,
      });
    },
    VoteCast: vote,
    VoteCastWithParams: vote,
    ProposalQueued(log) {
      queued.run(
        log.blockNumber,
        log.blockTime,
        log.txHash,
        Number(log.args.etaSeconds),
        log.txHash,
        log.args.proposalId.toString(),
      );
    },
    ProposalExecuted(log) {
      executed.run(log.blockNumber, log.blockTime, log.txHash, log.args.proposalId.toString());
    },
    ProposalCanceled(log) {
      const id = log.args.proposalId.toString();
      const by = (executingSafe.get(log.txHash, log.id) as string | undefined) ?? null;
      canceled.run(log.blockNumber, log.blockTime, log.txHash, by, id);
      const guardian = currentGuardian.get() as string | undefined;
      const seq = proposalSeq.get(id) as number | undefined;
      if (by && guardian && by === guardian && seq !== undefined) {
        insertGuardianAction.run(log.id, by, seq, log.blockNumber, log.blockTime, log.txHash);
      }
    },
    ProposalExtended(log) {
      extended.run(
        Number(log.args.extendedDeadline),
        log.blockNumber,
        log.blockTime,
        log.txHash,
        log.args.proposalId.toString(),
      );
    },
  };
  for (const [event, name] of Object.entries(GOVERNOR_SETTING_EVENTS)) {
    handlers[event] = (log) => {
      const [oldValue, newValue] = [log.args[0], log.args[1]].map((v) =>
        typeof v === "string" ? dbAddress(v) : (v as bigint).toString(),
      );
      insertSetting.run(log.id, name, oldValue, newValue, log.blockNumber, log.blockTime);
    };
  }
  return handlers;
}

/** OpenZeppelin Governor (with settings, counting simple, quorum fraction, timelock, late quorum, guardian). */
export const governorKind: ContractKind = {
  kind: "governor",
  abi: STAB3LGovernor__factory.createInterface(),
  handlers: governorHandlers,
  projectedOnly: ["VoteCast", "VoteCastWithParams"],
};
