/**
 * Property test of the bridge half of INV-BACKING: random transfers out of home and out of the remote, relayed in
 * random order (sometimes twice), with time passing across rate-limit windows. After every step:
 *
 *   home     the sSTB supply never changes (the home bridge locks and releases, it never mints or burns);
 *   remote   sSTB supply = bridged in − bridged out (the remote bridge's mint and burn counters);
 *   both     locked at home = remote supply + every amount still in flight, in either direction;
 *            each user's sSTB on both chains = what it had − what it sent + what was delivered to it.
 *
 * Every refused action must be refused with a named bridge or token error. Seeds: PROP_SEEDS, PROP_STEPS.
 */
import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse, Signer } from "ethers";
import { decodeError } from "../../governance/abis.js";
import { parameterKey } from "../../governance/catalog/index.js";
import { seededRandom } from "../../oracles/simulator.js";
import type { BridgeMessage } from "../../relayer/messages.js";
import { HOME, REMOTE, WAD, bridgePair, signFor, type BridgePair } from "../bridge/fixture.js";

const SEEDS = (process.env.PROP_SEEDS ?? "1,2,3").split(",").map(Number);
const STEPS = Number(process.env.PROP_STEPS ?? 60);

/** Refusals an action may legitimately meet. */
const ALLOWED = new Set(["BridgeRateLimited", "BridgeMessageAlreadyProcessed", "ERC20InsufficientBalance"]);

interface Flight {
  message: BridgeMessage;
  to: "home" | "remote";
  delivered: boolean;
}

describe("invariants over random bridge traffic (INV-BACKING across chains)", () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${STEPS} random steps keep supply, locks and balances consistent`, async () => {
      const p: BridgePair = await loadFixture(bridgePair);
      const rng = seededRandom(seed);
      const users = [p.users.alice, p.users.bob, p.users.carol];
      const addresses = await Promise.all(users.map((u) => u.getAddress()));
      const flights: Flight[] = [];
      const remoteBridge = await p.remote.bridge.getAddress();
      const homeSupply = await p.home.sstb.totalSupply();
      const limit = await p.core.parameters.get(parameterKey("bridge.rateLimitPerWindow"));
      const held = async (a: string) => (await p.home.sstb.balanceOf(a)) + (await p.remote.sstb.balanceOf(a));
      const owned = new Map<string, bigint>();
      for (const a of addresses) owned.set(a, await held(a));
      const between = (lo: bigint, hi: bigint) => lo + BigInt(Math.floor(rng() * Number(hi - lo + 1n)));
      const pick = <T>(list: readonly T[]): T | undefined =>
        list.length === 0 ? undefined : list[Math.floor(rng() * list.length)];

      /** Send; undefined on success, else the name of the allowed error that refused it. */
      const attempt = async (label: string, send: () => Promise<ContractTransactionResponse>) => {
        try {
          await (await send()).wait();
          return undefined;
        } catch (err) {
          const name = decodeError((err as { data?: string }).data).name;
          if (!name || !ALLOWED.has(name)) throw new Error(`${label} failed with ${name ?? (err as Error).message}`);
          return name;
        }
      };

      const sendOut = async (from: "home" | "remote", user: Signer, to: string) => {
        const side = from === "home" ? p.home : p.remote;
        const sender = await user.getAddress();
        const balance = await side.sstb.balanceOf(sender);
        // Mostly within the balance and a third of the window's limit (so the limit is met now and then),
        // sometimes beyond the balance.
        const room = balance < limit / 3n ? balance : limit / 3n;
        const amount = rng() < 0.85 ? (room * between(1n, 100n)) / 100n + 1n : balance + between(1n, 10n) * WAD;
        const nonce = await side.bridge.nextNonce();
        const dst = from === "home" ? REMOTE : HOME;
        const refused = await attempt(`bridgeOut from ${from}`, () =>
          side.bridge.connect(user).bridgeOut(dst, to, amount),
        );
        const ok = refused === undefined;
        if (ok) {
          const route = from === "home" ? p.routes.toRemote : p.routes.toHome;
          const message = { ...route, nonce, sender, recipient: to, amount };
          flights.push({ message, to: from === "home" ? "remote" : "home", delivered: false });
        }
        return `${from} → ${amount / WAD} sSTB ${ok ? "ok" : "refused"}`;
      };

      const relay = async () => {
        // A message still in flight, or now and then one already delivered (a replay).
        const replay = rng() < 0.15;
        const flight = pick(flights.filter((f) => f.delivered === replay));
        if (!flight) return "relay (nothing)";
        const side = flight.to === "home" ? p.home : p.remote;
        const signatures = await signFor(side, flight.message);
        const refused = await attempt("relay", () =>
          side.bridge.connect(p.users.keeper).receiveMessage(flight.message, signatures),
        );
        const ok = refused === undefined;
        if (replay) expect(refused, "a replayed message").to.equal("BridgeMessageAlreadyProcessed");
        else if (ok) flight.delivered = true;
        return `relay to ${flight.to} #${flight.message.nonce}${replay ? " again" : ""} ${ok ? "ok" : "refused"}`;
      };

      const checkInvariants = async () => {
        const remoteSupply = await p.remote.sstb.totalSupply();
        expect(await p.home.sstb.totalSupply(), "home supply").to.equal(homeSupply);
        // From the test's own record of the traffic, not the token's counters.
        const bridgedIn = flights
          .filter((f) => f.delivered && f.to === "remote")
          .reduce((s, f) => s + f.message.amount, 0n);
        const bridgedOut = flights.filter((f) => f.to === "home").reduce((s, f) => s + f.message.amount, 0n);
        expect(remoteSupply, "remote supply = bridged in − bridged out").to.equal(bridgedIn - bridgedOut);
        expect(await p.remote.sstb.mintedBy(remoteBridge), "the remote bridge's mint counter").to.equal(bridgedIn);
        expect(await p.remote.sstb.burnedBy(remoteBridge), "the remote bridge's burn counter").to.equal(bridgedOut);
        const inFlight = flights.filter((f) => !f.delivered).reduce((s, f) => s + f.message.amount, 0n);
        expect(await p.home.bridge.locked(), "locked = remote supply + in flight").to.equal(remoteSupply + inFlight);
        for (const a of addresses) {
          // Tokens leave a user when it sends and reach the recipient when the message is delivered.
          const sent = flights.filter((f) => f.message.sender === a).reduce((s, f) => s + f.message.amount, 0n);
          const received = flights
            .filter((f) => f.delivered && f.message.recipient === a)
            .reduce((s, f) => s + f.message.amount, 0n);
          expect(await held(a), `${a}: sSTB on both chains`).to.equal(owned.get(a)! - sent + received);
        }
      };

      const log: string[] = [];
      try {
        for (let step = 0; step < STEPS; step++) {
          const r = rng();
          let label: string;
          if (r < 0.35) {
            label = await sendOut("home", pick(users)!, pick(addresses)!);
          } else if (r < 0.55) {
            const withRemote: Signer[] = [];
            for (const u of users) if ((await p.remote.sstb.balanceOf(await u.getAddress())) > 0n) withRemote.push(u);
            label = await sendOut("remote", pick(withRemote) ?? pick(users)!, pick(addresses)!);
          } else if (r < 0.9) {
            label = await relay();
          } else {
            await time.increase(Number(between(3_600n, 2n * 86_400n)));
            label = "time";
          }
          log.push(`${step}: ${label}`);
          await checkInvariants();
        }
      } catch (err) {
        throw new Error(
          `property failure with seed ${seed} (replay: PROP_SEEDS=${seed} PROP_STEPS=${STEPS})\n` +
            `last steps:\n  ${log.slice(-12).join("\n  ")}\n${(err as Error).message}`,
        );
      }
      if (process.env.PROP_VERBOSE) console.log(`seed ${seed}:\n  ${log.join("\n  ")}`);
      const delivered = flights.filter((f) => f.delivered).length;
      expect(delivered, "messages delivered").to.be.greaterThan(STEPS / 10);
      expect(
        flights.some((f) => f.delivered && f.to === "home"),
        "a message delivered back home",
      ).to.equal(true);
    });
  }
});
