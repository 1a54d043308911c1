import { expect } from "chai";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { parseSetArgs } from "../../console/commands/propose.js";
import { titleOf } from "../../governance/decode/proposal.js";
import { InputError } from "../../governance/errors.js";
import { parseAmount } from "../../governance/units.js";

describe("console input checks at the edge", () => {
  it("refuses the same parameter twice in one draft", () => {
    expect(parseSetArgs(["spot.feeBps=40", "guardian.repauseCooldown=2d"])).to.deep.equal([
      { key: "spot.feeBps", value: "40" },
      { key: "guardian.repauseCooldown", value: "2d" },
    ]);
    expect(() => parseSetArgs(["spot.feeBps=40", "spot.feeBps=50"])).to.throw(
      InputError,
      "--set spot.feeBps is given twice: one value per parameter",
    );
  });

  it("refuses amounts no uint256 can hold, in a short line", () => {
    expect(() => parseAmount("Seconds", "1e100000")).to.throw(
      InputError,
      '"1e100000" is larger than any on-chain value (2^256)',
    );
    const long = "9".repeat(200);
    expect(() => parseAmount("Seconds", long)).to.throw(InputError, `"${"9".repeat(20)}…" is too long to be an amount`);
    expect(parseAmount("Seconds", "1e3")).to.equal(1_000n);
  });

  it("strips control characters from on-chain titles, so a title cannot drive the terminal", () => {
    expect(titleOf("# Evil \u001b]0;pwned\u0007\u001b[2J title\n\nbody")).to.equal("Evil ]0;pwned[2J title");
    expect(titleOf("\n\n## Raise the fee\nmore")).to.equal("Raise the fee");
  });
});

describe("the stab3l command's usage errors", () => {
  const run = promisify(execFile);
  const stab3l = async (args: string[]) => {
    try {
      const r = await run(process.execPath, ["console/bin/stab3l.js", ...args]);
      return { code: 0, stdout: r.stdout };
    } catch (err) {
      const e = err as { code: number; stdout: string };
      return { code: e.code, stdout: e.stdout };
    }
  };

  it("are JSON on stdout with --json, exit 2", async () => {
    const missing = await stab3l(["vote", "1", "--json"]);
    expect(missing.code).to.equal(2);
    expect(JSON.parse(missing.stdout)).to.deep.equal({
      error: { kind: "InputError", message: "missing required argument 'support'" },
    });
    const ws = await stab3l(["status", "--rpc", "ws://127.0.0.1:8545", "--json"]);
    expect(ws.code).to.equal(2);
    expect(JSON.parse(ws.stdout).error.message).to.equal("--rpc: must be an http(s) URL such as http://127.0.0.1:8545");
  });
});
