import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Wallet, id } from "ethers";
import type { DeploymentIdentity } from "../../governance/deployment.js";
import { InputError } from "../../governance/errors.js";
import { assertSameDeployment, formatIdentity } from "../../governance/identity.js";
import { readSimulationReport } from "../../governance/simulation/report.js";
import {
  assertNotSignedBy,
  combineSafeTxFiles,
  readSafeTxFile,
  writeSafeTxFile,
  type SafeTxFile,
} from "../../governance/safe/transactions.js";

describe("files that bind to a deployment: Safe transactions and simulation reports", () => {
  const dir = mkdtempSync(join(tmpdir(), "stab3l-files-"));
  const today: DeploymentIdentity = { chainId: 31337, startBlockNumber: 2, startBlockHash: id("today") };
  const yesterday: DeploymentIdentity = { chainId: 31337, startBlockNumber: 2, startBlockHash: id("yesterday") };
  const safeTxHash = id("a Safe transaction") as `0x${string}`;
  const alice = new Wallet(id("alice"));
  const bob = new Wallet(id("bob"));
  const sig = (w: Wallet) => w.signingKey.sign(safeTxHash).serialized as `0x${string}`;
  const file = (deployment: DeploymentIdentity | undefined, signatures: SafeTxFile["signatures"] = []): SafeTxFile => ({
    kind: "stab3l.safe-transaction",
    version: 2,
    chainId: "31337",
    deployment,
    safe: "0x000000000000000000000000000000000000dEaD",
    safeTxHash,
    description: "",
    tx: {
      to: "0x000000000000000000000000000000000000bEEF",
      value: "0",
      data: "0x",
      operation: 0,
      safeTxGas: "0",
      baseGas: "0",
      gasPrice: "0",
      gasToken: "0x0000000000000000000000000000000000000000",
      refundReceiver: "0x0000000000000000000000000000000000000000",
      nonce: 0,
    },
    signatures,
  });

  it("names the deployment a file belongs to and the one the console is connected to", () => {
    expect(formatIdentity(today)).to.equal(`31337/${id("today").slice(0, 10)}…`);
    expect(() => assertSameDeployment("Safe file", yesterday, today)).to.throw(
      InputError,
      `this Safe file belongs to deployment 31337/${id("yesterday").slice(0, 10)}… but the console is connected to 31337/${id("today").slice(0, 10)}…`,
    );
    expect(() => assertSameDeployment("Safe file", { ...today }, today)).to.not.throw();
    // Same hash at another block number, or another chain: another deployment.
    expect(() => assertSameDeployment("Safe file", { ...today, startBlockNumber: 3 }, today)).to.throw(InputError);
    expect(() => assertSameDeployment("Safe file", { ...today, chainId: 1 }, today)).to.throw(InputError);
  });

  it("writes only files that name their deployment, and reads them back", () => {
    expect(() => writeSafeTxFile(join(dir, "unnamed.json"), file(undefined))).to.throw(
      InputError,
      `not writing ${join(dir, "unnamed.json")}: the Safe file does not name its deployment`,
    );
    writeSafeTxFile(join(dir, "named.json"), file(today));
    expect(readSafeTxFile(join(dir, "named.json")).deployment).to.deep.equal({
      ...today,
      startBlockHash: today.startBlockHash.toLowerCase(),
    });
  });

  it("refuses a version-1 file (no deployment) saying how to recreate it", () => {
    const { deployment: _none, ...rest } = file(today);
    writeFileSync(join(dir, "v1.json"), JSON.stringify({ ...rest, version: 1 }));
    expect(() => readSafeTxFile(join(dir, "v1.json"))).to.throw(
      InputError,
      /v1\.json does not say which deployment it belongs to \(file version 1, .*\): recreate it on this deployment/,
    );
  });

  it("refuses to combine signature files of two deployments", () => {
    expect(() =>
      combineSafeTxFiles([
        file(today, [{ signer: alice.address, data: sig(alice) }]),
        file(yesterday, [{ signer: bob.address, data: sig(bob) }]),
      ]),
    ).to.throw(
      InputError,
      `files belong to different deployments (${formatIdentity(today)} vs ${formatIdentity(yesterday)})`,
    );
  });

  it("refuses a second signature by an owner whose genuine signature the file holds", () => {
    const signed = file(today, [{ signer: alice.address, data: sig(alice) }]);
    expect(() => assertNotSignedBy(signed, alice.address)).to.throw(
      InputError,
      `${alice.address} already signed Safe transaction ${safeTxHash}: nothing was signed or written`,
    );
    expect(() => assertNotSignedBy(signed, bob.address)).to.not.throw();
    // A signature attributed to bob but made by alice does not count as bob's.
    expect(() =>
      assertNotSignedBy(file(today, [{ signer: bob.address, data: sig(alice) }]), bob.address),
    ).to.not.throw();
  });

  it("reads a simulation report only on the deployment it describes", () => {
    const path = join(dir, "report.json");
    writeFileSync(
      path,
      JSON.stringify({ kind: "stab3l.simulation-report", version: 2, deployment: yesterday, ok: true }),
    );
    expect(() => readSimulationReport(path, today)).to.throw(
      InputError,
      `this simulation report belongs to deployment ${formatIdentity(yesterday)} but the console is connected to ${formatIdentity(today)}`,
    );
    expect(readSimulationReport(path, yesterday).ok).to.equal(true);
    writeFileSync(path, JSON.stringify({ kind: "stab3l.simulation-report", version: 1, ok: true }));
    expect(() => readSimulationReport(path, today)).to.throw(
      InputError,
      `${path} does not say which deployment it describes (report version 1): simulate again on this deployment with \`stab3l propose simulate <spec>\``,
    );
  });
});
