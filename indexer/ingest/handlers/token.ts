import { ZeroAddress } from "ethers";
import { RSTBToken__factory } from "../../../governance/contracts.js";
import type { Db } from "../../db/schema.js";
import { dbAddress, sortKey } from "../../ids.js";
import type { ContractKind, EventHandler } from "../types.js";

const ZERO = dbAddress(ZeroAddress);

function tokenHandlers(db: Db): Record<string, EventHandler> {
  const balance = db.prepare(`SELECT balance FROM balances WHERE address = ?`).pluck();
  const setBalance = db.prepare(
    `INSERT INTO balances (address, balance) VALUES (?, ?)
     ON CONFLICT (address) DO UPDATE SET balance = excluded.balance`,
  );
  const lastSupply = db.prepare(`SELECT supply FROM supply_checkpoints ORDER BY id DESC LIMIT 1`).pluck();
  const insertSupply = db.prepare(
    `INSERT INTO supply_checkpoints (id, block_number, block_time, supply) VALUES (?, ?, ?, ?)`,
  );
  const ensureDelegate = db.prepare(`INSERT INTO delegates (address, seq) VALUES (?, ?) ON CONFLICT DO NOTHING`);
  const addDelegators = db.prepare(`UPDATE delegates SET delegators = delegators + ? WHERE address = ?`);
  const setDelegation = db.prepare(
    `INSERT INTO delegations (delegator, delegate, block_number, block_time, tx_hash) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (delegator) DO UPDATE SET delegate = excluded.delegate, block_number = excluded.block_number,
       block_time = excluded.block_time, tx_hash = excluded.tx_hash`,
  );
  const removeDelegation = db.prepare(`DELETE FROM delegations WHERE delegator = ?`);
  const setVotes = db.prepare(`UPDATE delegates SET votes = ?, votes_key = ? WHERE address = ?`);
  const insertChange = db.prepare(
    `INSERT INTO vote_power_changes (id, delegate, previous, current, block_number, block_time, tx_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  const move = (address: string, delta: bigint) => {
    const current = BigInt((balance.get(address) as string | undefined) ?? "0");
    setBalance.run(address, (current + delta).toString());
  };

  return {
    Transfer(log) {
      const from = dbAddress(log.args.from);
      const to = dbAddress(log.args.to);
      const value = log.args.value as bigint;
      if (from !== ZERO) move(from, -value);
      if (to !== ZERO) move(to, value);
      if (from === ZERO || to === ZERO) {
        const supply = BigInt((lastSupply.get() as string | undefined) ?? "0");
        insertSupply.run(
          log.id,
          log.blockNumber,
          log.blockTime,
          (from === ZERO ? supply + value : supply - value).toString(),
        );
      }
    },
    DelegateChanged(log) {
      const delegator = dbAddress(log.args.delegator);
      const from = dbAddress(log.args.fromDelegate);
      const to = dbAddress(log.args.toDelegate);
      if (from !== ZERO) addDelegators.run(-1, from);
      if (to !== ZERO) {
        ensureDelegate.run(to, log.id);
        addDelegators.run(1, to);
        setDelegation.run(delegator, to, log.blockNumber, log.blockTime, log.txHash);
      } else {
        removeDelegation.run(delegator);
      }
    },
    DelegateVotesChanged(log) {
      const delegate = dbAddress(log.args.delegate);
      const votes = log.args.newVotes as bigint;
      ensureDelegate.run(delegate, log.id);
      setVotes.run(votes.toString(), sortKey(votes), delegate);
      insertChange.run(
        log.id,
        delegate,
        (log.args.previousVotes as bigint).toString(),
        votes.toString(),
        log.blockNumber,
        log.blockTime,
        log.txHash,
      );
    },
  };
}

/** ERC20Votes token (rSTB): balances, supply checkpoints, delegations and voting power. */
export const votesTokenKind: ContractKind = {
  kind: "votes-token",
  abi: RSTBToken__factory.createInterface(),
  handlers: tokenHandlers,
  projectedOnly: ["DelegateVotesChanged"],
};
