import { STAB3LAuthority__factory } from "../../../governance/contracts.js";
import type { Db } from "../../db/schema.js";
import { dbAddress } from "../../ids.js";
import type { ContractKind, EventHandler, IndexedLog } from "../types.js";

/** pausedUntil of a pause confirmed by governance (type(uint64).max). */
export const CONFIRMED_UNTIL = (2n ** 64n - 1n).toString();

function authorityHandlers(db: Db): Record<string, EventHandler> {
  const upsertPause = db.prepare(
    `INSERT INTO pauses (target, selector, paused_until, confirmed, guardian, reason, paused_id, last_id, last_kind)
     VALUES (@target, @selector, @until, @confirmed, @guardian, @reason, @pausedId, @id, @kind)
     ON CONFLICT (target, selector) DO UPDATE SET paused_until = excluded.paused_until,
       confirmed = excluded.confirmed,
       guardian = COALESCE(excluded.guardian, pauses.guardian),
       reason = COALESCE(excluded.reason, pauses.reason),
       paused_id = COALESCE(excluded.paused_id, pauses.paused_id),
       last_id = excluded.last_id, last_kind = excluded.last_kind`,
  );
  const pauseEvent = db.prepare(
    `INSERT INTO pause_events (id, target, selector, kind, guardian, paused_until, previous_until, reason,
       block_number, block_time, tx_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const guardianAction = db.prepare(
    `INSERT INTO guardian_actions (id, kind, guardian, target, selector, paused_until, reason, block_number,
       block_time, tx_hash)
     VALUES (?, 'PAUSE', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const grant = db.prepare(
    `INSERT INTO role_members (role_id, account, execution_delay, since, granted_id) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (role_id, account) DO UPDATE SET execution_delay = excluded.execution_delay,
       since = excluded.since, granted_id = excluded.granted_id`,
  );
  const revoke = db.prepare(`DELETE FROM role_members WHERE role_id = ? AND account = ?`);
  const label = db.prepare(
    `INSERT INTO role_labels (role_id, label) VALUES (?, ?) ON CONFLICT (role_id) DO UPDATE SET label = excluded.label`,
  );

  const record = (log: IndexedLog, kind: string, until: string, previous: string | null) => {
    const target = dbAddress(log.args.target);
    const selector = log.args.selector as string;
    const guardian = kind === "GUARDIAN_PAUSED" ? dbAddress(log.args.guardian) : null;
    const reason = kind === "GUARDIAN_PAUSED" ? (log.args.reason as string) : null;
    upsertPause.run({
      target,
      selector,
      until,
      confirmed: kind === "CONFIRMED" ? 1 : 0,
      guardian,
      reason,
      pausedId: kind === "UNPAUSED" ? null : log.id,
      id: log.id,
      kind,
    });
    pauseEvent.run(
      log.id,
      target,
      selector,
      kind,
      guardian,
      until,
      previous,
      reason,
      log.blockNumber,
      log.blockTime,
      log.txHash,
    );
    if (guardian) {
      guardianAction.run(log.id, guardian, target, selector, until, reason, log.blockNumber, log.blockTime, log.txHash);
    }
  };

  return {
    GuardianPaused(log) {
      record(log, "GUARDIAN_PAUSED", log.args.pausedUntil.toString(), null);
    },
    PauseConfirmed(log) {
      record(log, "CONFIRMED", CONFIRMED_UNTIL, log.args.previousPausedUntil.toString());
    },
    Unpaused(log) {
      record(log, "UNPAUSED", "0", log.args.previousPausedUntil.toString());
    },
    RoleGranted(log) {
      grant.run(
        log.args.roleId.toString(),
        dbAddress(log.args.account),
        Number(log.args.delay),
        Number(log.args.since),
        log.id,
      );
    },
    RoleRevoked(log) {
      revoke.run(log.args.roleId.toString(), dbAddress(log.args.account));
    },
    RoleLabel(log) {
      label.run(log.args.roleId.toString(), log.args.label);
    },
  };
}

/** STAB3LAuthority: OpenZeppelin AccessManager plus expiring guardian pauses. */
export const authorityKind: ContractKind = {
  kind: "authority",
  abi: STAB3LAuthority__factory.createInterface(),
  handlers: authorityHandlers,
};
