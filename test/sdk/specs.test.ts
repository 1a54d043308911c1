import { expect } from "chai";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getAddress, id } from "ethers";
import { stringify } from "yaml";
import { sdkContext } from "../../governance/context.js";
import { InputError } from "../../governance/errors.js";
import { descriptionParts, withProposer } from "../../governance/proposal.js";
import { compileSpec, specDescription } from "../../governance/specs/compile.js";
import { loadSpec, parseSpec, parseSpecFileName, parseSpecText } from "../../governance/specs/load.js";
import { fakeDeployment } from "./helpers.js";

const ctx = sdkContext(fakeDeployment());

const VALID = {
  title: "Shorten the re-pause cooldown",
  description: "Because drills showed it.",
  actions: [{ kind: "set-parameter", parameter: "guardian.repauseCooldown", value: "2d" }],
};

function rejects(raw: unknown, message: string) {
  expect(() => parseSpec(raw, "spec")).to.throw(InputError, message);
}

describe("proposal specs: validated data files compiled deterministically", () => {
  it("every spec in proposals/ is well named, valid and compiles", () => {
    const files = readdirSync("proposals").filter((f) => /\.(json|ya?ml)$/.test(f));
    expect(files.length).to.be.greaterThan(0);
    for (const f of files) {
      const spec = loadSpec(join("proposals", f));
      const compiled = compileSpec(spec, ctx);
      expect(compiled.proposal.actions.length, f).to.be.greaterThan(0);
    }
  });

  it("every template in proposals/templates/ is valid and compiles", () => {
    const files = readdirSync("proposals/templates").filter((f) => /\.(json|ya?ml)$/.test(f));
    expect(files).to.include("quarterly-cu-redefinition.yaml");
    for (const f of files) {
      const spec = loadSpec(join("proposals/templates", f), { checkName: false });
      expect(compileSpec(spec, ctx).proposal.actions.length, f).to.be.greaterThan(0);
    }
  });

  it("compiles the example to the exact ParameterStore call and a titled description", () => {
    const compiled = compileSpec(parseSpec(VALID), ctx);
    const iface = ctx.deployment.contracts.ParameterStore;
    expect(compiled.proposal.actions).to.deep.equal([
      {
        target: iface,
        value: 0n,
        // setParameter("guardian.repauseCooldown", 172800)
        data:
          id("setParameter(bytes32,uint256)").slice(0, 10) +
          "677561726469616e2e72657061757365436f6f6c646f776e0000000000000000" +
          "000000000000000000000000000000000000000000000000000000000002a300",
      },
    ]);
    expect(compiled.proposal.description).to.equal(
      `# Shorten the re-pause cooldown\n\nBecause drills showed it.\n\n#proposer=${ctx.deployment.safes.core}`,
    );
    expect(compiled.sources).to.deep.equal([{ intent: 0, kind: "set-parameter", from: 0, count: 1 }]);
  });

  it("is deterministic: the same spec as JSON or YAML, compiled twice, gives identical bytes", () => {
    const fromJson = compileSpec(parseSpecText(JSON.stringify(VALID), "json"), ctx);
    const fromYaml = compileSpec(parseSpecText(stringify(VALID), "yaml"), ctx);
    const again = compileSpec(parseSpecText(JSON.stringify(VALID), "json"), ctx);
    expect(fromYaml.proposal).to.deep.equal(fromJson.proposal);
    expect(again.proposal).to.deep.equal(fromJson.proposal);
    expect(withProposer(specDescription(VALID), ctx.deployment.safes.core)).to.equal(fromJson.proposal.description);
  });

  it("binds the description to its proposer: the core Safe by default, or the one given", () => {
    const other = "0x" + "ab".repeat(20);
    const bound = compileSpec(parseSpec(VALID), ctx, { proposer: other }).proposal.description;
    expect(bound.endsWith(`\n\n#proposer=${getAddress(other)}`)).to.equal(true);
    expect(descriptionParts(bound)).to.deep.equal({
      body: specDescription(VALID),
      proposer: getAddress(other),
      revision: undefined,
    });
  });

  it("names the zod path and a one-line reason for invalid specs", () => {
    rejects({ ...VALID, title: undefined }, "spec: title: Invalid input: expected string, received undefined");
    rejects({ ...VALID, title: "two\nlines" }, "spec: title: must be one line");
    rejects({ ...VALID, actions: [] }, "spec: actions: a proposal needs at least one action");
    rejects({ ...VALID, extra: 1 }, 'spec: (root): Unrecognized key: "extra"');
    rejects(
      { ...VALID, actions: [{ kind: "set-paramter", parameter: "x", value: 1 }] },
      'spec: actions.0.kind: unknown action kind "set-paramter" (one of set-parameter, ',
    );
    rejects(
      { ...VALID, actions: [{ kind: "set-parameter", paramter: "x", value: 1 }] },
      "spec: actions.0.parameter: Invalid input: expected string, received undefined",
    );
    rejects(
      { ...VALID, actions: [{ kind: "set-parameter", parameter: "x", value: true }] },
      'spec: actions.0.value: expected an integer or a string with a unit (e.g. 172800, "2d", "2.5%", "0.25 wad")',
    );
    rejects(
      {
        ...VALID,
        actions: [VALID.actions[0], { kind: "schedule-parameter", parameter: "x", value: 1, effectiveAt: "next week" }],
      },
      "spec: actions.1.effectiveAt: not unix seconds or an ISO-8601 date-time with a zone",
    );
    rejects(
      { ...VALID, actions: [{ kind: "call", target: "ParameterStore", data: "0x12", signature: "f()" }] },
      "spec: actions.0.data: give either data or signature (with args), not both",
    );
    rejects(
      { ...VALID, postconditions: [{ parameter: "x", setting: "y", equals: 1 }] },
      "spec: postconditions.0: name exactly one of parameter or setting",
    );
    // Every message is one line.
    try {
      parseSpec({ ...VALID, actions: [{ kind: "pause" }] }, "spec");
    } catch (err) {
      expect((err as Error).message).to.not.include("\n");
      expect((err as InputError).details?.path).to.equal("actions.0.contract");
    }
  });

  it("rejects bad file names, bad dates and unparsable files", () => {
    expect(() => parseSpecFileName("proposals/raise-cap.yaml")).to.throw(
      InputError,
      "a proposal file is named YYYYMMDD-<slug>",
    );
    expect(() => parseSpecFileName("20261301-raise-cap.yaml")).to.throw(
      InputError,
      "2026-13-01 is not a calendar date",
    );
    expect(() => parseSpecFileName("20261201-Raise_Cap.yaml")).to.throw(InputError, "a proposal file is named");
    expect(parseSpecFileName("proposals/20261231-raise-cap.yml")).to.deep.equal({
      date: "2026-12-31",
      slug: "raise-cap",
      format: "yaml",
    });
    const dir = mkdtempSync(join(tmpdir(), "stab3l-spec-"));
    writeFileSync(join(dir, "20261201-broken.yaml"), "title: [unclosed\n");
    expect(() => loadSpec(join(dir, "20261201-broken.yaml"))).to.throw(
      InputError,
      "20261201-broken.yaml: not valid YAML",
    );
    writeFileSync(join(dir, "20261201-broken.json"), "{");
    expect(() => loadSpec(join(dir, "20261201-broken.json"))).to.throw(
      InputError,
      "20261201-broken.json: not valid JSON",
    );
    // Missing or empty is said first, before the file's name is judged.
    expect(() => loadSpec(join(dir, "20261201-missing.json"))).to.throw(
      InputError,
      `no spec file at ${join(dir, "20261201-missing.json")} (drafts are written to proposals/ by \`stab3l propose draft\`)`,
    );
    expect(() => loadSpec(join(dir, "nope.json"))).to.throw(InputError, `no spec file at ${join(dir, "nope.json")}`);
    writeFileSync(join(dir, "empty.json"), "  \n");
    expect(() => loadSpec(join(dir, "empty.json"))).to.throw(
      InputError,
      `${join(dir, "empty.json")} is empty: a spec needs a title and actions`,
    );
    writeFileSync(join(dir, "misnamed.json"), "{}");
    expect(() => loadSpec(join(dir, "misnamed.json"))).to.throw(InputError, "a proposal file is named");
  });

  it("fails compilation with the action index when a name does not resolve", () => {
    const compile = (action: object, extra: object = {}) =>
      compileSpec(parseSpec({ ...VALID, ...extra, actions: [VALID.actions[0], action] }), ctx);
    expect(() => compile({ kind: "set-parameter", parameter: "guardian.repause", value: 1 })).to.throw(
      InputError,
      'actions.1 (set-parameter): "guardian.repause" is not a parameter of the catalog (did you mean guardian.maxPauseDuration, guardian.repauseCooldown?)',
    );
    expect(() => compile({ kind: "set-parameter", parameter: "guardian.repauseCooldown", value: "0.5 wad" })).to.throw(
      InputError,
      'actions.1 (set-parameter): "0.5 wad" is not a valid Seconds amount',
    );
    expect(() => compile({ kind: "grant-role", role: "SUPERUSER", account: "core Safe" })).to.throw(
      InputError,
      'actions.1 (grant-role): "SUPERUSER" is not a known role',
    );
    expect(() => compile({ kind: "grant-role", role: "GUARDIAN", account: "Treasury" })).to.throw(
      InputError,
      'actions.1 (grant-role): "Treasury" is neither an address nor a contract of this deployment',
    );
    expect(() => compile({ kind: "pause", contract: "RSTBToken", functions: ["burn"] })).to.throw(
      InputError,
      'actions.1 (pause): RSTBToken has no function "burn"',
    );
    expect(() =>
      compile({ kind: "call", target: "ParameterStore", signature: "setParameter(bytes32,uint256)", args: [1] }),
    ).to.throw(InputError, "actions.1 (call): args do not fit setParameter(bytes32,uint256)");
    expect(() => compileSpec(parseSpec({ ...VALID, network: "arbitrum" }), ctx)).to.throw(
      InputError,
      'spec is for network "arbitrum", the deployment is "localhost"',
    );
  });
});
