import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployedSystem } from "../helpers/fixtures.js";
import { verifyHandover } from "../../governance/deploy/index.js";

describe("deployment", () => {
  it("hands every power to the Timelock and the guardian Safe; the deployer keeps none", async () => {
    const { deployment, chain } = await loadFixture(deployedSystem);
    const report = await verifyHandover(deployment, chain.provider);
    expect(report.problems).to.deep.equal([]);
  });
});
