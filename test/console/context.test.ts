import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Wallet } from "ethers";
import { Context, localAccountKey } from "../../console/context.js";
import { parseSetArgs } from "../../console/commands/propose.js";
import { proposalIdSchema, supportSchema } from "../../console/commands/vote.js";
import { localPrivateKey } from "../../governance/accounts.js";
import { InputError } from "../../governance/errors.js";
import { saveDeployment, type Deployment } from "../../governance/deployment.js";

const A = "0x0000000000000000000000000000000000000001";
function deploymentFile(chainId: number): string {
  const dir = mkdtempSync(join(tmpdir(), "stab3l-ctx-"));
  const d: Deployment = {
    network: "test",
    chainId,
    startBlock: { number: 0, hash: `0x${"00".repeat(32)}` },
    contracts: { STAB3LAuthority: A, ParameterStore: A, RSTBToken: A, TimelockController: A, STAB3LGovernor: A },
    safes: { core: A, guardian: A },
    safeVersion: "1.5.0",
    accounts: { deployer: A, coreOwners: [], guardianOwners: [], delegates: [] },
  };
  const file = join(dir, "d.json");
  saveDeployment(file, d);
  return file;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a rejection");
}

describe("console input validation", () => {
  it("validates global options with a one-line message naming the flag", () => {
    expect(() => Context.from({ rpc: "not a url" })).to.throw(
      InputError,
      "--rpc: must be a URL such as http://127.0.0.1:8545",
    );
    expect(() => Context.from({ network: "Main Net" })).to.throw(InputError, "--network: letters, digits and dashes");
    expect(() => Context.from({ keyEnv: "lower-case" })).to.throw(
      InputError,
      "--key-env: an environment variable name",
    );
  });

  it("names local accounts and refuses them off a local chain", async () => {
    expect(localAccountKey("core-1")).to.equal(localPrivateKey(1));
    expect(localAccountKey("delegate-5")).to.equal(localPrivateKey(11));
    expect(() => localAccountKey("delegate-9")).to.throw(
      InputError,
      /^--as: expected core-1..3, guardian-1..3, delegate-1..5 or user-1..8$/,
    );
    const remote = Context.from({ deployment: deploymentFile(42161), as: "core-1" });
    expect((await rejection(remote.signerKey())).message).to.equal(
      "--as names Hardhat's public test keys: local chains only",
    );
  });

  it("reads a key from the environment without ever printing it", async () => {
    const key = Wallet.createRandom().privateKey;
    process.env.STAB3L_TEST_KEY = key;
    const ctx = Context.from({ deployment: deploymentFile(31337), keyEnv: "STAB3L_TEST_KEY" });
    expect(await ctx.signerKey()).to.equal(key);
    process.env.STAB3L_TEST_KEY = key.slice(0, -2);
    const err = await rejection(ctx.signerKey());
    expect(err.message).to.equal("STAB3L_TEST_KEY is not a 0x-prefixed 32-byte private key");
    expect(err.message).to.not.contain(key.slice(2, 20));
    delete process.env.STAB3L_TEST_KEY;
    expect((await rejection(ctx.signerKey())).message).to.match(/^no signer: set STAB3L_TEST_KEY/);
  });

  it("unlocks an encrypted keystore, and says so in one line when the password is wrong", async () => {
    const wallet = Wallet.createRandom();
    const file = join(mkdtempSync(join(tmpdir(), "stab3l-ks-")), "key.json");
    writeFileSync(file, wallet.encryptSync("correct horse"));
    const ctx = Context.from({ deployment: deploymentFile(31337), keystore: file });
    process.env.STAB3L_KEYSTORE_PASSWORD = "correct horse";
    expect(await ctx.signerKey()).to.equal(wallet.privateKey);
    process.env.STAB3L_KEYSTORE_PASSWORD = "wrong";
    expect((await rejection(ctx.signerKey())).message).to.equal(
      `cannot unlock keystore ${file}: wrong password or not a keystore file`,
    );
    delete process.env.STAB3L_KEYSTORE_PASSWORD;
    expect((await rejection(ctx.signerKey())).message).to.equal("set STAB3L_KEYSTORE_PASSWORD to unlock the keystore");
  });

  it("parses command arguments at the edge", () => {
    expect(parseSetArgs(["a.b=2d", "c=1"])).to.deep.equal([
      { key: "a.b", value: "2d" },
      { key: "c", value: "1" },
    ]);
    expect(() => parseSetArgs(["a.b"])).to.throw(InputError, "--set a.b: expected key=value");
    expect(proposalIdSchema.parse("12")).to.equal(12n);
    expect(proposalIdSchema.safeParse("0").success).to.equal(false);
    expect(proposalIdSchema.safeParse("0x1").success).to.equal(false);
    expect(supportSchema.safeParse("yes").error?.issues[0].message).to.equal("say for, against or abstain");
  });

  it("fails with one line for a missing deployment or an unreachable node", async () => {
    const missing = Context.from({ deployment: "/nonexistent/d.json" });
    expect(() => missing.deployment).to.throw(
      "no deployment at /nonexistent/d.json: run `npm start` or `npm run deploy:local` first",
    );
    const dead = Context.from({ deployment: deploymentFile(31337), rpc: "http://127.0.0.1:9" });
    expect((await rejection(dead.chain())).message).to.equal(
      "cannot reach a JSON-RPC node at http://127.0.0.1:9: is it running?",
    );
  });
});
