import { expect } from "chai";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { localPrivateKey, LOCAL_ACCOUNT_LAYOUT } from "../../governance/accounts.js";
import { DAY, parameterKey } from "../../governance/catalog/index.js";
import { proposalIdFromReceipt, proposalState, proposeCall } from "../../governance/lifecycle.js";
import type { Proposal } from "../../governance/proposal.js";
import { connectedIdentity } from "../../governance/identity.js";
import { openSafe } from "../../governance/safe/infrastructure.js";
import {
  buildSafeTransaction,
  combineSafeTxFiles,
  executeSafeTx,
  readSafeTxFile,
  signSafeTx,
  writeSafeTxFile,
} from "../../governance/safe/transactions.js";
import { deployedSystem } from "../helpers/fixtures.js";
import { Lifecycle } from "../helpers/lifecycle.js";

describe("governed parameter change: core Safe → Governor → delegates → Timelock → ParameterStore", () => {
  it("travels end to end with Safe signatures exchanged as JSON files", async () => {
    const sys = await loadFixture(deployedSystem);
    const { chain, deployment, core } = sys;
    const lifecycle = new Lifecycle(sys);
    const key = parameterKey("guardian.repauseCooldown");
    const oldValue = await core.parameters.get(key);
    expect(oldValue).to.equal(BigInt(3 * DAY));

    const proposal: Proposal = {
      actions: [
        {
          target: deployment.contracts.ParameterStore,
          value: 0n,
          data: core.parameters.interface.encodeFunctionData("setParameter", [key, BigInt(2 * DAY)]),
        },
      ],
      description: "# Shorten the guardian re-pause cooldown to 2 days",
    };

    // Owner 1 drafts the Safe transaction and writes it to a file.
    const dir = mkdtempSync(join(tmpdir(), "stab3l-safe-"));
    const [owner1, owner2, owner3] = sys.coreOwnerKeys;
    const kit = await openSafe(chain, deployment.safes.core, deployment.safeContracts, owner1);
    // The file names its deployment (chain id + block hash): it is refused on any other.
    const identity = await connectedIdentity(chain, deployment);
    const draft = await buildSafeTransaction(kit, [proposeCall(deployment.contracts.STAB3LGovernor, proposal)], {
      description: proposal.description,
      deployment: identity,
    });
    writeSafeTxFile(join(dir, "propose.json"), draft);

    // Owners 1 and 2 each read the file and return a signature file; owner 3 does nothing.
    const signedBy1 = await signSafeTx(
      chain,
      readSafeTxFile(join(dir, "propose.json")),
      owner1,
      deployment.safeContracts,
      identity,
    );
    writeSafeTxFile(join(dir, "propose.owner1.json"), signedBy1);
    const signedBy2 = await signSafeTx(
      chain,
      readSafeTxFile(join(dir, "propose.json")),
      owner2,
      deployment.safeContracts,
      identity,
    );
    writeSafeTxFile(join(dir, "propose.owner2.json"), signedBy2);
    expect(signedBy1.signatures).to.have.length(1);
    expect(owner3).to.be.a("string");

    // One signature is not enough; nothing is sent.
    const nonceBefore = await kit.getNonce();
    await expect(
      executeSafeTx(
        chain,
        readSafeTxFile(join(dir, "propose.owner1.json")),
        localPrivateKey(LOCAL_ACCOUNT_LAYOUT.spare[0]),
        deployment.safeContracts,
      ),
    ).to.be.rejectedWith(/needs 2 owner signatures, the file has 1/);
    expect(await kit.getNonce()).to.equal(nonceBefore);

    // Anyone collects both files and executes (here a non-owner pays the gas).
    const combined = combineSafeTxFiles([
      readSafeTxFile(join(dir, "propose.owner1.json")),
      readSafeTxFile(join(dir, "propose.owner2.json")),
    ]);
    expect(combined.signatures).to.have.length(2);
    const execution = await executeSafeTx(
      chain,
      combined,
      localPrivateKey(LOCAL_ACCOUNT_LAYOUT.spare[0]),
      deployment.safeContracts,
    );
    expect(execution.success).to.equal(true);
    const proposalId = proposalIdFromReceipt(execution.receipt, deployment.contracts.STAB3LGovernor);
    expect(proposalId).to.equal(1n); // sequential ids
    expect(await core.governor.proposalProposer(proposalId)).to.equal(deployment.safes.core);
    expect(await proposalState(core.governor, proposalId)).to.equal("Pending");

    // Delegates vote.
    await lifecycle.toVoteStart(proposalId);
    await expect(sys.core.governor.connect(sys.delegates[0]).castVote(proposalId, 1))
      .to.emit(core.governor, "VoteCast")
      .withArgs(sys.delegates[0].address, proposalId, 1, 1_000_000n * 10n ** 18n, "");
    await lifecycle.vote(proposalId, "for", sys.delegates.slice(1, 3));
    await lifecycle.vote(proposalId, "against", sys.delegates.slice(3, 4));
    await lifecycle.toVoteEnd(proposalId);
    expect(await proposalState(core.governor, proposalId)).to.equal("Succeeded");

    // Queued: the Timelock holds it for its minimum delay.
    const eta = await lifecycle.queue(proposal);
    expect(eta).to.equal(BigInt(await time.latest()) + BigInt(2 * DAY));
    expect(await proposalState(core.governor, proposalId)).to.equal("Queued");
    await expect(lifecycle.execute(proposal)).to.be.revertedWithCustomError(
      core.timelock,
      "TimelockUnexpectedOperationState",
    );
    expect(await core.parameters.get(key)).to.equal(oldValue);

    // After the delay it executes and the parameter changes, announced by ParameterSet.
    await lifecycle.toEta(eta);
    const receipt = await lifecycle.execute(proposal);
    const block = await hre.ethers.provider.getBlock(receipt.blockNumber);
    await expect(receipt)
      .to.emit(core.parameters, "ParameterSet")
      .withArgs(key, oldValue, BigInt(2 * DAY), block!.timestamp);
    expect(await core.parameters.get(key)).to.equal(BigInt(2 * DAY));
    expect(await proposalState(core.governor, proposalId)).to.equal("Executed");
  });
});
