import { decodeBytes32String } from "ethers";
import { ParameterStore__factory } from "../../../governance/contracts.js";
import type { Db } from "../../db/schema.js";
import type { ContractKind, EventHandler, IndexedLog } from "../types.js";

/** The catalog name of a bytes32 key ("staking.minPeriod"), or the hex itself when it is not a short string. */
export function parameterName(key: string): string {
  try {
    return decodeBytes32String(key);
  } catch {
    return key;
  }
}

function parameterHandlers(db: Db): Record<string, EventHandler> {
  const register = db.prepare(
    `INSERT INTO parameters (key, name, unit, min, max, step_kind, max_step, cooldown, registered_id, registered_block,
       registered_time, registered_tx)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const change = db.prepare(
    `INSERT INTO parameter_changes (id, key, kind, old_value, new_value, effective_at, details, block_number,
       block_time, tx_hash)
     VALUES (@id, @key, @kind, @oldValue, @newValue, @effectiveAt, @details, @block, @time, @tx)`,
  );
  const pendingSet = db
    .prepare(
      `SELECT id FROM parameter_changes
       WHERE key = ? AND kind = 'SET' AND cancelled_id IS NULL AND effective_at = ? AND new_value = ?
       ORDER BY id DESC LIMIT 1`,
    )
    .pluck();
  const markCancelled = db.prepare(`UPDATE parameter_changes SET cancelled_id = ? WHERE id = ?`);
  const setBounds = db.prepare(`UPDATE parameters SET min = ?, max = ? WHERE key = ?`);
  const setRules = db.prepare(`UPDATE parameters SET step_kind = ?, max_step = ?, cooldown = ? WHERE key = ?`);

  const row = (log: IndexedLog, kind: string, fields: Partial<Record<string, unknown>>) =>
    change.run({
      id: log.id,
      key: log.args.key,
      kind,
      oldValue: null,
      newValue: null,
      effectiveAt: null,
      details: null,
      block: log.blockNumber,
      time: log.blockTime,
      tx: log.txHash,
      ...fields,
    });

  return {
    ParameterRegistered(log) {
      const { key, unit, rules } = log.args;
      register.run(
        key,
        parameterName(key),
        Number(unit),
        rules.min.toString(),
        rules.max.toString(),
        Number(rules.stepKind),
        rules.maxStep.toString(),
        Number(rules.cooldown),
        log.id,
        log.blockNumber,
        log.blockTime,
        log.txHash,
      );
      row(log, "REGISTERED", {
        details: JSON.stringify({
          unit: Number(unit),
          min: rules.min.toString(),
          max: rules.max.toString(),
          stepKind: Number(rules.stepKind),
          maxStep: rules.maxStep.toString(),
          cooldown: Number(rules.cooldown),
        }),
      });
    },
    ParameterSet(log) {
      row(log, "SET", {
        oldValue: log.args.oldValue.toString(),
        newValue: log.args.newValue.toString(),
        effectiveAt: Number(log.args.effectiveAt),
      });
    },
    ParameterScheduleCancelled(log) {
      const effectiveAt = Number(log.args.effectiveAt);
      const value = log.args.cancelledValue.toString();
      const scheduled = pendingSet.get(log.args.key, effectiveAt, value) as number | undefined;
      if (scheduled !== undefined) markCancelled.run(log.id, scheduled);
      row(log, "SCHEDULE_CANCELLED", { newValue: value, effectiveAt });
    },
    ParameterBoundsSet(log) {
      const { key, oldMin, oldMax, newMin, newMax } = log.args;
      setBounds.run(newMin.toString(), newMax.toString(), key);
      row(log, "BOUNDS_SET", {
        details: JSON.stringify({
          oldMin: oldMin.toString(),
          oldMax: oldMax.toString(),
          newMin: newMin.toString(),
          newMax: newMax.toString(),
        }),
      });
    },
    ParameterChangeRulesSet(log) {
      const a = log.args;
      setRules.run(Number(a.newStepKind), a.newMaxStep.toString(), Number(a.newCooldown), a.key);
      row(log, "RULES_SET", {
        details: JSON.stringify({
          oldStepKind: Number(a.oldStepKind),
          oldMaxStep: a.oldMaxStep.toString(),
          oldCooldown: Number(a.oldCooldown),
          newStepKind: Number(a.newStepKind),
          newMaxStep: a.newMaxStep.toString(),
          newCooldown: Number(a.newCooldown),
        }),
      });
    },
  };
}

/** STAB3L ParameterStore. */
export const parameterStoreKind: ContractKind = {
  kind: "parameter-store",
  abi: ParameterStore__factory.createInterface(),
  handlers: parameterHandlers,
};
