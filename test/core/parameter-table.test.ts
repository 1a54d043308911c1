import { expect } from "chai";
import { readFileSync } from "node:fs";
import { PARAMETERS, SETTINGS } from "../../governance/catalog/index.js";
import { PARAMETER_TABLE_FILE, renderParameterTable, withParameterTable } from "../../scripts/parameter-table.js";

describe("README.md, Parameters: the table of every governed parameter", () => {
  it("is exactly what scripts/parameter-table.ts renders from the catalog (run it with --write after a catalog change)", async () => {
    const readme = readFileSync(PARAMETER_TABLE_FILE, "utf8");
    expect(readme).to.equal(await withParameterTable(readme));
  });

  it("has one row per catalog parameter and setting, of every domain", () => {
    const table = renderParameterTable();
    for (const p of PARAMETERS) expect(table, p.key).to.contain(`| \`${p.key}\` |`);
    for (const s of SETTINGS) expect(table, s.name).to.contain(`| \`${s.name}\` |`);
    const domains = new Set(PARAMETERS.map((p) => p.domain));
    for (const d of ["guardian", "rstb", "oracle", "cu", "minting", "redemption", "staking", "collateral", "rewards"]) {
      expect(domains.has(d), d).to.equal(true);
    }
  });
});
