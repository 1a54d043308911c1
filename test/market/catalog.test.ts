import { expect } from "chai";
import { readFileSync } from "node:fs";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { decodeBytes32String } from "ethers";
import { PARAMETERS, SETTINGS } from "../../governance/catalog/index.js";
import { deployedSystem } from "../helpers/fixtures.js";
import hre from "hardhat";

/** The string keys declared as `bytes32 internal constant X = "key";` in a Solidity key library. */
function solidityKeys(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(/bytes32 internal constant \w+ = "([^"]+)";/g)].map((m) => m[1]);
}

describe("market and bridge parameters: Solidity keys, catalog and chain agree", () => {
  const domains = new Set(["spot", "futures", "options", "peg", "bridge"]);
  const catalogKeys = PARAMETERS.filter((p) => domains.has(p.domain)).map((p) => p.key);

  it("every key the contracts read is in the catalog, and every catalog key of these domains is read", () => {
    const keys = [
      ...solidityKeys("contracts/market/MarketKeys.sol"),
      ...solidityKeys("contracts/bridge/BridgeKeys.sol"),
    ];
    expect([...keys].sort()).to.deep.equal([...catalogKeys].sort());
    for (const k of keys) expect(Buffer.byteLength(k), k).to.be.lessThanOrEqual(31);
  });

  it("the deployment registers each with the catalog's default, bounds and unit", async () => {
    const { core } = await loadFixture(deployedSystem);
    const onChain = (await core.parameters.parameterKeys()).map(decodeBytes32String);
    for (const spec of PARAMETERS.filter((p) => domains.has(p.domain))) {
      expect(onChain, spec.key).to.include(spec.key);
      const info = await core.parameters.parameterInfo(hre.ethers.encodeBytes32String(spec.key));
      expect([info.value, info.rules.min, info.rules.max], spec.key).to.deep.equal([
        spec.defaultValue,
        spec.min,
        spec.max,
      ]);
    }
  });

  it("every setting names a getter and a setter that exist on its contract", async () => {
    for (const s of SETTINGS.filter((x) => ["markets", "peg", "bridge"].includes(x.domain))) {
      const { abi } = await hre.artifacts.readArtifact(s.contract);
      const names = abi.filter((f: { type: string }) => f.type === "function").map((f: { name: string }) => f.name);
      expect(names, `${s.name} getter`).to.include(s.getter);
      expect(names, `${s.name} setter`).to.include(s.setter);
    }
  });
});
