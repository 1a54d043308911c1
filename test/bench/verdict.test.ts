import { expect } from "chai";
import { verdict } from "../../bench/lib.js";

describe("bench: a row's verdict against its target", () => {
  const row = (value: number, target?: string, baseline?: number) => ({
    name: "x",
    unit: "gas",
    value,
    target,
    baseline,
  });

  it("reads upper and lower bounds", () => {
    expect(verdict(row(199_999, "< 200000"))).to.equal("met");
    expect(verdict(row(200_000, "< 200000"))).to.equal("MISSED");
    expect(verdict(row(200_000, "≤ 200000"))).to.equal("met");
    expect(verdict(row(5_000, "≥ 5000"))).to.equal("met");
    expect(verdict(row(4_999, "≥ 5000"))).to.equal("MISSED");
    expect(verdict(row(12.5, "< 20"))).to.equal("met");
  });

  it("compares with the baseline measured in the same run", () => {
    expect(verdict(row(72_000, "within 10% of baseline", 66_000))).to.equal("met");
    expect(verdict(row(73_000, "within 10% of baseline", 66_000))).to.equal("MISSED");
  });

  it("has no verdict for descriptive targets or rows without one", () => {
    expect(verdict(row(3_000, "vs node -e 0", 120))).to.equal("");
    expect(verdict(row(3_000))).to.equal("");
    expect(verdict(row(3_000, "within 10% of baseline"))).to.equal("");
  });
});
