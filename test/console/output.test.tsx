import React from "react";
import { expect } from "chai";
import { Text } from "ink";
import { makeError, type Provider } from "ethers";
import { outputColumns, renderView } from "../../console/output.js";
import { KeyValues, Section } from "../../console/ui/Section.js";
import { Table } from "../../console/ui/Table.js";
import { explainBadData, isBadData } from "../../governance/deployment-check.js";
import { ConnectionError, DeploymentError, exitCodeOf, InputError, RevertError } from "../../governance/errors.js";
import { formatAmount } from "../../governance/units.js";
import type { Deployment } from "../../governance/deployment.js";

const HASH = "0x" + "5e".repeat(32);
const FILE = ".stab3l/safe-txs/propose-shorten-the-guardian-re-pause-co-2a3e988e.core-2.json";

function view() {
  return (
    <Section title="Safe transaction">
      <KeyValues
        items={[
          ["file", FILE],
          ["safeTxHash", HASH],
          ["signatures", "1 of 2 (core-1) — another owner signs it with stab3l safe sign, then anyone executes it"],
        ]}
      />
      <Table
        rows={[{ key: "futures.settlementFallbackDelay", bounds: "1 d .. 90 d and a long note about the bounds" }]}
        columns={[
          { header: "key", cell: (r) => r.key },
          { header: "bounds", cell: (r) => r.bounds, shrink: true },
        ]}
      />
      <Text>{"word ".repeat(40).trim()}</Text>
    </Section>
  );
}

describe("console output for people", () => {
  it("takes the terminal's width on a terminal, COLUMNS without one, and no limit otherwise", () => {
    expect(outputColumns({ isTTY: true, columns: 132 }, { COLUMNS: "80" })).to.equal(132);
    expect(outputColumns({ isTTY: false }, { COLUMNS: "200" })).to.equal(200);
    expect(outputColumns({}, {})).to.equal(undefined);
    expect(outputColumns({}, { COLUMNS: "wide" })).to.equal(undefined);
  });

  it("without a terminal nothing is wrapped: identifiers, table rows and prose stay on their lines", async () => {
    const text = await renderView(view(), undefined);
    const lines = text.split("\n");
    expect(lines).to.include(`  file       ${FILE}`);
    expect(lines).to.include(`  safeTxHash ${HASH}`);
    expect(text).to.contain("1 d .. 90 d and a long note about the bounds");
    expect(text).to.contain("word ".repeat(40).trim());
  });

  it("at a width, prose wraps and prose cells are cut, but an identifier is never broken", async () => {
    const text = await renderView(view(), 60);
    const lines = text.split("\n");
    expect(lines.some((l) => l.includes(FILE))).to.equal(true); // whole, though longer than 60
    expect(lines.some((l) => l.includes(HASH))).to.equal(true);
    expect(text).to.contain("futures.settlementFallbackDelay");
    expect(text).to.not.contain("about the bounds");
    for (const l of lines.filter((l) => !l.includes(FILE) && !l.includes(HASH))) expect(l.length).to.be.at.most(60);
  });

  it("prints chain ids as identifiers, counts with separators", () => {
    expect(formatAmount("ChainId", 31_338n)).to.equal("31338");
    expect(formatAmount("Count", 31_338n)).to.equal("31,338");
  });
});

describe("console errors and exit codes", () => {
  it("exits 2 for bad input of any kind, 1 for failures", () => {
    expect(exitCodeOf(new InputError("x"))).to.equal(2);
    expect(exitCodeOf(new DeploymentError("no deployment at x.json"))).to.equal(2);
    expect(exitCodeOf(new ConnectionError("bad", { details: { reason: "bad-url" } }))).to.equal(2);
    expect(exitCodeOf(new ConnectionError("other", { details: { reason: "other-chain" } }))).to.equal(2);
    expect(exitCodeOf(new ConnectionError("down", { details: { reason: "unreachable" } }))).to.equal(1);
    expect(exitCodeOf(new ConnectionError("cannot reach the fork"))).to.equal(1);
    expect(exitCodeOf(new RevertError("reverted", "X", []))).to.equal(1);
    expect(exitCodeOf(new Error("boom"))).to.equal(1);
  });

  it("names the contract of the deployment behind ethers' BAD_DATA and what was expected", async () => {
    const A = "0x0000000000000000000000000000000000000001";
    const B = "0x00000000000000000000000000000000000000b2";
    const deployment = {
      chainId: 31337,
      contracts: { ParameterStore: A, RSTBToken: B },
    } as unknown as Deployment;
    const bad = makeError("could not decode result data", "BAD_DATA", {
      value: "0x",
      info: { method: "parameterKeys", signature: "parameterKeys()" },
    });
    expect(isBadData(bad)).to.equal(true);
    const noCode = { getCode: async () => "0x" } as unknown as Provider;
    const named = await explainBadData(bad, deployment, noCode, "deployments/x.json");
    expect(named).to.be.instanceOf(DeploymentError);
    expect(named.message).to.equal(
      `deployments/x.json: ParameterStore at ${A} has no contract code on chain 31337 (expected the ParameterStore contract): a wrong address in the deployment file, or a chain that was reset since the deployment`,
    );
    const someCode = { getCode: async () => "0x6080" } as unknown as Provider;
    expect((await explainBadData(bad, deployment, someCode, "d.json")).message).to.equal(
      `d.json: ParameterStore at ${A} answered parameterKeys() with data that does not decode (empty): is the address in the deployment file that contract?`,
    );
    const unknown = makeError("could not decode result data", "BAD_DATA", {
      value: "0x",
      info: { method: "nothingHasThis", signature: "nothingHasThis()" },
    });
    expect(await explainBadData(unknown, deployment, noCode, "d.json")).to.equal(unknown);
  });
});
