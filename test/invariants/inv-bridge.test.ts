import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { localWallet } from "../../governance/accounts.js";
import { signAll, type BridgeMessage } from "../../relayer/messages.js";
import { HOME, REMOTE, WAD, bridgePair, relayerWallets, signFor, type BridgePair } from "../bridge/fixture.js";
import { forAllSeeds, type Prng } from "./prng.js";

/**
 * INV-BRIDGE, over random sequences of sends in both directions, deliveries in any order, replays, deliveries with
 * too few or foreign signatures, and time passing (rate-limit windows):
 *   (a) sSTB locked at home = sSTB supply on the remote + amounts in flight (sent, not yet delivered);
 *   (b) no message is processed twice;
 *   (c) nothing is minted or released without the threshold of relayer signatures.
 */
describe("INV-BRIDGE: locked at home = minted on remotes; no replay; no mint without threshold signatures", () => {
  it("holds over random operation sequences", async function () {
    this.timeout(600_000);
    await forAllSeeds(4, async (rng) => {
      const p = await loadFixture(bridgePair);
      const users = Object.values(p.users);
      const pending: BridgeMessage[] = [];
      const delivered: BridgeMessage[] = [];
      let inFlight = 0n;

      const check = async () => {
        const locked = await p.home.bridge.locked();
        expect(locked, "(a) locked = remote supply + in flight").to.equal(
          (await p.remote.sstb.totalSupply()) + inFlight,
        );
        expect(await p.home.sstb.balanceOf(await p.home.bridge.getAddress())).to.equal(locked);
        for (const m of delivered) {
          const side = m.dstChainId === REMOTE ? p.remote : p.home;
          expect(await side.bridge.isProcessed(m.srcChainId, m.srcBridge, m.nonce)).to.equal(true);
        }
        for (const m of pending) {
          const side = m.dstChainId === REMOTE ? p.remote : p.home;
          expect(await side.bridge.isProcessed(m.srcChainId, m.srcBridge, m.nonce)).to.equal(false);
        }
      };

      for (let step = 0; step < 30; step++) {
        const op = rng.int(0, 6);
        if (op <= 1) await sendHome(p, rng, users, pending, (a) => (inFlight += a));
        else if (op === 2) await sendRemote(p, rng, users, pending, (a) => (inFlight += a));
        else if (op === 3 && pending.length) {
          const m = pending.splice(rng.int(0, pending.length - 1), 1)[0];
          const side = m.dstChainId === REMOTE ? p.remote : p.home;
          const r = side.bridge.connect(rng.pick(users)).receiveMessage(m, await signFor(side, m, rng.int(2, 3)));
          // Delivery may hit the inbound rate limit; then the message stays pending.
          try {
            await (await r).wait();
            delivered.push(m);
            inFlight -= m.amount;
          } catch (err) {
            expect(String(err)).to.include("BridgeRateLimited");
            pending.push(m);
          }
        } else if (op === 4 && delivered.length) {
          const m = rng.pick(delivered);
          const side = m.dstChainId === REMOTE ? p.remote : p.home;
          await expect(side.bridge.receiveMessage.staticCall(m, await signFor(side, m)))
            .to.be.revertedWithCustomError(side.bridge, "BridgeMessageAlreadyProcessed")
            .withArgs(m.srcChainId, m.srcBridge, m.nonce);
        } else if (op === 5 && pending.length) {
          const m = rng.pick(pending);
          const side = m.dstChainId === REMOTE ? p.remote : p.home;
          if (rng.chance(0.5)) {
            await expect(side.bridge.connect(p.users.keeper).receiveMessage(m, await signFor(side, m, 1)))
              .to.be.revertedWithCustomError(side.verifier, "VerifierInsufficientSignatures")
              .withArgs(1n, 2n);
          } else {
            const outsider = localWallet(40 + rng.int(0, 5));
            const sigs = await signAll([relayerWallets[0], outsider], side.domain, m);
            await expect(side.bridge.connect(p.users.keeper).receiveMessage(m, sigs))
              .to.be.revertedWithCustomError(side.verifier, "VerifierNotRelayer")
              .withArgs(BigInt(outsider.address) < BigInt(relayerWallets[0].address) ? 0n : 1n, outsider.address);
          }
        } else {
          await time.increase(rng.int(600, 40_000));
        }
        await check();
      }
      // Drain: deliver everything (waiting out windows if needed); then locked = remote supply exactly.
      while (pending.length) {
        const m = pending.shift()!;
        const side = m.dstChainId === REMOTE ? p.remote : p.home;
        try {
          await (await side.bridge.connect(p.users.keeper).receiveMessage(m, await signFor(side, m))).wait();
          inFlight -= m.amount;
          delivered.push(m);
        } catch (err) {
          expect(String(err)).to.include("BridgeRateLimited");
          pending.push(m);
          await time.increase(86_400);
        }
      }
      await check();
      expect(inFlight).to.equal(0n);
      expect(delivered.length, "the sequence moved something").to.be.greaterThan(0);
      expect(await p.home.bridge.locked()).to.equal(await p.remote.sstb.totalSupply());
    });
  });
});

async function sendHome(
  p: BridgePair,
  rng: Prng,
  users: BridgePair["users"][keyof BridgePair["users"]][],
  pending: BridgeMessage[],
  add: (amount: bigint) => void,
) {
  const from = rng.pick(users);
  const to = rng.pick(users);
  const amount = rng.big(1n, 300_000n * WAD);
  const nonce = await p.home.bridge.nextNonce();
  try {
    await (await p.home.bridge.connect(from).bridgeOut(REMOTE, to.address, amount)).wait();
  } catch (err) {
    expect(String(err)).to.include("BridgeRateLimited");
    return;
  }
  pending.push({ ...p.routes.toRemote, nonce, sender: from.address, recipient: to.address, amount });
  add(amount);
}

async function sendRemote(
  p: BridgePair,
  rng: Prng,
  users: BridgePair["users"][keyof BridgePair["users"]][],
  pending: BridgeMessage[],
  add: (amount: bigint) => void,
) {
  const from = rng.pick(users);
  const balance = await p.remote.sstb.balanceOf(from.address);
  if (balance === 0n) return;
  const to = rng.pick(users);
  const amount = rng.big(1n, balance);
  const nonce = await p.remote.bridge.nextNonce();
  try {
    await (await p.remote.bridge.connect(from).bridgeOut(HOME, to.address, amount)).wait();
  } catch (err) {
    expect(String(err)).to.include("BridgeRateLimited");
    return;
  }
  pending.push({ ...p.routes.toHome, nonce, sender: from.address, recipient: to.address, amount });
  add(amount);
}
