import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { LOCAL_ACCOUNT_LAYOUT, localPrivateKey } from "../../governance/accounts.js";
import { createClient } from "../../governance/client.js";
import { sdkContext } from "../../governance/context.js";
import { proposalIdFromReceipt, proposalIds, proposeCall, queueCall } from "../../governance/lifecycle.js";
import { openSafe } from "../../governance/safe/infrastructure.js";
import { decodeSafeTxFile, draftProposalSafeTx } from "../../governance/safe/proposals.js";
import { toTransactionBuilder } from "../../governance/safe/transaction-builder.js";
import {
  buildSafeTransaction,
  combineSafeTxFiles,
  executeSafeTx,
  readSafeTxFile,
  signSafeTx,
  writeSafeTxFile,
} from "../../governance/safe/transactions.js";
import { compileSpec } from "../../governance/specs/compile.js";
import { parseSpec } from "../../governance/specs/load.js";
import { deployedSystem } from "../helpers/fixtures.js";

describe("proposing through the core Safe: files per owner, ids side by side, Transaction Builder export", () => {
  it("drafts, signs as files, combines, executes; the predicted ids are the real ones", async () => {
    const sys = await loadFixture(deployedSystem);
    const client = createClient(sys.chain, sys.deployment);
    const spec = parseSpec({
      title: "Raise the rSTB supply cap by 5%",
      description: "Rewards need room.",
      actions: [{ kind: "set-parameter", parameter: "rstb.supplyCap", value: "105000000 rSTB" }],
    });
    const { proposal } = compileSpec(spec, sdkContext(sys.deployment));

    const draft = await draftProposalSafeTx(client, proposal, { createdAt: 1_700_000_000_000 });
    expect(draft.ids.proposed).to.equal(false);
    expect(draft.ids.safeTxHash).to.equal(draft.file.safeTxHash);
    expect(draft.file.description).to.equal("propose: Raise the rSTB supply cap by 5%");

    // What the owners are asked to sign reads back as the proposal, by intent.
    const decoded = decodeSafeTxFile(client, draft.file);
    expect(decoded.function.name).to.equal("propose");
    expect(decoded.inner!.map((c) => c.intent?.summary)).to.deep.equal(["Set rstb.supplyCap to 105,000,000 tokens"]);

    // The Safe{Wallet} Transaction Builder file.
    const tb = draft.transactionBuilder;
    expect(tb).to.deep.include({ version: "1.0", chainId: "31337", createdAt: 1_700_000_000_000 });
    expect(tb.meta.createdFromSafeAddress).to.equal(sys.deployment.safes.core);
    expect(tb.transactions).to.have.length(1);
    const [t] = tb.transactions;
    expect(t).to.deep.include({
      to: sys.deployment.contracts.STAB3LGovernor,
      value: "0",
      data: proposeCall(sys.deployment.contracts.STAB3LGovernor, proposal).data,
    });
    expect(t.contractMethod!.name).to.equal("propose");
    expect(t.contractMethod!.inputs.map((i) => i.type)).to.deep.equal(["address[]", "uint256[]", "bytes[]", "string"]);
    expect(JSON.parse(t.contractInputsValues!.targets)).to.deep.equal([sys.deployment.contracts.ParameterStore]);
    expect(t.contractInputsValues!.description).to.equal(proposal.description);

    // Owners exchange files: 1 and 3 sign, anyone executes.
    const dir = mkdtempSync(join(tmpdir(), "stab3l-safe-proposal-"));
    writeSafeTxFile(join(dir, "draft.json"), draft.file);
    writeFileSync(join(dir, "tx-builder.json"), JSON.stringify(tb, null, 2));
    const [o1, , o3] = sys.coreOwnerKeys;
    for (const [name, key] of [
      ["o1", o1],
      ["o3", o3],
    ] as const) {
      const signed = await signSafeTx(
        sys.chain,
        readSafeTxFile(join(dir, "draft.json")),
        key,
        sys.deployment.safeContracts,
      );
      writeSafeTxFile(join(dir, `${name}.json`), signed);
    }
    const combined = combineSafeTxFiles([readSafeTxFile(join(dir, "o1.json")), readSafeTxFile(join(dir, "o3.json"))]);
    const execution = await executeSafeTx(
      sys.chain,
      combined,
      localPrivateKey(LOCAL_ACCOUNT_LAYOUT.spare[1]),
      sys.deployment.safeContracts,
    );
    expect(execution.success).to.equal(true);
    const proposalId = proposalIdFromReceipt(execution.receipt, sys.deployment.contracts.STAB3LGovernor);
    const after = await proposalIds(client, proposal, combined.safeTxHash);
    expect(after).to.deep.equal({ ...draft.ids, proposed: true });
    expect(proposalId).to.equal(draft.ids.proposalId);
    expect(JSON.parse(readFileSync(join(dir, "tx-builder.json"), "utf8")).transactions[0].to).to.equal(t.to);
  });

  it("decodes a multi-call core Safe batch (MultiSendCallOnly) into its calls", async () => {
    const sys = await loadFixture(deployedSystem);
    const client = createClient(sys.chain, sys.deployment);
    const spec = parseSpec({
      title: "Batch",
      description: "x",
      actions: [{ kind: "set-parameter", parameter: "guardian.repauseCooldown", value: "2d" }],
    });
    const { proposal } = compileSpec(spec, sdkContext(sys.deployment));
    const kit = await openSafe(
      sys.chain,
      sys.deployment.safes.core,
      sys.deployment.safeContracts,
      sys.coreOwnerKeys[0],
    );
    const governor = sys.deployment.contracts.STAB3LGovernor;
    const file = await buildSafeTransaction(kit, [proposeCall(governor, proposal), queueCall(governor, proposal)]);
    expect(file.tx.to).to.equal(sys.deployment.safeContracts!.multiSendCallOnlyAddress);
    const decoded = decodeSafeTxFile(client, file);
    expect(decoded.operation).to.equal(1); // the Safe delegatecalls MultiSendCallOnly
    expect(decoded.function.name).to.equal("multiSend");
    expect(decoded.inner!.map((c) => c.function.name)).to.deep.equal(["propose", "queue"]);
    expect(decoded.inner![1].inner!.map((c) => c.intent?.kind)).to.deep.equal(["set-parameter"]);
    const tb = toTransactionBuilder(
      sdkContext(sys.deployment),
      sys.deployment.safes.core,
      [proposeCall(governor, proposal), queueCall(governor, proposal)],
      { name: "batch", createdAt: 0 },
    );
    expect(tb.transactions.map((x) => x.contractMethod?.name)).to.deep.equal(["propose", "queue"]);
  });
});
