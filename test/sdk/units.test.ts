import { expect } from "chai";
import { formatAmount, formatDuration, parseAmount } from "../../governance/units.js";
import { InputError } from "../../governance/errors.js";

describe("units: human amounts both ways", () => {
  it("reads a plain integer as the raw value in every unit", () => {
    expect(parseAmount("Wad", "1")).to.equal(1n);
    expect(parseAmount("Seconds", 172800)).to.equal(172800n);
    expect(parseAmount("TokenWei", "100_000")).to.equal(100000n);
  });

  it("reads amounts with units", () => {
    expect(parseAmount("Seconds", "2d")).to.equal(172800n);
    expect(parseAmount("Seconds", "1.5h")).to.equal(5400n);
    expect(parseAmount("Seconds", "2w")).to.equal(1209600n);
    expect(parseAmount("Bps", "2.5%")).to.equal(250n);
    expect(parseAmount("Bps", "120 bps")).to.equal(120n);
    expect(parseAmount("Percent", "4%")).to.equal(4n);
    expect(parseAmount("Wad", "0.25 wad")).to.equal(250000000000000000n);
    expect(parseAmount("Wad", "1.2x")).to.equal(1200000000000000000n);
    expect(parseAmount("TokenWei", "100000 rSTB")).to.equal(100000n * 10n ** 18n);
    expect(parseAmount("Usd8", "$0.06")).to.equal(6000000n);
    expect(parseAmount("Usd8", "0.06 USD")).to.equal(6000000n);
    expect(parseAmount("Flops", "1e15")).to.equal(10n ** 15n);
    expect(parseAmount("Flops", "1.5e15 FLOPs")).to.equal(15n * 10n ** 14n);
  });

  it("rejects what it cannot read unambiguously, saying what would do", () => {
    expect(() => parseAmount("Wad", "0.25")).to.throw(
      InputError,
      '"0.25" is not a valid Wad amount (a raw 18-decimal integer, or e.g. "0.25 wad")',
    );
    expect(() => parseAmount("Seconds", "1.0000005s")).to.throw(
      InputError,
      "is not a duration with at most 6 decimals",
    );
    expect(() => parseAmount("Seconds", "1.5s")).to.throw(InputError, '"1.5s" is not a whole number of seconds');
    expect(() => parseAmount("Count", 1.5)).to.throw(InputError, "1.5 is not a non-negative integer");
    expect(() => parseAmount("Count", 2 ** 60)).to.throw(InputError, "is not a non-negative integer");
    expect(() => parseAmount("Flops", "1.5e0")).to.throw(InputError, '"1.5e0" is not an integer');
    expect(() => parseAmount("Percent", "2.5%")).to.throw(InputError, "not a valid Percent amount");
  });

  it("formats raw values for people", () => {
    expect(formatDuration(0n)).to.equal("0 s");
    expect(formatDuration(129600n)).to.equal("1 d 12 h");
    expect(formatAmount("Bps", 250n)).to.equal("2.5% (250 bps)");
    expect(formatAmount("Wad", 250000000000000000n)).to.equal("0.25 (wad)");
    expect(formatAmount("TokenWei", 100_000_000n * 10n ** 18n)).to.equal("100,000,000 tokens");
    expect(formatAmount("Usd8", 6000000n)).to.equal("$0.06");
    expect(formatAmount("Flops", 10n ** 15n)).to.equal("1e15 FLOPs");
    expect(formatAmount("Percent", 4n)).to.equal("4%");
  });
});
