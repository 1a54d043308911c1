/**
 * A deployment's identity (chain id + the block it started from, by number and hash): what files bound to one
 * deployment carry, so that one from another deployment (a restarted local chain reuses chain id, addresses
 * and nonces) is refused by name.
 */
import { expect } from "chai";
import { DeploymentError } from "../../governance/errors.js";
import { deploymentIdentity, parseDeployment } from "../../governance/deployment.js";
import { fakeDeployment } from "./helpers.js";

describe("deployment identity", () => {
  it("is the chain id and the start block's number and hash", () => {
    const hash = `0x${"Ab".repeat(32)}`;
    const d = parseDeployment({ ...fakeDeployment(), startBlock: { number: 7, hash } });
    expect(deploymentIdentity(d)).to.deep.equal({
      chainId: 31337,
      startBlockNumber: 7,
      startBlockHash: hash.toLowerCase(),
    });
  });

  it("tells two deployments at the same addresses apart by the start block's hash", () => {
    const a = parseDeployment({ ...fakeDeployment(), startBlock: { number: 0, hash: `0x${"11".repeat(32)}` } });
    const b = parseDeployment({ ...fakeDeployment(), startBlock: { number: 0, hash: `0x${"22".repeat(32)}` } });
    expect(a.contracts).to.deep.equal(b.contracts);
    expect(deploymentIdentity(a)).not.to.deep.equal(deploymentIdentity(b));
  });

  it("refuses a deployment file written before the identity existed, and a malformed hash", () => {
    const legacy = { ...fakeDeployment(), startBlock: 12 };
    expect(() => parseDeployment(legacy, "deployments/localhost.json")).to.throw(
      DeploymentError,
      "deployments/localhost.json was written by an older STAB3L (startBlock has no block hash): deploy again " +
        "(`npm start` redeploys a local chain by itself)",
    );
    expect(() => parseDeployment({ ...fakeDeployment(), startBlock: { number: 1, hash: "0x1234" } }, "d")).to.throw(
      DeploymentError,
      "d: startBlock.hash: a 32-byte block hash",
    );
  });
});
