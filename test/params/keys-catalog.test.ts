/**
 * The Solidity parameter keys and the SDK's catalog agree: every `bytes32 constant X = "domain.name"` in the
 * contracts names a catalog parameter, and every catalog parameter is read somewhere in the contracts (a literal
 * key, or the oracle's per-feed keys `oracle.<tag>.<name>`, which PriceOracle builds from the feed's tag).
 */
import { expect } from "chai";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { PARAMETERS } from "../../governance/catalog/index.js";

const CONTRACTS = "contracts";

function solidityFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "mocks" ? [] : solidityFiles(path);
    return name.endsWith(".sol") ? [path] : [];
  });
}

/** Every `bytes32 ... constant NAME = "a.b"` string literal with a dot (parameter keys; asset tags have none). */
function literalKeys(): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  const pattern = /bytes32\s+(?:public|internal|private)?\s*constant\s+\w+\s*=\s*"([^"]+\.[^"]+)"/g;
  for (const file of solidityFiles(CONTRACTS)) {
    for (const match of readFileSync(file, "utf8").matchAll(pattern)) {
      const where = keys.get(match[1]) ?? [];
      where.push(relative(CONTRACTS, file));
      keys.set(match[1], where);
    }
  }
  return keys;
}

/** The suffixes PriceOracle appends to a feed's tag (`bytes16 private constant _X = ".suffix"`). */
function oracleSuffixes(): string[] {
  const source = readFileSync(join(CONTRACTS, "oracles/PriceOracle.sol"), "utf8");
  return [...source.matchAll(/bytes16\s+private\s+constant\s+\w+\s*=\s*"\.(\w+)"/g)].map((m) => m[1]);
}

describe("Solidity parameter keys ↔ catalog", () => {
  const literals = literalKeys();
  const catalog = new Set(PARAMETERS.map((p) => p.key));
  const suffixes = oracleSuffixes();
  const perFeed = new RegExp(`^oracle\\.[a-z]+\\.(${suffixes.join("|")})$`);

  it("finds the keys the contracts declare", () => {
    // Guards the scan itself: a broken pattern would make both directions below pass vacuously.
    expect(literals.get("staking.minPeriod")).to.deep.equal(["staking/ProviderStaking.sol"]);
    expect(literals.size).to.be.greaterThan(30);
  });

  it("every key declared in Solidity is a catalog parameter", () => {
    const unknown = [...literals].filter(([key]) => !catalog.has(key)).map(([key, files]) => `${key} (${files})`);
    expect(unknown, "keys in contracts/ missing from governance/catalog").to.deep.equal([]);
  });

  it("every catalog parameter is read by the contracts", () => {
    const unread = PARAMETERS.map((p) => p.key).filter((key) => !literals.has(key) && !perFeed.test(key));
    expect(unread, "catalog parameters no contract declares").to.deep.equal([]);
  });

  it("every per-feed oracle key in the catalog uses a suffix PriceOracle builds, for both feeds", () => {
    expect(suffixes).to.include.members(["heartbeat", "minPrice", "maxPrice"]);
    const oracleKeys = PARAMETERS.map((p) => p.key).filter((k) => /^oracle\.[a-z]+\.\w+$/.test(k));
    expect(oracleKeys.filter((k) => !perFeed.test(k))).to.deep.equal([]);
    for (const tag of ["cu", "coll"]) {
      for (const suffix of suffixes)
        expect(catalog.has(`oracle.${tag}.${suffix}`), `oracle.${tag}.${suffix}`).to.equal(true);
    }
  });
});
