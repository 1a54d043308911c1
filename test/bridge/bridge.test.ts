import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { MaxUint256, Wallet } from "ethers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { parameterKey } from "../../governance/catalog/index.js";
import { executeWithOwners } from "../../governance/safe/transactions.js";
import { localWallet } from "../../governance/accounts.js";
import { messageDigest, signAll, signMessage, type BridgeMessage } from "../../relayer/messages.js";
import { Lifecycle } from "../helpers/lifecycle.js";
import { HOME, REMOTE, WAD, bridgePair, relayerWallets, signFor, type BridgePair } from "./fixture.js";

/** Alice sends `amount` home → remote; returns the message relayers sign. */
async function sendOut(p: BridgePair, amount: bigint): Promise<BridgeMessage> {
  const { alice, bob } = p.users;
  const nonce = await p.home.bridge.nextNonce();
  await (await p.home.bridge.connect(alice).bridgeOut(REMOTE, bob.address, amount)).wait();
  return { ...p.routes.toRemote, nonce, sender: alice.address, recipient: bob.address, amount };
}

describe("CrossChainBridge + MessageVerifier", () => {
  it("locks at home, mints on the remote with threshold signatures, burns there and releases at home", async () => {
    const p = await loadFixture(bridgePair);
    const { alice, bob } = p.users;
    const amount = 1_000n * WAD;
    await expect(p.home.bridge.connect(alice).bridgeOut(REMOTE, bob.address, amount))
      .to.emit(p.home.bridge, "MessageSent")
      .withArgs(REMOTE, 0n, alice.address, await p.remote.bridge.getAddress(), bob.address, amount);
    expect(await p.home.bridge.locked()).to.equal(amount);
    const out: BridgeMessage = {
      ...p.routes.toRemote,
      nonce: 0n,
      sender: alice.address,
      recipient: bob.address,
      amount,
    };
    const digest = messageDigest(p.remote.domain, out);
    expect(await p.remote.verifier.hashMessage(out)).to.equal(digest);
    await expect(p.remote.bridge.connect(p.users.keeper).receiveMessage(out, await signFor(p.remote, out)))
      .to.emit(p.remote.bridge, "MessageProcessed")
      .withArgs(HOME, 0n, bob.address, amount, digest);
    expect(await p.remote.sstb.balanceOf(bob.address)).to.equal(amount);
    expect(await p.remote.sstb.totalSupply()).to.equal(amount);

    // Back: Bob burns on the remote, Carol is paid at home.
    const homeBefore = await p.home.sstb.balanceOf(p.users.carol.address);
    await expect(p.remote.bridge.connect(bob).bridgeOut(HOME, p.users.carol.address, amount))
      .to.emit(p.remote.bridge, "MessageSent")
      .withArgs(HOME, 0n, bob.address, await p.home.bridge.getAddress(), p.users.carol.address, amount);
    expect(await p.remote.sstb.totalSupply()).to.equal(0n);
    const back: BridgeMessage = {
      ...p.routes.toHome,
      nonce: 0n,
      sender: bob.address,
      recipient: p.users.carol.address,
      amount,
    };
    await (await p.home.bridge.connect(p.users.keeper).receiveMessage(back, await signFor(p.home, back))).wait();
    expect((await p.home.sstb.balanceOf(p.users.carol.address)) - homeBefore).to.equal(amount);
    expect(await p.home.bridge.locked()).to.equal(0n);
  });

  it("processes a message once", async () => {
    const p = await loadFixture(bridgePair);
    const m = await sendOut(p, 10n * WAD);
    const sigs = await signFor(p.remote, m);
    await (await p.remote.bridge.receiveMessage(m, sigs)).wait();
    await expect(p.remote.bridge.receiveMessage(m, sigs))
      .to.be.revertedWithCustomError(p.remote.bridge, "BridgeMessageAlreadyProcessed")
      .withArgs(HOME, m.srcBridge, m.nonce);
    expect(await p.remote.bridge.isProcessed(HOME, m.srcBridge, m.nonce)).to.equal(true);
  });

  it("messages name their whole route: another source bridge, another destination bridge or caller is refused", async () => {
    const p = await loadFixture(bridgePair);
    const m = await sendOut(p, 10n * WAD);
    const homeBridge = await p.home.bridge.getAddress();
    const remoteBridge = await p.remote.bridge.getAddress();
    const { keeper } = p.users;
    const sigs = await signFor(p.remote, m);
    const verifier = p.remote.verifier.connect(hre.ethers.provider); // calls from any address, signed by none
    expect(await verifier.verify.staticCall(m, sigs, { from: remoteBridge })).to.equal(
      messageDigest(p.remote.domain, m),
    );
    // Another caller of the verifier, e.g. a successor bridge wired to it, is not the message's destination.
    const successor = Wallet.createRandom().address;
    await expect(verifier.verify.staticCall(m, sigs, { from: successor }))
      .to.be.revertedWithCustomError(p.remote.verifier, "VerifierWrongBridge")
      .withArgs(remoteBridge, successor);
    // A message for that successor, threshold-signed, is refused by this bridge.
    const elsewhere = { ...m, dstBridge: successor };
    await expect(p.remote.bridge.connect(keeper).receiveMessage(elsewhere, await signFor(p.remote, elsewhere)))
      .to.be.revertedWithCustomError(p.remote.bridge, "BridgeWrongDestination")
      .withArgs(REMOTE, successor, REMOTE, remoteBridge);
    // The attack on messages that named only the source chain: a second bridge on the home chain (stale, rogue, or
    // a staging deployment) whose messages the relayers sign. Same chain, same nonce, valid signatures: refused,
    // because it is not the home chain's peer bridge.
    const rogue = Wallet.createRandom().address;
    const fromRogue = { ...m, srcBridge: rogue, amount: 1_000_000n * WAD };
    await expect(p.remote.bridge.connect(keeper).receiveMessage(fromRogue, await signFor(p.remote, fromRogue)))
      .to.be.revertedWithCustomError(p.remote.bridge, "BridgeUnknownSourceBridge")
      .withArgs(HOME, rogue, homeBridge);
    // Signatures bind the route: the real message's signatures do not carry over to a changed source bridge.
    await expect(
      p.remote.bridge.connect(keeper).receiveMessage({ ...m, srcBridge: rogue }, sigs),
    ).to.be.revertedWithCustomError(p.remote.bridge, "BridgeUnknownSourceBridge");
    await (await p.remote.bridge.connect(keeper).receiveMessage(m, sigs)).wait();
    expect(await p.remote.sstb.totalSupply()).to.equal(m.amount);

    // Governance re-points the peer to a redeployed home bridge: its nonces start afresh (nonce 0 again is new),
    // and the old bridge's messages are refused from then on.
    const redeployed = Wallet.createRandom().address;
    await expect(p.remote.bridge.setPeerChain(HOME, redeployed))
      .to.emit(p.remote.bridge, "PeerChainSet")
      .withArgs(HOME, homeBridge, redeployed);
    expect(await p.remote.bridge.isProcessed(HOME, homeBridge, m.nonce)).to.equal(true);
    expect(await p.remote.bridge.isProcessed(HOME, redeployed, m.nonce)).to.equal(false);
    const next = await sendOut(p, WAD);
    await expect(p.remote.bridge.connect(keeper).receiveMessage(next, await signFor(p.remote, next)))
      .to.be.revertedWithCustomError(p.remote.bridge, "BridgeUnknownSourceBridge")
      .withArgs(HOME, homeBridge, redeployed);
    const fresh = { ...m, srcBridge: redeployed };
    await expect(p.remote.bridge.connect(keeper).receiveMessage(fresh, await signFor(p.remote, fresh))).to.emit(
      p.remote.bridge,
      "MessageProcessed",
    );
  });

  it("refuses too few, duplicate, unordered, foreign and malformed signatures", async () => {
    const p = await loadFixture(bridgePair);
    const m = await sendOut(p, 10n * WAD);
    const v = p.remote.verifier;
    const [s0, s1, s2] = await Promise.all(relayerWallets.map((w) => signMessage(w, p.remote.domain, m)));
    const sorted = [s0, s1, s2].sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1));
    await expect(p.remote.bridge.receiveMessage(m, [sorted[0].signature]))
      .to.be.revertedWithCustomError(v, "VerifierInsufficientSignatures")
      .withArgs(1n, 2n);
    await expect(p.remote.bridge.receiveMessage(m, [sorted[0].signature, sorted[0].signature]))
      .to.be.revertedWithCustomError(v, "VerifierDuplicateSigner")
      .withArgs(1n, sorted[0].signer);
    await expect(p.remote.bridge.receiveMessage(m, [sorted[1].signature, sorted[0].signature]))
      .to.be.revertedWithCustomError(v, "VerifierSignersNotAscending")
      .withArgs(1n, sorted[0].signer, sorted[1].signer);
    const outsider = localWallet(30);
    const foreign = await signMessage(outsider, p.remote.domain, m);
    const pair = [sorted[0], foreign].sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1));
    await expect(
      p.remote.bridge.receiveMessage(
        m,
        pair.map((s) => s.signature),
      ),
    )
      .to.be.revertedWithCustomError(v, "VerifierNotRelayer")
      .withArgs(
        pair.findIndex((s) => s.signer === foreign.signer),
        foreign.signer,
      );
    await expect(p.remote.bridge.receiveMessage(m, ["0x" + "11".repeat(65), sorted[0].signature]))
      .to.be.revertedWithCustomError(v, "VerifierInvalidSignature")
      .withArgs(0n);
    // A signature over other values recovers to some other address: not a relayer.
    const tampered = { ...m, amount: m.amount * 2n };
    await expect(p.remote.bridge.receiveMessage(tampered, await signFor(p.remote, m))).to.be.revertedWithCustomError(
      v,
      "VerifierNotRelayer",
    );
    // Signatures made for the home verifier's domain do not verify on the remote.
    await expect(p.remote.bridge.receiveMessage(m, await signFor(p.home, m))).to.be.revertedWithCustomError(
      v,
      "VerifierNotRelayer",
    );
    expect(await p.remote.sstb.totalSupply()).to.equal(0n); // nothing half-applied
  });

  it("refuses wrong destination and unknown source chains, zero amounts and unknown peers", async () => {
    const p = await loadFixture(bridgePair);
    const m = await sendOut(p, 10n * WAD);
    const toHome = { ...m, dstChainId: HOME };
    await expect(p.remote.bridge.receiveMessage(toHome, await signFor(p.remote, toHome)))
      .to.be.revertedWithCustomError(p.remote.bridge, "BridgeWrongDestination")
      .withArgs(HOME, m.dstBridge, REMOTE, m.dstBridge);
    const fromElsewhere = { ...m, srcChainId: 999n };
    await expect(p.remote.bridge.receiveMessage(fromElsewhere, await signFor(p.remote, fromElsewhere)))
      .to.be.revertedWithCustomError(p.remote.bridge, "BridgeUnknownChain")
      .withArgs(999n);
    await expect(p.home.bridge.connect(p.users.alice).bridgeOut(42n, p.users.bob.address, WAD))
      .to.be.revertedWithCustomError(p.home.bridge, "BridgeUnknownChain")
      .withArgs(42n);
    await expect(p.home.bridge.connect(p.users.alice).bridgeOut(REMOTE, p.users.bob.address, 0n))
      .to.be.revertedWithCustomError(p.home.bridge, "BridgeInvalidTransfer")
      .withArgs(p.users.bob.address, 0n);
  });

  it("rate-limits with a token bucket: the whole limit at a window's end and again at the next start is refused", async () => {
    const p = await loadFixture(bridgePair);
    const { alice, bob } = p.users;
    const limit = 1_000_000n * WAD;
    const window = 86_400n;
    /** The bucket after `elapsed` seconds of draining from `used` (rounded down, as on chain). */
    const drained = (used: bigint, elapsed: bigint) => {
      const drain = (elapsed * limit) / window;
      return drain >= used ? 0n : used - drain;
    };
    /** Seconds for `volume` to drain (rounded up). */
    const toDrain = (volume: bigint) => (volume * window + limit - 1n) / limit;
    // A boundary where fixed windows would reset the count.
    const boundary = (BigInt(await time.latest()) / window + 2n) * window;
    await time.setNextBlockTimestamp(boundary - 1n);
    const first = await sendOut(p, limit);
    // The attack on fixed windows: the whole limit again two seconds later, just after the boundary.
    await time.setNextBlockTimestamp(boundary + 1n);
    const usedNow = drained(limit, 2n);
    await expect(p.home.bridge.connect(alice).bridgeOut(REMOTE, bob.address, limit, { gasLimit: 500_000n }))
      .to.be.revertedWithCustomError(p.home.bridge, "BridgeRateLimited")
      // The whole limit fits again one window after it went, not at the boundary.
      .withArgs(REMOTE, true, limit, usedNow, limit, boundary - 1n + window);
    // Half a window later half the limit has drained, and no more than that fits.
    const half = boundary - 1n + window / 2n;
    await time.setNextBlockTimestamp(half);
    await expect(p.home.bridge.connect(alice).bridgeOut(REMOTE, bob.address, limit / 2n + 1n, { gasLimit: 500_000n }))
      .to.be.revertedWithCustomError(p.home.bridge, "BridgeRateLimited")
      .withArgs(REMOTE, true, limit / 2n + 1n, limit / 2n, limit, boundary - 1n + toDrain(limit / 2n + 1n));
    await time.setNextBlockTimestamp(half + 1n);
    const second = await sendOut(p, limit / 2n);
    const [used, cap, drainedAt] = await p.home.bridge.rateUsage(REMOTE, true);
    const usedAfter = drained(limit / 2n, 1n) + limit / 2n;
    expect([used, cap]).to.deep.equal([usedAfter, limit]);
    expect(drainedAt).to.equal(BigInt(await time.latest()) + toDrain(usedAfter));
    // More than the capacity never fits.
    await expect(p.home.bridge.connect(alice).bridgeOut(REMOTE, bob.address, limit + 1n))
      .to.be.revertedWithCustomError(p.home.bridge, "BridgeRateLimited")
      .withArgs(REMOTE, true, limit + 1n, anyValue, limit, MaxUint256);

    // Inbound on the remote has its own bucket, with the same capacity.
    await (await p.remote.bridge.receiveMessage(first, await signFor(p.remote, first))).wait();
    const [usedIn, limitIn] = await p.remote.bridge.rateUsage(HOME, false);
    expect([usedIn, limitIn]).to.deep.equal([limit, limit]);
    await expect(p.remote.bridge.receiveMessage(second, await signFor(p.remote, second))).to.be.revertedWithCustomError(
      p.remote.bridge,
      "BridgeRateLimited",
    );
    // Outbound from the remote is a third bucket: untouched.
    await (await p.remote.bridge.connect(bob).bridgeOut(HOME, bob.address, 1n)).wait();
    const back = {
      ...p.routes.toHome,
      nonce: 0n,
      sender: bob.address,
      recipient: bob.address,
      amount: 1n,
    };
    await expect(p.home.bridge.connect(p.users.keeper).receiveMessage(back, await signFor(p.home, back))).to.emit(
      p.home.bridge,
      "MessageProcessed",
    );
    // Once the bucket has drained, the whole limit fits again, not a second earlier.
    const [, , drainedHome] = await p.home.bridge.rateUsage(REMOTE, true);
    await time.setNextBlockTimestamp(drainedHome - 1n);
    await expect(
      p.home.bridge.connect(alice).bridgeOut(REMOTE, bob.address, limit, { gasLimit: 500_000n }),
    ).to.be.revertedWithCustomError(p.home.bridge, "BridgeRateLimited");
    await time.setNextBlockTimestamp(drainedHome);
    await expect(p.home.bridge.connect(alice).bridgeOut(REMOTE, bob.address, limit)).to.emit(
      p.home.bridge,
      "MessageSent",
    );
  });

  it("accounts the lock per remote chain: another remote cannot release what was locked for this one", async () => {
    const p = await loadFixture(bridgePair);
    const OTHER = 31_339n;
    const otherBridge = Wallet.createRandom().address; // the bridge on chain 31339
    const home = p.deployment.contracts.CrossChainBridge;
    await new Lifecycle(p).pass({
      actions: [
        {
          target: home,
          value: 0n,
          data: p.home.bridge.interface.encodeFunctionData("setPeerChain", [OTHER, otherBridge]),
        },
      ],
      description: "# Bridge: a second remote chain",
    });
    const amount = 1_000n * WAD;
    const out = await sendOut(p, amount);
    expect(await p.home.bridge.lockedFor(REMOTE)).to.equal(amount);
    expect(await p.home.bridge.lockedFor(OTHER)).to.equal(0n);
    expect(await p.home.bridge.locked()).to.equal(amount);
    // The other chain's route signs a release it never locked (an inflation bug there, or its relayers' keys):
    // with one pooled balance it would have drained the first remote's backing.
    const { carol, keeper } = p.users;
    const drain = {
      srcChainId: OTHER,
      srcBridge: otherBridge,
      dstChainId: HOME,
      dstBridge: home,
      nonce: 0n,
      sender: carol.address,
      recipient: carol.address,
      amount,
    };
    await expect(p.home.bridge.connect(keeper).receiveMessage(drain, await signFor(p.home, drain)))
      .to.be.revertedWithCustomError(p.home.bridge, "BridgeReleaseExceedsLocked")
      .withArgs(OTHER, amount, 0n);
    expect(await p.home.sstb.balanceOf(home)).to.equal(amount);
    // The first remote's own return still releases it.
    await (await p.remote.bridge.receiveMessage(out, await signFor(p.remote, out))).wait();
    await (await p.remote.bridge.connect(p.users.bob).bridgeOut(HOME, carol.address, amount)).wait();
    const back = {
      ...p.routes.toHome,
      nonce: 0n,
      sender: p.users.bob.address,
      recipient: carol.address,
      amount,
    };
    await expect(p.home.bridge.connect(keeper).receiveMessage(back, await signFor(p.home, back))).to.emit(
      p.home.bridge,
      "MessageProcessed",
    );
    expect(await p.home.bridge.lockedFor(REMOTE)).to.equal(0n);
    expect(await p.home.bridge.locked()).to.equal(0n);
  });

  it("guardians pause bridgeOut; governance raises the threshold and adds a relayer", async () => {
    const p = await loadFixture(bridgePair);
    const home = p.deployment.contracts.CrossChainBridge;
    const selector = p.home.bridge.interface.getFunction("bridgeOut").selector;
    const pause = p.core.authority.interface.encodeFunctionData("guardianPause", [
      home,
      [selector],
      "relayer compromise?",
    ]);
    const res = await executeWithOwners(
      p.chain,
      p.deployment.safes.guardian,
      [{ to: p.deployment.contracts.STAB3LAuthority, value: 0n, data: pause }],
      p.guardianOwnerKeys.slice(0, 2),
      p.deployment.safeContracts,
    );
    expect(res.success).to.equal(true);
    const until = await p.core.authority.pausedUntil(home, selector);
    await expect(p.home.bridge.connect(p.users.alice).bridgeOut(REMOTE, p.users.bob.address, WAD))
      .to.be.revertedWithCustomError(p.home.bridge, "Stab3lPaused")
      .withArgs(home, selector, until);

    const newRelayer = Wallet.createRandom();
    const { receipt } = await new Lifecycle(p).pass({
      actions: [
        {
          target: p.deployment.contracts.MessageVerifier,
          value: 0n,
          data: p.home.verifier.interface.encodeFunctionData("setRelayer", [newRelayer.address, true]),
        },
        {
          target: p.deployment.contracts.ParameterStore,
          value: 0n,
          data: p.core.parameters.interface.encodeFunctionData("setParameter", [
            parameterKey("bridge.relayerThreshold"),
            3n,
          ]),
        },
        {
          target: p.deployment.contracts.STAB3LAuthority,
          value: 0n,
          data: p.core.authority.interface.encodeFunctionData("unpause", [home, [selector]]),
        },
      ],
      description: "# Bridge: add a fourth relayer, threshold 3, lift the pause",
    });
    await expect(receipt).to.emit(p.home.verifier, "RelayerSet").withArgs(newRelayer.address, false, true);
    expect(await p.home.verifier.threshold()).to.equal(3n);
    expect(await p.home.verifier.relayers()).to.have.length(4);

    // Unpaused: a round trip whose return leg now needs three signatures at home.
    const out = await sendOut(p, WAD);
    await (await p.remote.bridge.receiveMessage(out, await signFor(p.remote, out))).wait();
    await (await p.remote.bridge.connect(p.users.bob).bridgeOut(HOME, p.users.bob.address, WAD)).wait();
    const back = {
      ...p.routes.toHome,
      nonce: 0n,
      sender: p.users.bob.address,
      recipient: p.users.bob.address,
      amount: WAD,
    };
    await expect(p.home.bridge.connect(p.users.keeper).receiveMessage(back, await signFor(p.home, back, 2)))
      .to.be.revertedWithCustomError(p.home.verifier, "VerifierInsufficientSignatures")
      .withArgs(2n, 3n);
    const four = await signAll([...relayerWallets, newRelayer], p.home.domain, back);
    await expect(p.home.bridge.connect(p.users.keeper).receiveMessage(back, four)).to.emit(
      p.home.bridge,
      "MessageProcessed",
    );
  });
});
