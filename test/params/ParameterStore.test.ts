import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { encodeBytes32String } from "ethers";
import type { ParameterStore } from "../../typechain-types/index.js";

const UNIT = { Seconds: 2, Bps: 1, Wad: 3 } as const;
const STEP = { None: 0, Absolute: 1, RelativeBps: 2 } as const;
const DAY = 86_400;
const key = (name: string) => encodeBytes32String(name);
const MAX_UINT208 = 2n ** 208n - 1n;

/** A ParameterStore under its own authority, administered by `admin` (the Timelock's stand-in). */
async function storeFixture() {
  const [admin, outsider] = await hre.ethers.getSigners();
  const authority = await hre.ethers.deployContract("STAB3LAuthority", [admin.address]);
  const store = (await hre.ethers.deployContract("ParameterStore", [
    await authority.getAddress(),
  ])) as unknown as ParameterStore;
  const registrations = [
    // Absolute step 1 day, cooldown 7 days.
    {
      key: key("staking.minPeriod"),
      unit: UNIT.Seconds,
      rules: { min: DAY, max: 30 * DAY, stepKind: STEP.Absolute, maxStep: DAY, cooldown: 7 * DAY },
      initialValue: 7 * DAY,
    },
    // Relative step 10%, no cooldown.
    {
      key: key("collateral.minRatioBps"),
      unit: UNIT.Bps,
      rules: { min: 11_000, max: 30_000, stepKind: STEP.RelativeBps, maxStep: 1_000, cooldown: 0 },
      initialValue: 12_000,
    },
    // No step limit.
    {
      key: key("peg.k"),
      unit: UNIT.Wad,
      rules: { min: 0, max: 10n ** 18n, stepKind: STEP.None, maxStep: 0, cooldown: 0 },
      initialValue: 3n * 10n ** 17n,
    },
  ];
  const tx = await store.registerParameters(registrations);
  return { admin, outsider, authority, store, registrations, registeredAt: (await tx.getBlock())!.timestamp };
}

describe("ParameterStore", () => {
  describe("registration", () => {
    it("emits ParameterRegistered and the initial value as ParameterSet from 0", async () => {
      const [admin] = await hre.ethers.getSigners();
      const authority = await hre.ethers.deployContract("STAB3LAuthority", [admin.address]);
      const store = await hre.ethers.deployContract("ParameterStore", [await authority.getAddress()]);
      const rules = { min: 1, max: 100, stepKind: STEP.Absolute, maxStep: 5, cooldown: 60 };
      const tx = await store.registerParameters([{ key: key("x.y"), unit: UNIT.Seconds, rules, initialValue: 10 }]);
      const ts = (await tx.getBlock())!.timestamp;
      await expect(tx)
        .to.emit(store, "ParameterRegistered")
        .withArgs(key("x.y"), UNIT.Seconds, [1, 100, STEP.Absolute, 5, 60]);
      await expect(tx).to.emit(store, "ParameterSet").withArgs(key("x.y"), 0, 10, ts);
      expect(await store.parameterKeys()).to.deep.equal([key("x.y")]);
      expect(await store.get(key("x.y"))).to.equal(10n);
    });

    it("rejects duplicates, empty keys, inverted or oversized bounds, zero step limits, out-of-bounds initial values", async () => {
      const { store } = await loadFixture(storeFixture);
      type Rules = { min: number; max: number | bigint; stepKind: number; maxStep: number; cooldown: number };
      const ok: Rules = { min: 0, max: 10, stepKind: STEP.None, maxStep: 0, cooldown: 0 };
      const reg = (name: string, rules: Rules = ok, initialValue: bigint | number = 1) => [
        { key: name === "" ? hre.ethers.ZeroHash : key(name), unit: 0, rules, initialValue },
      ];
      await expect(store.registerParameters(reg("peg.k")))
        .to.be.revertedWithCustomError(store, "ParameterAlreadyRegistered")
        .withArgs(key("peg.k"));
      await expect(store.registerParameters(reg("")))
        .to.be.revertedWithCustomError(store, "ParameterInvalidKey")
        .withArgs(hre.ethers.ZeroHash);
      await expect(store.registerParameters(reg("a", { ...ok, min: 5, max: 4 })))
        .to.be.revertedWithCustomError(store, "ParameterInvalidBounds")
        .withArgs(key("a"), 5, 4);
      await expect(store.registerParameters(reg("a", { ...ok, max: MAX_UINT208 + 1n })))
        .to.be.revertedWithCustomError(store, "ParameterInvalidBounds")
        .withArgs(key("a"), 0, MAX_UINT208 + 1n);
      await expect(store.registerParameters(reg("a", { ...ok, stepKind: STEP.RelativeBps })))
        .to.be.revertedWithCustomError(store, "ParameterInvalidStepRule")
        .withArgs(key("a"), STEP.RelativeBps, 0);
      await expect(store.registerParameters(reg("a", ok, 11)))
        .to.be.revertedWithCustomError(store, "ParameterOutOfBounds")
        .withArgs(key("a"), 11, 0, 10);
    });

    it("applies nothing when one registration of a batch is invalid", async () => {
      const { store } = await loadFixture(storeFixture);
      const ok = { min: 0, max: 10, stepKind: STEP.None, maxStep: 0, cooldown: 0 };
      await expect(
        store.registerParameters([
          { key: key("good"), unit: 0, rules: ok, initialValue: 1 },
          { key: key("bad"), unit: 0, rules: ok, initialValue: 99 },
        ]),
      ).to.be.revertedWithCustomError(store, "ParameterOutOfBounds");
      expect(await store.isRegistered(key("good"))).to.equal(false);
      expect(await store.parameterKeys()).to.have.length(3);
    });
  });

  describe("immediate updates", () => {
    it("rejects unknown keys and values outside the hard bounds with the numbers", async () => {
      const { store } = await loadFixture(storeFixture);
      await expect(store.setParameter(key("nope"), 1))
        .to.be.revertedWithCustomError(store, "ParameterUnknown")
        .withArgs(key("nope"));
      await expect(store.get(key("nope")))
        .to.be.revertedWithCustomError(store, "ParameterUnknown")
        .withArgs(key("nope"));
      await expect(store.setParameter(key("peg.k"), 10n ** 18n + 1n))
        .to.be.revertedWithCustomError(store, "ParameterOutOfBounds")
        .withArgs(key("peg.k"), 10n ** 18n + 1n, 0, 10n ** 18n);
      await expect(store.setParameter(key("staking.minPeriod"), DAY - 1))
        .to.be.revertedWithCustomError(store, "ParameterOutOfBounds")
        .withArgs(key("staking.minPeriod"), DAY - 1, DAY, 30 * DAY);
    });

    it("limits each step: absolute and relative to the old value", async () => {
      const { store } = await loadFixture(storeFixture);
      await expect(store.setParameter(key("staking.minPeriod"), 8 * DAY + 1))
        .to.be.revertedWithCustomError(store, "ParameterStepTooLarge")
        .withArgs(key("staking.minPeriod"), 7 * DAY, 8 * DAY + 1, DAY);
      // 10% of 12_000 is 1_200.
      await expect(store.setParameter(key("collateral.minRatioBps"), 13_201))
        .to.be.revertedWithCustomError(store, "ParameterStepTooLarge")
        .withArgs(key("collateral.minRatioBps"), 12_000, 13_201, 1_200);
      await expect(store.setParameter(key("staking.minPeriod"), 6 * DAY - 1))
        .to.be.revertedWithCustomError(store, "ParameterStepTooLarge")
        .withArgs(key("staking.minPeriod"), 7 * DAY, 6 * DAY - 1, DAY);
      await expect(store.setParameter(key("collateral.minRatioBps"), 13_200)).to.emit(store, "ParameterSet");
      await expect(store.setParameter(key("staking.minPeriod"), 6 * DAY)).to.emit(store, "ParameterSet");
    });

    it("enforces the cooldown between updates, not after registration", async () => {
      const { store } = await loadFixture(storeFixture);
      const k = key("staking.minPeriod");
      const t1 = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(t1);
      await expect(store.setParameter(k, 8 * DAY))
        .to.emit(store, "ParameterSet")
        .withArgs(k, 7 * DAY, 8 * DAY, t1);
      const t2 = t1 + 7 * DAY - 1;
      await time.setNextBlockTimestamp(t2);
      await expect(store.setParameter(k, 9 * DAY))
        .to.be.revertedWithCustomError(store, "ParameterCooldownActive")
        .withArgs(k, t2, t1 + 7 * DAY);
      await time.setNextBlockTimestamp(t1 + 7 * DAY);
      await expect(store.setParameter(k, 9 * DAY))
        .to.emit(store, "ParameterSet")
        .withArgs(k, 8 * DAY, 9 * DAY, t1 + 7 * DAY);
    });

    it("is restricted to the authority's admin", async () => {
      const { store, outsider } = await loadFixture(storeFixture);
      await expect(store.connect(outsider).setParameter(key("peg.k"), 1))
        .to.be.revertedWithCustomError(store, "AccessManagedUnauthorized")
        .withArgs(outsider.address);
    });
  });

  describe("scheduled updates", () => {
    it("takes effect at its time and not before, with the history readable at any time", async () => {
      const { store, registeredAt } = await loadFixture(storeFixture);
      const k = key("peg.k");
      const at = (await time.latest()) + 30 * DAY;
      await expect(store.scheduleParameter(k, 5n * 10n ** 17n, at))
        .to.emit(store, "ParameterSet")
        .withArgs(k, 3n * 10n ** 17n, 5n * 10n ** 17n, at);

      const info = await store.parameterInfo(k);
      expect(info.hasPending).to.equal(true);
      expect(info.pendingValue).to.equal(5n * 10n ** 17n);
      expect(info.pendingEffectiveAt).to.equal(at);
      expect(info.value).to.equal(3n * 10n ** 17n);

      await time.increaseTo(at - 1);
      expect(await store.get(k)).to.equal(3n * 10n ** 17n);
      await time.increaseTo(at);
      expect(await store.get(k)).to.equal(5n * 10n ** 17n);
      expect((await store.parameterInfo(k)).hasPending).to.equal(false);

      expect(await store.getAt(k, registeredAt)).to.equal(3n * 10n ** 17n);
      expect(await store.getAt(k, at - 1)).to.equal(3n * 10n ** 17n);
      expect(await store.getAt(k, at)).to.equal(5n * 10n ** 17n);
      await expect(store.getAt(k, registeredAt - 1))
        .to.be.revertedWithCustomError(store, "ParameterNotYetRegistered")
        .withArgs(k, registeredAt - 1, registeredAt);
      expect(await store.historyAt(k, 1)).to.deep.equal([BigInt(at), 5n * 10n ** 17n]);
    });

    it("allows one pending change at a time; it can be cancelled", async () => {
      const { store } = await loadFixture(storeFixture);
      const k = key("peg.k");
      const at = (await time.latest()) + DAY;
      await store.scheduleParameter(k, 1, at);
      await expect(store.setParameter(k, 2))
        .to.be.revertedWithCustomError(store, "ParameterChangePending")
        .withArgs(k, 1, at);
      await expect(store.scheduleParameter(k, 2, at + 10))
        .to.be.revertedWithCustomError(store, "ParameterChangePending")
        .withArgs(k, 1, at);
      await expect(store.cancelScheduledParameter(k)).to.emit(store, "ParameterScheduleCancelled").withArgs(k, 1, at);
      await expect(store.cancelScheduledParameter(k))
        .to.be.revertedWithCustomError(store, "ParameterNoPendingChange")
        .withArgs(k);
      await time.increaseTo(at + 1);
      expect(await store.get(k)).to.equal(3n * 10n ** 17n);
    });

    it("rejects times in the past or beyond the horizon, and respects the cooldown at the effective time", async () => {
      const { store } = await loadFixture(storeFixture);
      const k = key("staking.minPeriod");
      const now = await time.latest();
      const horizon = Number(await store.MAX_SCHEDULE_HORIZON());
      await time.setNextBlockTimestamp(now + 1);
      await expect(store.scheduleParameter(k, 8 * DAY, now + 1))
        .to.be.revertedWithCustomError(store, "ParameterInvalidEffectiveTime")
        .withArgs(k, now + 1, now + 2, now + 1 + horizon);
      await time.setNextBlockTimestamp(now + 2);
      await expect(store.scheduleParameter(k, 8 * DAY, now + 3 + horizon))
        .to.be.revertedWithCustomError(store, "ParameterInvalidEffectiveTime")
        .withArgs(k, now + 3 + horizon, now + 3, now + 2 + horizon);
      await time.setNextBlockTimestamp(now + 3);
      await store.setParameter(k, 8 * DAY);
      await expect(store.scheduleParameter(k, 9 * DAY, now + 3 + DAY))
        .to.be.revertedWithCustomError(store, "ParameterCooldownActive")
        .withArgs(k, now + 3 + DAY, now + 3 + 7 * DAY);
      await expect(store.scheduleParameter(k, 9 * DAY, now + 3 + 7 * DAY)).to.emit(store, "ParameterSet");
    });
  });

  describe("rules", () => {
    it("changes bounds only when the value in force and any pending value fit", async () => {
      const { store } = await loadFixture(storeFixture);
      const k = key("peg.k");
      await expect(store.setParameterBounds(k, 4n * 10n ** 17n, 10n ** 18n))
        .to.be.revertedWithCustomError(store, "ParameterOutOfBounds")
        .withArgs(k, 3n * 10n ** 17n, 4n * 10n ** 17n, 10n ** 18n);
      await store.scheduleParameter(k, 9n * 10n ** 17n, (await time.latest()) + DAY);
      await expect(store.setParameterBounds(k, 0, 5n * 10n ** 17n))
        .to.be.revertedWithCustomError(store, "ParameterOutOfBounds")
        .withArgs(k, 9n * 10n ** 17n, 0, 5n * 10n ** 17n);
      await expect(store.setParameterBounds(k, 10n ** 17n, 95n * 10n ** 16n))
        .to.emit(store, "ParameterBoundsSet")
        .withArgs(k, 0, 10n ** 18n, 10n ** 17n, 95n * 10n ** 16n);
      await expect(store.setParameterBounds(k, 2, 1))
        .to.be.revertedWithCustomError(store, "ParameterInvalidBounds")
        .withArgs(k, 2, 1);
    });

    it("changes the step limit and cooldown with both old and new in the event", async () => {
      const { store } = await loadFixture(storeFixture);
      const k = key("staking.minPeriod");
      await expect(store.setParameterChangeRules(k, STEP.RelativeBps, 500, DAY))
        .to.emit(store, "ParameterChangeRulesSet")
        .withArgs(k, STEP.Absolute, DAY, 7 * DAY, STEP.RelativeBps, 500, DAY);
      await expect(store.setParameterChangeRules(k, STEP.Absolute, 0, DAY))
        .to.be.revertedWithCustomError(store, "ParameterInvalidStepRule")
        .withArgs(k, STEP.Absolute, 0);
      await expect(store.setParameterChangeRules(key("nope"), STEP.None, 0, 0))
        .to.be.revertedWithCustomError(store, "ParameterUnknown")
        .withArgs(key("nope"));
    });
  });
});
