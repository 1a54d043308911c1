import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { FUNCTIONS, PARAMETERS, PARAMETER_RELATIONS, SETTINGS, findParameter } from "../../governance/catalog/index.js";
import { catalogCoverage } from "../../governance/catalog/coverage.js";
import { createClient } from "../../governance/client.js";
import { PERMISSIONLESS } from "../access/permissionless.js";
import { deployedSystem } from "../helpers/fixtures.js";

const CATALOG = { parameters: PARAMETERS, settings: SETTINGS, functions: FUNCTIONS };

describe("catalog: every governed number, setting and restricted function is described", () => {
  async function coverage(catalog = CATALOG) {
    const sys = await loadFixture(deployedSystem);
    return catalogCoverage(createClient(sys.chain, sys.deployment), catalog, PERMISSIONLESS);
  }

  it("matches the deployed system both ways", async () => {
    const c = await coverage();
    expect(c.undescribedFunctions, "restricted functions without a catalog entry").to.deep.equal([]);
    expect(c.uncataloguedParameters, "parameters registered on chain without a catalog entry").to.deep.equal([]);
    expect(c.unregisteredParameters, "catalog parameters not registered on chain").to.deep.equal([]);
    expect(c.mismatchedParameters, "catalog rules that differ from the chain's").to.deep.equal([]);
    expect(c.danglingEntries, "catalog entries that point at nothing").to.deep.equal([]);
    // The governance core alone has 30+ restricted functions: the derivation really found them.
    expect(c.restrictedCount).to.be.greaterThan(30);
  });

  it("detects a restricted function, a parameter and a setting that lose their entry", async () => {
    const c = await coverage({
      parameters: PARAMETERS.filter((p) => p.key !== "rstb.supplyCap"),
      settings: SETTINGS.filter((s) => s.name !== "timelock.minDelay"),
      functions: FUNCTIONS.filter((f) => f.signature !== "setParameter(bytes32,uint256)"),
    });
    expect(c.undescribedFunctions).to.deep.equal([
      "ParameterStore.setParameter(bytes32,uint256)",
      "TimelockController.updateDelay(uint256)",
    ]);
    expect(c.uncataloguedParameters).to.deep.equal(["rstb.supplyCap"]);
  });

  it("detects entries that point at nothing and rules that drifted", async () => {
    const c = await coverage({
      parameters: [
        ...PARAMETERS.map((p) => (p.key === "guardian.repauseCooldown" ? { ...p, max: p.max + 1n } : p)),
        { ...PARAMETERS[0], key: "ghost.parameter", readBy: ["GhostContract"] },
      ],
      settings: [...SETTINGS, { ...SETTINGS[0], name: "governor.ghost", getter: "ghost", setter: "setGhost" }],
      functions: [
        ...FUNCTIONS,
        { ...FUNCTIONS[0], contract: "ParameterStore", signature: "burnEverything()" },
        { ...FUNCTIONS[0], contract: "GhostBridge", signature: "pause()" },
      ],
    });
    expect(c.unregisteredParameters).to.deep.equal(["ghost.parameter"]);
    expect(c.mismatchedParameters).to.deep.equal(["guardian.repauseCooldown: max 1209600 ≠ 1209601"]);
    expect(c.danglingEntries).to.deep.equal([
      "function ParameterStore.burnEverything(): not in the contract's ABI",
      "function GhostBridge.pause(): contract not deployed",
      "setting governor.ghost: no setter setGhost in STAB3LGovernor",
      "setting governor.ghost: no getter ghost (without arguments or keyed by one) in STAB3LGovernor",
      "parameter ghost.parameter: read by GhostContract, which is not deployed",
    ]);
  });

  it("the orderings between parameters name catalog parameters and hold for the defaults (and bounds where flagged)", () => {
    expect(PARAMETER_RELATIONS.length).to.be.greaterThan(0);
    for (const r of PARAMETER_RELATIONS) {
      const lower = findParameter(r.lower);
      const upper = findParameter(r.upper);
      const plus = r.plus === undefined ? undefined : findParameter(r.plus);
      expect(lower, r.lower).to.not.equal(undefined);
      expect(upper, r.upper).to.not.equal(undefined);
      if (r.plus !== undefined) expect(plus, r.plus).to.not.equal(undefined);
      if (plus) expect(plus.unit, `${r.plus} in ${r.lower}'s unit`).to.equal(lower!.unit);
      const f = r.lowerFactor ?? 1n;
      const left = lower!.defaultValue * f + (plus?.defaultValue ?? 0n);
      expect(left <= upper!.defaultValue, `${f} × ${r.lower} ≤ ${r.upper} by default`).to.equal(true);
      if (r.bounds) expect(lower!.max * f <= upper!.min, `${f} × ${r.lower}'s max ≤ ${r.upper}'s min`).to.equal(true);
    }
  });
});
