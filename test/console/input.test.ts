import { expect } from "chai";
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
