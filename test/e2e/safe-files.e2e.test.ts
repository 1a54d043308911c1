/**
 * Safe transaction files as owners meet them with the real `stab3l safe sign|execute` commands against a real
 * node: the file's integrity and deployment are checked before anything is shown, the prompt shows only what
 * the signed hash covers (decoded calls with current values, never the file's unsigned description), a second
 * signature by the same owner is refused, and a file from another deployment (a local node restarted and
 * deployed again: same chain id, same addresses) is refused by name.
 */
import { expect } from "chai";
import { Contract } from "ethers";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { connect } from "../../governance/chain.js";
import { createClient } from "../../governance/client.js";
import { sdkContext } from "../../governance/context.js";
import { loadDeployment, saveDeployment, type Deployment } from "../../governance/deployment.js";
import { formatIdentity } from "../../governance/identity.js";
import { draftProposalSafeTx } from "../../governance/safe/proposals.js";
import { writeSafeTxFile, type SafeTxFile } from "../../governance/safe/transactions.js";
import { compileSpec } from "../../governance/specs/compile.js";
import { parseSpec } from "../../governance/specs/load.js";
import { localWallet, LOCAL_ACCOUNT_LAYOUT as L } from "../../governance/accounts.js";
import { deployLocal } from "../../scripts/lib/local.js";
import { startHardhatNode, type HardhatNode } from "../../scripts/lib/hardhat-node.js";

const run = promisify(execFile);
const BIN = resolve("console/bin/stab3l.js");
const BURNED_NONCES = 3;
const SAFE_ABI = [
  "function nonce() view returns (uint256)",
  "function getTransactionHash(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, uint256 _nonce) view returns (bytes32)",
];

describe("Safe files: checked before shown, only the signed content shown, one signature per owner, one deployment", function () {
  this.timeout(600_000);
  let node: HardhatNode;
  let deployment: Deployment;
  let dir: string;
  let deploymentFile: string;
  let draftFile: string;
  let draft: SafeTxFile;
  const core1 = localWallet(L.coreOwners[0]).address;

  /** Run `stab3l <args>` without a terminal (as a script would); exit code, stdout and stderr. */
  async function stab3l(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const all = [BIN, ...args, "--rpc", node.url, "--deployment", deploymentFile];
    try {
      const { stdout, stderr } = await run(process.execPath, all, {
        cwd: dir,
        env: { ...process.env, FORCE_COLOR: "0" },
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  const variant = (name: string, edit: (f: SafeTxFile) => object) => {
    const file = join(dir, "safe-txs", name);
    writeFileSync(file, JSON.stringify(edit(JSON.parse(JSON.stringify(draft)) as SafeTxFile), null, 2));
    return file;
  };

  before(async () => {
    node = await startHardhatNode();
    const chain = await connect(node.url);
    // Other addresses than the other end-to-end files' deployments: protocol-kit memoizes Safe contract
    // handles by address, and in one mocha process theirs are bound to nodes stopped by then.
    const deployer = localWallet(L.deployer, chain.provider);
    for (let i = 0; i < BURNED_NONCES; i++) await (await deployer.sendTransaction({ to: deployer.address })).wait();
    deployment = await deployLocal(chain, "localhost", () => {});
    dir = mkdtempSync(join(tmpdir(), "stab3l-safefiles-"));
    deploymentFile = join(dir, "localhost.json");
    saveDeployment(deploymentFile, deployment);
    const spec = parseSpec({
      title: "Shorten the guardian re-pause cooldown",
      description: "# Shorten the guardian re-pause cooldown\n\nFaster incident response.",
      actions: [{ kind: "set-parameter", parameter: "guardian.repauseCooldown", value: "2d" }],
    });
    const { proposal } = compileSpec(spec, sdkContext(deployment));
    draft = (await draftProposalSafeTx(createClient(chain, deployment), proposal)).file;
    mkdirSync(join(dir, "safe-txs"));
    draftFile = join(dir, "safe-txs", "propose.json");
    writeSafeTxFile(draftFile, draft);
  });

  after(async () => {
    await node?.stop();
  });

  it("the file names its deployment: chain id and the hash of the deployment's start block", () => {
    const file = JSON.parse(readFileSync(draftFile, "utf8")) as SafeTxFile;
    expect(file.version).to.equal(2);
    expect(file.deployment).to.deep.equal({
      chainId: 31337,
      startBlockNumber: deployment.startBlock.number,
      startBlockHash: deployment.startBlock.hash.toLowerCase(),
    });
  });

  it("an edited description is never shown as what is signed: the prompt shows the decoded calls, with current values", async () => {
    const edited = variant("edited-description.json", (f) => ({ ...f, description: "Harmless: fix a typo" }));
    const r = await stab3l(["safe", "sign", edited, "--as", "core-1"]);
    expect(r.code).to.equal(2);
    // Without a terminal the confirmation refuses, quoting the question it would have asked.
    expect(r.stderr).to.contain(
      `error: Sign Safe transaction ${draft.safeTxHash} (the core Safe, nonce ${draft.tx.nonce}: the calls above) as ${core1}?: ` +
        "refusing without confirmation (no terminal); pass --yes",
    );
    expect(r.stderr).to.contain(`the core Safe would do (nonce ${draft.tx.nonce}):`);
    expect(r.stderr).to.contain("guardian.repauseCooldown: 3 d → 2 d"); // the current value, not "?"
    expect(r.stderr).to.not.contain("Harmless");
    expect(r.stderr).to.not.match(/: \? →/);
  });

  it("an edited transaction is refused before anything of it is shown or asked", async () => {
    const edited = variant("edited-value.json", (f) => ({ ...f, tx: { ...f.tx, value: "1" } }));
    const r = await stab3l(["safe", "sign", edited, "--as", "core-1"]);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(
      new RegExp(
        `^error: the file's safeTxHash ${draft.safeTxHash} does not match its contents \\(0x[0-9a-f]{64}\\): edited\\?\\n$`,
      ),
    );
  });

  it("signing twice as the same owner says so and writes nothing", async () => {
    const first = await stab3l(["safe", "sign", draftFile, "--as", "core-1", "--yes", "--json"]);
    expect(first.code, first.stdout).to.equal(0);
    const signatureFile = (JSON.parse(first.stdout) as { file: string }).file;
    const files = readdirSync(join(dir, "safe-txs")).sort();

    const again = await stab3l(["safe", "sign", draftFile, "--as", "core-1", "--yes", "--json"]);
    expect(again.code).to.equal(2);
    expect((JSON.parse(again.stdout) as { error: { message: string } }).error.message).to.equal(
      `${core1} already signed Safe transaction ${draft.safeTxHash} (${signatureFile}): nothing was signed or written`,
    );
    // Signing the signature file itself (which holds core-1's signature) is refused too.
    const ofOwn = await stab3l(["safe", "sign", signatureFile, "--as", "core-1", "--yes", "--json"]);
    expect(ofOwn.code).to.equal(2);
    expect((JSON.parse(ofOwn.stdout) as { error: { message: string } }).error.message).to.equal(
      `${core1} already signed Safe transaction ${draft.safeTxHash}: nothing was signed or written`,
    );
    expect(readdirSync(join(dir, "safe-txs")).sort()).to.deep.equal(files);
  });

  it("a file written before Safe files named their deployment is refused, saying how to recreate it", async () => {
    const old = variant("version-1.json", (f) => {
      const { deployment: _dropped, ...rest } = f;
      return { ...rest, version: 1 };
    });
    const r = await stab3l(["safe", "sign", old, "--as", "core-2", "--yes", "--json"]);
    expect(r.code).to.equal(2);
    expect((JSON.parse(r.stdout) as { error: { message: string } }).error.message).to.equal(
      `${old} does not say which deployment it belongs to (file version 1, written before Safe files carried ` +
        "their deployment's identity): recreate it on this deployment with the command that made it " +
        "(`stab3l propose submit <spec> --via-safe`, `stab3l queue <id> --via-safe`, " +
        "`stab3l guardian pause <target> --via-safe`) and have the owners sign the new file",
    );
  });

  it("after the node restarts and the system is deployed again (same chain id, same addresses), the old file is refused by name", async () => {
    const oldIdentity = formatIdentity(draft.deployment!);
    await node.stop();
    node = await startHardhatNode();
    const chain = await connect(node.url);
    // Deployed by another process, as `npm start` would: protocol-kit memoizes Safe contract handles by
    // address, and in this process they are bound to the stopped node.
    const script = join(dir, "redeploy.mts");
    writeFileSync(
      script,
      [
        `import { connect } from ${JSON.stringify(resolve("governance/chain.ts"))};`,
        `import { saveDeployment } from ${JSON.stringify(resolve("governance/deployment.ts"))};`,
        `import { deployLocal } from ${JSON.stringify(resolve("scripts/lib/local.ts"))};`,
        `import { localWallet } from ${JSON.stringify(resolve("governance/accounts.ts"))};`,
        `const chain = await connect(${JSON.stringify(node.url)});`,
        `const deployer = localWallet(${L.deployer}, chain.provider);`,
        `for (let i = 0; i < ${BURNED_NONCES}; i++) await (await deployer.sendTransaction({ to: deployer.address })).wait();`,
        `saveDeployment(${JSON.stringify(deploymentFile)}, await deployLocal(chain, "localhost", () => {}));`,
      ].join("\n"),
    );
    await run(process.execPath, ["--import", "tsx", script], { cwd: resolve(".") });
    const again = loadDeployment(deploymentFile);
    expect(again.safes.core).to.equal(deployment.safes.core);
    expect(again.contracts).to.deep.equal(deployment.contracts);
    // Without the identity check the old signatures would be valid here: the Safe computes the same hash.
    // (Read with ethers: protocol-kit memoizes contract handles by address, bound to the stopped node.)
    const safe = new Contract(again.safes.core, SAFE_ABI, chain.provider);
    const t = draft.tx;
    const args = [t.to, t.value, t.data, t.operation, t.safeTxGas, t.baseGas, t.gasPrice, t.gasToken, t.refundReceiver];
    expect(await safe.getTransactionHash(...args, t.nonce)).to.equal(draft.safeTxHash);
    expect(await safe.nonce()).to.equal(BigInt(t.nonce));
    const newIdentity = formatIdentity({
      chainId: 31337,
      startBlockNumber: again.startBlock.number,
      startBlockHash: again.startBlock.hash,
    });
    expect(newIdentity).to.not.equal(oldIdentity);
    const message = `this Safe file belongs to deployment ${oldIdentity} but the console is connected to ${newIdentity}`;

    const sign = await stab3l(["safe", "sign", draftFile, "--as", "core-2", "--yes", "--json"]);
    expect(sign.code).to.equal(2);
    expect((JSON.parse(sign.stdout) as { error: { message: string } }).error.message).to.equal(message);
    const execute = await stab3l(["safe", "execute", draftFile, "--as", "user-1", "--yes", "--json"]);
    expect(execute.code).to.equal(2);
    expect((JSON.parse(execute.stdout) as { error: { message: string } }).error.message).to.equal(message);
    expect(await safe.nonce()).to.equal(BigInt(t.nonce));
  });
});
