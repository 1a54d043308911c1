import { TimelockController__factory } from "../../../governance/contracts.js";
import type { Db } from "../../db/schema.js";
import type { ContractKind, EventHandler } from "../types.js";

function timelockHandlers(db: Db): Record<string, EventHandler> {
  const schedule = db.prepare(
    `INSERT INTO timelock_operations (id, calls, delay, ready_at, scheduled_block, scheduled_time, scheduled_tx)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET calls = MAX(calls, excluded.calls)`,
  );
  const executed = db.prepare(
    `UPDATE timelock_operations SET executed_block = ?, executed_time = ?, executed_tx = ? WHERE id = ?`,
  );
  const cancelled = db.prepare(
    `UPDATE timelock_operations SET cancelled_block = ?, cancelled_time = ?, cancelled_tx = ? WHERE id = ?`,
  );
  const insertSetting = db.prepare(
    `INSERT INTO governor_settings (id, name, old_value, new_value, block_number, block_time) VALUES (?, 'timelockMinDelay', ?, ?, ?, ?)`,
  );
  return {
    CallScheduled(log) {
      const delay = Number(log.args.delay);
      schedule.run(
        log.args.id,
        Number(log.args.index) + 1,
        delay,
        log.blockTime + delay,
        log.blockNumber,
        log.blockTime,
        log.txHash,
      );
    },
    CallExecuted(log) {
      executed.run(log.blockNumber, log.blockTime, log.txHash, log.args.id);
    },
    Cancelled(log) {
      cancelled.run(log.blockNumber, log.blockTime, log.txHash, log.args.id);
    },
    MinDelayChange(log) {
      insertSetting.run(
        log.id,
        log.args.oldDuration.toString(),
        log.args.newDuration.toString(),
        log.blockNumber,
        log.blockTime,
      );
    },
  };
}

/** OpenZeppelin TimelockController. */
export const timelockKind: ContractKind = {
  kind: "timelock",
  abi: TimelockController__factory.createInterface(),
  handlers: timelockHandlers,
};
