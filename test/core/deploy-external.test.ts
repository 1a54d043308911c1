import { expect } from "chai";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Wallet } from "ethers";
import { LOCAL_ACCOUNT_LAYOUT } from "../../governance/accounts.js";
import { protocolContracts } from "../../governance/contracts.js";
import { DEFAULT_CONFIG, deployStab3l, verifyHandover } from "../../governance/deploy/index.js";
import { mintingStakingModule, pricesModule } from "../../governance/deploy/protocol.js";
import { encodeAsset } from "../../oracles/feeds.js";
import { inProcessChain } from "../helpers/fixtures.js";

/** Stand-ins for contracts that already exist on a real network, deployed by someone else. */
async function externals() {
  const other = (await hre.ethers.getSigners())[19];
  const cuUsd = await hre.ethers.deployContract("MockV3Aggregator", [8, 6_500_000n], other);
  const collUsd = await hre.ethers.deployContract("MockV3Aggregator", [8, 100_000_000n], other);
  const token = await hre.ethers.deployContract("MockCollateralToken", [], other);
  return {
    cuUsd: await cuUsd.getAddress(),
    collateralUsd: await collUsd.getAddress(),
    collateralToken: await token.getAddress(),
  };
}

/** This domain's modules only: the markets and bridge modules have external addresses of their own. */
const MODULES = [pricesModule, mintingStakingModule];

async function deployWith(config: typeof DEFAULT_CONFIG) {
  const signers = await hre.ethers.getSigners();
  const L = LOCAL_ACCOUNT_LAYOUT;
  const at = (xs: readonly number[]) => xs.map((i) => signers[i].address);
  return deployStab3l({
    chain: await inProcessChain(),
    network: "hardhat",
    deployer: signers[L.deployer],
    coreOwners: at(L.coreOwners),
    guardianOwners: at(L.guardianOwners),
    delegates: at(L.delegates),
    config,
    modules: MODULES,
  });
}

describe("deployment against existing feeds and collateral (the real-network path)", () => {
  it("uses the configured feeds, collateral token and attesters (no sequencer feed: an L1) and hands over cleanly", async () => {
    const ext = await loadFixture(externals);
    const attesters = [Wallet.createRandom().address, Wallet.createRandom().address];
    const deployment = await deployWith({
      ...DEFAULT_CONFIG,
      external: { feeds: { cuUsd: ext.cuUsd, collateralUsd: ext.collateralUsd }, collateralToken: ext.collateralToken },
      protocol: {
        cuDefinition: { flopsPerUnit: 10n ** 15n, usdPerUnit8: 6_000_000n },
        localFeedAnswers: { cuUsd: 1n, collateralUsd: 1n },
        attesters,
      },
    });
    const p = protocolContracts(deployment, hre.ethers.provider);
    expect((await p.oracle.assetConfig(encodeAsset("CU/USD"))).feed).to.equal(ext.cuUsd);
    expect((await p.oracle.assetConfig(encodeAsset("COLLATERAL/USD"))).feed).to.equal(ext.collateralUsd);
    expect(await p.oracle.sequencerUptimeFeed()).to.equal(hre.ethers.ZeroAddress); // none given: an L1
    expect(await p.oracle.price(encodeAsset("CU/USD"))).to.equal(65n * 10n ** 15n);
    expect(await p.collateral.collateralToken()).to.equal(ext.collateralToken);
    for (const a of attesters) expect(await p.attesters.isAttester(a)).to.equal(true);
    expect(await p.attesters.attesterCount()).to.equal(2n);
    const report = await verifyHandover(deployment, hre.ethers.provider, MODULES);
    expect(report.problems).to.deep.equal([]);
  });

  it("refuses to deploy on a real network without attesters", async () => {
    const ext = await loadFixture(externals);
    await expect(
      deployWith({
        ...DEFAULT_CONFIG,
        external: {
          feeds: { cuUsd: ext.cuUsd, collateralUsd: ext.collateralUsd },
          collateralToken: ext.collateralToken,
        },
      }),
    ).to.be.rejectedWith(/config.protocol.attesters is required on a real network/);
  });
});
