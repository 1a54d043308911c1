import { expect } from "chai";
import { AbiCoder, concat, id, Interface, ZeroAddress, ZeroHash } from "ethers";
import { decodeError } from "../../governance/abis.js";
import { ParameterStore__factory, STAB3LGovernor__factory } from "../../governance/contracts.js";
import { sdkContext } from "../../governance/context.js";
import { decodeCall, flattenCalls, recogniseIntent } from "../../governance/decode/call.js";
import { describeFunctionCall } from "../../governance/decode/calldata.js";
import { decodeMultiSend, decodeMultiSendTransactions, encodeMultiSend } from "../../governance/decode/multisend.js";
import { callLines, decodeProposal } from "../../governance/decode/proposal.js";
import { InputError } from "../../governance/errors.js";
import { proposeCall } from "../../governance/lifecycle.js";
import { encodeProposalTuple } from "../../governance/proposal.js";
import { INTENTS } from "../../governance/specs/intents/index.js";
import { compileSpec } from "../../governance/specs/compile.js";
import { parseSpec } from "../../governance/specs/load.js";
import { fakeDeployment } from "./helpers.js";

const deployment = fakeDeployment();
const ctx = sdkContext(deployment);

/** One sample of every intent kind, as a person would write it. */
const SAMPLES: Record<string, object> = {
  "set-parameter": { kind: "set-parameter", parameter: "guardian.repauseCooldown", value: "2d" },
  "schedule-parameter": {
    kind: "schedule-parameter",
    parameter: "rstb.supplyCap",
    value: "105000000 rSTB",
    effectiveAt: "2027-01-01T00:00:00Z",
  },
  "cancel-scheduled-parameter": { kind: "cancel-scheduled-parameter", parameter: "rstb.supplyCap" },
  "set-parameter-bounds": {
    kind: "set-parameter-bounds",
    parameter: "guardian.maxPauseDuration",
    min: "2d",
    max: "20d",
  },
  "set-parameter-rules": {
    kind: "set-parameter-rules",
    parameter: "rstb.supplyCap",
    stepKind: "RelativeBps",
    maxStep: "5%",
    cooldown: "30d",
  },
  "set-setting": { kind: "set-setting", setting: "timelock.minDelay", value: "3d" },
  "grant-role": { kind: "grant-role", role: "RSTB_MINTER", account: "core Safe", executionDelay: "1h" },
  "revoke-role": { kind: "revoke-role", role: "GUARDIAN", account: "guardian Safe" },
  "set-function-role": { kind: "set-function-role", contract: "RSTBToken", functions: ["mint"], role: "PUBLIC" },
  pause: { kind: "pause", contract: "ParameterStore", functions: ["setParameter(bytes32,uint256)"] },
  unpause: { kind: "unpause", contract: "RSTBToken" },
  "set-oracle-feed": {
    kind: "set-oracle-feed",
    asset: "CU/USD",
    feed: "0x00000000000000000000000000000000000000F1",
    fallbackFeed: "0x00000000000000000000000000000000000000F2",
  },
  "schedule-cu-definition": { kind: "schedule-cu-definition", flopsPerUnit: "1.02e15", usdPerUnit: "$0.061" },
  "cancel-cu-definition": { kind: "cancel-cu-definition" },
  "add-attester": { kind: "add-attester", attester: "0x00000000000000000000000000000000000000E1" },
  "remove-attester": { kind: "remove-attester", attester: "0x00000000000000000000000000000000000000E2" },
  "add-relayer": { kind: "add-relayer", relayer: "0x00000000000000000000000000000000000000E3" },
  "remove-relayer": { kind: "remove-relayer", relayer: "0x00000000000000000000000000000000000000E4" },
  call: { kind: "call", target: "RSTBToken", signature: "transfer(address,uint256)", args: [ZeroAddress, "5"] },
};

function compileOne(sample: object) {
  return compileSpec(parseSpec({ title: "t", description: "d", actions: [sample] }), ctx).proposal.actions;
}

describe("decoding: every proposal reads back as intents, nothing crashes", () => {
  it("has a sample for every registered intent kind", () => {
    expect(Object.keys(SAMPLES).sort()).to.deep.equal(INTENTS.map((i) => i.kind).sort());
  });

  for (const [kind, sample] of Object.entries(SAMPLES)) {
    it(`round-trips ${kind}: compile → decode → compile gives the same bytes`, () => {
      const actions = compileOne(sample);
      expect(actions.length).to.be.greaterThan(0);
      for (const action of actions) {
        const intent = INTENTS.find((i) => i.kind === kind)!;
        const decoded = intent.decode(action, ctx);
        expect(decoded, "decode recognises its own calls").to.not.equal(undefined);
        expect(intent.compile(decoded!, ctx)).to.deep.equal([action]);
        // Through the generic decoder, the first kind that recognises the call is this one.
        const call = decodeCall(action, ctx);
        expect(call.intent?.kind ?? "call").to.equal(kind);
        expect(call.function.signature, "the target's ABI decodes the function").to.be.a("string");
      }
    });
  }

  it("describes intents with units and names, before → after given a state", () => {
    const [action] = compileOne(SAMPLES["set-parameter"]);
    const state = {
      blockNumber: 1,
      timestamp: 0n,
      parameters: [
        {
          name: "guardian.repauseCooldown",
          key: id("x"),
          unit: "Seconds" as const,
          value: 259200n,
          min: 0n,
          max: 1209600n,
          stepKind: "None" as const,
          maxStep: 0n,
          cooldown: 86400n,
          lastUpdateAt: 0n,
          historyLength: 1n,
        },
      ],
      settings: [],
      roles: [],
      targets: [],
      pauses: [],
      timelockRoles: [],
      sets: [],
      balances: [],
    };
    const intent = recogniseIntent(action, ctx, state)!;
    expect(intent.summary).to.equal("Set guardian.repauseCooldown to 2 d");
    expect(intent.changes).to.deep.equal([{ subject: "guardian.repauseCooldown", before: "3 d", after: "2 d" }]);
    const grant = recogniseIntent(compileOne(SAMPLES["grant-role"])[0], ctx)!;
    expect(grant.summary).to.equal("Grant RSTB_MINTER to core Safe (execution delay 1 h)");
    const schedule = recogniseIntent(compileOne(SAMPLES["schedule-parameter"])[0], ctx)!;
    expect(schedule.summary).to.equal("Schedule rstb.supplyCap = 105,000,000 tokens from 2027-01-01T00:00:00.000Z");
  });

  it("decodes a Safe MultiSend batch and the proposal inside Governor.propose", () => {
    const proposal = compileSpec(
      parseSpec({ title: "Two things", description: "d", actions: [SAMPLES["set-parameter"], SAMPLES["revoke-role"]] }),
      ctx,
    ).proposal;
    const propose = proposeCall(deployment.contracts.STAB3LGovernor, proposal);
    const batch = [
      { operation: 0 as const, to: propose.to, value: 0n, data: propose.data },
      { operation: 0 as const, to: deployment.contracts.RSTBToken, value: 0n, data: compileOne(SAMPLES.call)[0].data },
    ];
    const multisend = encodeMultiSend(batch);
    expect(decodeMultiSend(multisend)).to.deep.equal(batch);

    const call = decodeCall({ target: "0x40A2aCCbd92BCA938b02010E17A5b8929b49130D", value: 0n, data: multisend }, ctx);
    expect(call.function.name).to.equal("multiSend");
    expect(call.inner!.map((c) => c.function.name)).to.deep.equal(["propose", "transfer"]);
    const inner = call.inner![0].inner!;
    expect(inner.map((c) => c.intent?.summary)).to.deep.equal([
      "Set guardian.repauseCooldown to 2 d",
      "Revoke GUARDIAN from guardian Safe",
    ]);
    const lines = callLines(call);
    expect(lines).to.include("    Set guardian.repauseCooldown to 2 d");
    expect(lines).to.include("  RSTBToken.transfer(to=0x0000000000000000000000000000000000000000, value=5)");
  });

  it("decodes a Safe execTransaction delegatecalling MultiSend, flagging the delegatecall", () => {
    const safe = new Interface([
      "function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures)",
    ]);
    const [setParam] = compileOne(SAMPLES["set-parameter"]);
    const batch = encodeMultiSend([{ operation: 0, to: setParam.target, value: 0n, data: setParam.data }]);
    const data = safe.encodeFunctionData("execTransaction", [
      "0x9641d764fc13c8B624c04430C7356C1C7C8102e2",
      0,
      batch,
      1,
      0,
      0,
      0,
      ZeroAddress,
      ZeroAddress,
      "0x",
    ]);
    const call = decodeCall({ target: deployment.safes.core, value: 0n, data }, ctx);
    expect(call.targetName).to.equal("core Safe");
    expect(call.function.name).to.equal("execTransaction");
    const [delegate] = call.inner!;
    expect(delegate.operation).to.equal(1);
    expect(delegate.warnings).to.include("delegatecall: the callee runs with the caller's storage and funds");
    expect(
      flattenCalls(call)
        .map((c) => c.intent?.kind)
        .filter(Boolean),
    ).to.deep.equal(["set-parameter"]);
  });

  it("shows unknown selectors and malformed data raw, never throwing", () => {
    const unknown = decodeCall({ target: deployment.contracts.ParameterStore, value: 0n, data: "0xdeadbeef0102" }, ctx);
    expect(unknown.function.text).to.equal("unknown selector 0xdeadbeef with 2 bytes of arguments");
    expect(unknown.warnings).to.deep.equal(["unknown selector 0xdeadbeef"]);
    expect(unknown.intent).to.equal(undefined);
    // A known selector with truncated arguments is not decodable with that ABI: raw again.
    const truncated = decodeCall(
      {
        target: deployment.contracts.ParameterStore,
        value: 0n,
        data: id("setParameter(bytes32,uint256)").slice(0, 12),
      },
      ctx,
    );
    expect(truncated.function.signature).to.equal(undefined);
    // A known selector on an unknown target is decoded, marked as guessed.
    const [action] = compileOne(SAMPLES["set-parameter"]);
    const guessed = decodeCall(
      { target: "0x000000000000000000000000000000000000bEEF", value: 0n, data: action.data },
      ctx,
    );
    expect(guessed.function.name).to.equal("setParameter");
    expect(guessed.warnings).to.deep.equal([
      "target is not a known contract; decoded with the ParameterStore ABI by selector",
    ]);
    expect(guessed.intent).to.equal(undefined);
    // Plain ETH transfer.
    expect(describeFunctionCall(ZeroAddress, "0x", ctx).text).to.equal("(no calldata: plain transfer)");
    // Trailing bytes after a valid call: not recognised as the intent (it would not re-encode the same).
    const trailing = decodeCall({ ...action, data: action.data + "00" }, ctx);
    expect(trailing.intent).to.equal(undefined);
    expect(() => decodeMultiSendTransactions("0x00" + "11".repeat(20))).to.throw(
      InputError,
      "MultiSend data is truncated",
    );
  });

  it("decodes custom errors by name and arguments over all ABIs, never raw hex", () => {
    const store = ParameterStore__factory.createInterface();
    const data = store.encodeErrorResult("ParameterOutOfBounds", [
      "0x677561726469616e2e72657061757365436f6f6c646f776e0000000000000000",
      1728000n,
      0n,
      1209600n,
    ]);
    const decoded = decodeError(data);
    expect(decoded.name).to.equal("ParameterOutOfBounds");
    expect(decoded.text).to.equal(
      "ParameterOutOfBounds(key=guardian.repauseCooldown, value=1728000, min=0, max=1209600)",
    );
    expect(decoded.namedArgs.value).to.equal(1728000n);
    const governor = STAB3LGovernor__factory.createInterface();
    expect(decodeError(governor.encodeErrorResult("GovernorUnexpectedProposalState", [3n, 1n, id("x")])).name).to.equal(
      "GovernorUnexpectedProposalState",
    );
    const panic = concat([id("Panic(uint256)").slice(0, 10), AbiCoder.defaultAbiCoder().encode(["uint256"], [0x11])]);
    expect(decodeError(panic).text).to.equal("Panic(0x11: arithmetic overflow or underflow)");
    const message = concat([id("Error(string)").slice(0, 10), AbiCoder.defaultAbiCoder().encode(["string"], ["nope"])]);
    expect(decodeError(message).text).to.equal('Error("nope")');
    expect(decodeError("0x12345678").text).to.equal("unknown error 0x12345678");
    expect(decodeError("0x").text).to.equal("reverted without data");
  });

  it("decodes a whole proposal with its ids", () => {
    const proposal = compileSpec(
      parseSpec({ title: "All kinds", description: "d", actions: Object.values(SAMPLES) }),
      ctx,
    ).proposal;
    const decoded = decodeProposal(proposal, ctx);
    expect(decoded.title).to.equal("All kinds");
    expect(decoded.actions.map((a) => a.intent?.kind ?? "call")).to.deep.equal(Object.keys(SAMPLES));
    expect(decoded.ids.descriptionHash).to.equal(id(proposal.description));
  });
});

describe("proposal hashing", () => {
  it("encodes (targets, values, calldatas, …) exactly as the ABI coder does, for any shape", () => {
    const coder = AbiCoder.defaultAbiCoder();
    const shapes = [
      [],
      [{ target: ZeroAddress, value: 0n, data: "0x" }],
      [
        { target: "0x00000000000000000000000000000000000000A2", value: 5n, data: "0x1234" },
        { target: "0x9641d764fc13c8B624c04430C7356C1C7C8102e2", value: 10n ** 18n, data: "0x" + "ab".repeat(100) },
        { target: "0x00000000000000000000000000000000000000A5", value: 0n, data: "0x" + "cd".repeat(32) },
      ],
    ];
    const dh = id("description");
    for (const actions of shapes) {
      const p = { actions, description: "description" };
      const arrays = [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.data)];
      expect(encodeProposalTuple(p, [dh])).to.equal(
        coder.encode(["address[]", "uint256[]", "bytes[]", "bytes32"], [...arrays, dh]),
      );
      expect(encodeProposalTuple(p, [ZeroHash, dh])).to.equal(
        coder.encode(["address[]", "uint256[]", "bytes[]", "bytes32", "bytes32"], [...arrays, ZeroHash, dh]),
      );
    }
  });
});
