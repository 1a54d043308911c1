/**
 * The compiled event decoder must agree with ethers on every event of every contract the indexer follows
 * (addresses aside, which it returns lower-case), over random values.
 */
import { expect } from "chai";
import { hexlify, randomBytes, Result, type EventFragment, type ParamType } from "ethers";
import { compileEventDecoder } from "../../indexer/ingest/fast-abi.js";
import { KINDS } from "../../indexer/ingest/contracts.js";
import { safeKind } from "../../indexer/ingest/handlers/safe.js";
import { governorKind } from "../../indexer/ingest/handlers/governor.js";
import { SyntheticChain } from "./synthetic.js";

let seed = 1;
const rand = (n: number) => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed % n;
};

function randomValue(type: ParamType): unknown {
  const t = type.type;
  if (type.isArray()) return Array.from({ length: rand(4) }, () => randomValue(type.arrayChildren!));
  if (type.isTuple()) return type.components!.map(randomValue);
  if (t === "address") return hexlify(randomBytes(20));
  if (t === "bool") return rand(2) === 1;
  if (t === "string") return ["", "ok", "a reason with ünïcode ✓", "x".repeat(70)][rand(4)];
  if (t === "bytes") return hexlify(randomBytes(rand(80)));
  const bytes = /^bytes(\d+)$/.exec(t);
  if (bytes) return hexlify(randomBytes(Number(bytes[1])));
  const uint = /^uint(\d*)$/.exec(t);
  if (uint) return BigInt(hexlify(randomBytes(Number(uint[1] || 256) / 8)));
  const int = /^int(\d*)$/.exec(t);
  if (int) return BigInt.asIntN(Number(int[1] || 256), BigInt(hexlify(randomBytes(Number(int[1] || 256) / 8))));
  throw new Error(`no generator for ${t}`);
}

function normalise(value: unknown): unknown {
  if (value instanceof Result || Array.isArray(value)) return [...(value as unknown[])].map(normalise);
  if (typeof value === "string") return value.toLowerCase();
  return value;
}

describe("compiled event decoder", () => {
  const kinds = [...Object.values(KINDS), safeKind];
  const events: EventFragment[] = [];
  for (const k of kinds) k.abi.forEachEvent((e) => events.push(e));

  it("decodes every event of the followed contracts as ethers does, or defers to ethers", () => {
    let compiled = 0;
    for (const e of events) {
      const decode = compileEventDecoder(e);
      if (!decode) continue;
      compiled++;
      for (let i = 0; i < 8; i++) {
        const values = e.inputs.map(randomValue);
        const iface = kinds.find((k) => k.abi.getEvent(e.topicHash))!.abi;
        const { data, topics } = iface.encodeEventLog(e, values);
        const expected = iface.decodeEventLog(e, data, topics);
        const actual = decode(topics, data);
        expect(normalise(actual), `${e.format()}`).to.deep.equal(normalise(expected));
        e.inputs.forEach((input, j) => {
          if (input.name) expect(normalise(actual[input.name])).to.deep.equal(normalise(expected[j]));
        });
      }
    }
    // Everything but tuples and arrays of dynamic values takes the fast path.
    const slow = events.filter((e) => !compileEventDecoder(e)).map((e) => e.name);
    expect(slow.sort()).to.deep.equal(["ParameterRegistered", "ProposalCreated"]);
    expect(compiled).to.equal(events.length - slow.length);
  });

  it("rejects truncated data instead of reading garbage", () => {
    const e = governorKind.abi.getEvent("VoteCast")!;
    const { topics, data } = governorKind.abi.encodeEventLog(e, [hexlify(randomBytes(20)), 1n, 1, 5n, "reason"]);
    expect(() => compileEventDecoder(e)!(topics, data.slice(0, 100))).to.throw(/too short/);
  });

  it("the synthetic chain's hand-encoded VoteCast equals ethers' encoding", () => {
    const chain = new SyntheticChain();
    const e = governorKind.abi.getEvent("VoteCast")!;
    for (const reason of ["", "why", "x".repeat(33), "ünïcode"]) {
      const voter = SyntheticChain.account(rand(1000));
      const ours = chain.voteCast(voter, 12n, 2, 10n ** 24n + 7n, reason);
      const theirs = governorKind.abi.encodeEventLog(e, [voter, 12n, 2, 10n ** 24n + 7n, reason]);
      expect({ topics: ours.topics, data: ours.data }).to.deep.equal({ topics: theirs.topics, data: theirs.data });
    }
  });
});
