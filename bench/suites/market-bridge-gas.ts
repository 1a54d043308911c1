import hre from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse } from "ethers";
import { localWallet } from "../../governance/accounts.js";
import { parameterKey } from "../../governance/catalog/index.js";
import { signAll, type BridgeMessage } from "../../relayer/messages.js";
import { HOME, REMOTE, bridgePair, signFor, type BridgePair } from "../../test/bridge/fixture.js";
import { USDC, WAD, alignedExpiry, setCuPrice, settlementRound } from "../../test/market/fixture.js";
import type { BenchRow, BenchSuite } from "../lib.js";
import { nameAddresses, traceIfOver } from "../trace.js";

const TARGET = "< 200000";
const DAY = 86_400n;

async function gas(tx: Promise<ContractTransactionResponse>, label = "transaction"): Promise<number> {
  const receipt = (await (await tx).wait())!;
  await traceIfOver(label, receipt.hash, Number(receipt.gasUsed));
  return Number(receipt.gasUsed);
}

/** Gas of every user-facing market transaction, in a realistic sequence on the production deployment. */
async function markets(p: BridgePair): Promise<BenchRow[]> {
  const { lp, alice, bob, carol, keeper } = p.users;
  const rows: [string, number][] = [];
  const measure = async (name: string, tx: Promise<ContractTransactionResponse>) =>
    rows.push([name, await gas(tx, name)]);

  // Spot
  await measure(
    "spot addLiquidity (first deposit)",
    p.spot.connect(lp).addLiquidity(1_000_000n * WAD, 60_000n * USDC, 0n),
  );
  await measure("spot addLiquidity", p.spot.connect(carol).addLiquidity(10_000n * WAD, 600n * USDC, 0n));
  await measure("spot swap (sell sSTB)", p.spot.connect(alice).swap(true, 1_000n * WAD, 0n));
  await measure("spot swap (buy sSTB)", p.spot.connect(bob).swap(false, 60n * USDC, 0n));
  await measure(
    "spot removeLiquidity",
    p.spot.connect(carol).removeLiquidity((await p.spot.sharesOf(carol.address)) / 2n, 0n, 0n),
  );

  // Peg: the first poke starts an averaging window; a poke a window later evaluates the model over it.
  await measure("peg poke (starts a window)", p.peg.connect(keeper).poke());
  await time.increase(await p.core.parameters.get(parameterKey("peg.twapWindow")));
  await measure("peg poke", p.peg.connect(keeper).poke());

  // Futures
  const expiry = alignedExpiry(BigInt(await time.latest()), DAY, DAY);
  await measure("futures fundInsurance", p.futures.connect(keeper).fundInsurance(100_000n * USDC));
  await measure(
    "futures openPosition (first)",
    p.futures.connect(alice).openPosition(expiry, true, 100_000n * WAD, 1_000n * USDC),
  );
  await measure(
    "futures openPosition",
    p.futures.connect(bob).openPosition(expiry, false, 50_000n * WAD, 1_000n * USDC),
  );
  await (await p.futures.connect(carol).openPosition(expiry, true, 100_000n * WAD, 700n * USDC)).wait();
  await (await p.futures.connect(carol).openPosition(expiry, true, 10_000n * WAD, 200n * USDC)).wait();
  await measure("futures addMargin", p.futures.connect(alice).addMargin(1n, 100n * USDC));
  await measure("futures removeMargin", p.futures.connect(alice).removeMargin(1n, 100n * USDC));
  await measure("futures closePosition", p.futures.connect(bob).closePosition(2n));
  await setCuPrice(p, 55n * 10n ** 15n);
  await measure("futures liquidate", p.futures.connect(keeper).liquidate(3n));

  // Options
  const optExpiry = alignedExpiry(BigInt(await time.latest()), DAY, DAY);
  const strike = 55n * 10n ** 15n;
  await measure("options write (call)", p.options.connect(alice).write(true, strike, optExpiry, 10_000n * WAD, 2_000n));
  await measure("options write (put)", p.options.connect(bob).write(false, strike, optExpiry, 10_000n * WAD, 2_000n));
  await measure("options buy", p.options.connect(carol).buy(1n, 4_000n * WAD));
  await (await p.options.connect(carol).buy(2n, 4_000n * WAD)).wait();
  await measure("options cancelUnsold", p.options.connect(bob).cancelUnsold(2n));

  // Expiry: settlement, exercise, reclaim.
  await time.increaseTo(expiry > optExpiry ? expiry : optExpiry);
  await setCuPrice(p, 58n * 10n ** 15n);
  await measure(
    "futures fixSettlementPrice",
    p.futures.connect(keeper).fixSettlementPrice(expiry, await settlementRound(p, expiry)),
  );
  await measure("futures settle", p.futures.connect(keeper).settle(1n));
  await measure(
    "options fixSettlementPrice",
    p.options.connect(keeper).fixSettlementPrice(optExpiry, await settlementRound(p, optExpiry)),
  );
  await measure("options exercise (first)", p.options.connect(carol).exercise(1n));
  await measure("options exercise", p.options.connect(carol).exercise(2n));
  await measure("options reclaim", p.options.connect(keeper).reclaim(1n));
  return rows.map(([name, value]) => ({ name, unit: "gas", value, target: TARGET }));
}

/** Gas of the bridge's user transactions, and the verification cost for 1, 3, 5 and 7 relayer signatures. */
async function bridge(p: BridgePair): Promise<BenchRow[]> {
  const { alice, bob, keeper } = p.users;
  const rows: BenchRow[] = [];
  const out = async (amount: bigint): Promise<[BridgeMessage, number]> => {
    const nonce = await p.home.bridge.nextNonce();
    const used = await gas(p.home.bridge.connect(alice).bridgeOut(REMOTE, bob.address, amount));
    return [{ ...p.routes.toRemote, nonce, sender: alice.address, recipient: bob.address, amount }, used];
  };
  const [m0, lockGas] = await out(1_000n * WAD);
  const [m1, lockGas2] = await out(1_000n * WAD);
  rows.push({ name: "bridge bridgeOut (home: lock, first to the chain)", unit: "gas", value: lockGas, target: TARGET });
  rows.push({ name: "bridge bridgeOut (home: lock)", unit: "gas", value: lockGas2, target: TARGET });
  const mint0 = await gas(
    p.remote.bridge.connect(keeper).receiveMessage(m0, await signFor(p.remote, m0)),
    "remote mint first",
  );
  const mint1 = await gas(p.remote.bridge.connect(keeper).receiveMessage(m1, await signFor(p.remote, m1)));
  rows.push({ name: "bridge receiveMessage (remote: mint, 2 sigs, first)", unit: "gas", value: mint0, target: TARGET });
  rows.push({ name: "bridge receiveMessage (remote: mint, 2 sigs)", unit: "gas", value: mint1, target: TARGET });
  const burnNonce = await p.remote.bridge.nextNonce();
  const burn = await gas(p.remote.bridge.connect(bob).bridgeOut(HOME, bob.address, 500n * WAD));
  rows.push({ name: "bridge bridgeOut (remote: burn)", unit: "gas", value: burn, target: TARGET });
  const back: BridgeMessage = {
    ...p.routes.toHome,
    nonce: burnNonce,
    sender: bob.address,
    recipient: bob.address,
    amount: 500n * WAD,
  };
  const release = await gas(p.home.bridge.connect(keeper).receiveMessage(back, await signFor(p.home, back)));
  rows.push({ name: "bridge receiveMessage (home: release, 2 sigs)", unit: "gas", value: release, target: TARGET });

  // Verification cost by signature count, on the remote side, whose authority the bench administers directly
  // (the same contracts as production; only the threshold changes between rounds).
  const relayers = Array.from({ length: 7 }, (_, i) => localWallet(23 + i));
  for (const r of relayers.slice(3)) await (await p.remote.verifier.setRelayer(r.address, true)).wait();
  for (const n of [1, 3, 5, 7]) {
    await time.increase(Number(DAY) + 1); // the threshold's cooldown
    await (await p.remote.params.setParameter(parameterKey("bridge.relayerThreshold"), BigInt(n))).wait();
    const [m] = await out(100n * WAD);
    const remoteBridge = await p.remote.bridge.getAddress();
    const sigs = await signAll(relayers.slice(0, n), p.remote.domain, m);
    // The verifier checks signatures for its caller, the destination bridge: estimate as that bridge calls it.
    const verifyOnly =
      Number(await p.remote.verifier.connect(hre.ethers.provider).verify.estimateGas(m, sigs, { from: remoteBridge })) -
      21_000;
    const full = await gas(p.remote.bridge.connect(keeper).receiveMessage(m, sigs));
    rows.push({
      name: `bridge verify only, ${n} signature${n > 1 ? "s" : ""} (estimate − 21k)`,
      unit: "gas",
      value: verifyOnly,
    });
    rows.push({
      name: `bridge receiveMessage (mint), ${n} signature${n > 1 ? "s" : ""}`,
      unit: "gas",
      value: full,
      target: TARGET,
    });
  }
  return rows;
}

export const marketBridgeGas: BenchSuite = {
  name: "market-bridge-gas",
  async run() {
    const p = await bridgePair();
    nameAddresses(p.deployment.contracts);
    nameAddresses({
      RemoteBridge: await p.remote.bridge.getAddress(),
      RemoteSSTB: await p.remote.sstb.getAddress(),
      RemoteVerifier: await p.remote.verifier.getAddress(),
      RemoteAuthority: await p.remote.authority.getAddress(),
      RemoteParameterStore: await p.remote.params.getAddress(),
    });
    return [...(await markets(p)), ...(await bridge(p))];
  },
};
