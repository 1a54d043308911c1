import { createRequire } from "node:module";
import { Interface } from "ethers";
import type { Db } from "../../db/schema.js";
import { dbAddress } from "../../ids.js";
import type { ContractKind, EventHandler } from "../types.js";

const require = createRequire(import.meta.url);
const SAFE_L2_ABI = (
  require("@safe-global/safe-smart-account/build/artifacts/contracts/SafeL2.sol/SafeL2.json") as { abi: unknown[] }
).abi;

function safeHandlers(db: Db): Record<string, EventHandler> {
  const owners = db.prepare(`SELECT owners FROM safes WHERE address = ?`).pluck();
  const setOwners = db.prepare(`UPDATE safes SET owners = ? WHERE address = ?`);
  const setup = db.prepare(`UPDATE safes SET owners = ?, threshold = ? WHERE address = ?`);
  const setThreshold = db.prepare(`UPDATE safes SET threshold = ? WHERE address = ?`);
  const insertTx = db.prepare(
    `INSERT INTO safe_transactions (id, safe, to_address, value, data, operation, block_number, block_time, tx_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const finish = db.prepare(
    `UPDATE safe_transactions SET success = ?, safe_tx_hash = ?
     WHERE id = (SELECT id FROM safe_transactions WHERE safe = ? AND tx_hash = ? AND success IS NULL
                 ORDER BY id DESC LIMIT 1)`,
  );
  const executed = db.prepare(`UPDATE safes SET executed = executed + 1 WHERE address = ?`);

  const ownerList = (safe: string) => JSON.parse((owners.get(safe) as string | undefined) ?? "[]") as string[];
  const done = (success: number) => (log: Parameters<EventHandler>[0]) => {
    finish.run(success, log.args.txHash, log.address, log.txHash);
    executed.run(log.address);
  };

  return {
    SafeSetup(log) {
      setup.run(
        JSON.stringify(log.args.owners.map((o: string) => dbAddress(o))),
        Number(log.args.threshold),
        log.address,
      );
    },
    AddedOwner(log) {
      setOwners.run(JSON.stringify([...ownerList(log.address), dbAddress(log.args.owner)]), log.address);
    },
    RemovedOwner(log) {
      const removed = dbAddress(log.args.owner);
      setOwners.run(JSON.stringify(ownerList(log.address).filter((o) => o !== removed)), log.address);
    },
    ChangedThreshold(log) {
      setThreshold.run(Number(log.args.threshold), log.address);
    },
    SafeMultiSigTransaction(log) {
      const a = log.args;
      insertTx.run(
        log.id,
        log.address,
        dbAddress(a.to),
        a.value.toString(),
        a.data,
        Number(a.operation),
        log.blockNumber,
        log.blockTime,
        log.txHash,
      );
    },
    ExecutionSuccess: done(1),
    ExecutionFailure: done(0),
  };
}

/** Safe (SafeL2 1.4/1.5 events). */
export const safeKind: ContractKind = {
  kind: "safe",
  abi: new Interface(SAFE_L2_ABI as never),
  handlers: safeHandlers,
};
