import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ROLES } from "../../governance/contracts.js";
import { governed, guardianPause } from "../oracles/fixtures.js";
import { USDC, WAD, mintFor, onboardProvider, protocolSystem } from "../core/fixtures.js";

/**
 * Internal hops of the mint are wired at construction (`restrictedOrWired`): the MintingAgent (ProviderStaking for
 * the rewards checkpoint) passes with one comparison, every other caller goes through the authority.
 */
describe("wiring: internal hops trust one immutable peer, everyone else goes through the authority", () => {
  it("every callee is wired to the deployed MintingAgent (ProviderStaking for the checkpoint), and nobody holds the hop roles", async () => {
    const { p, deployment, core } = await loadFixture(protocolSystem);
    const agent = deployment.contracts.MintingAgent;
    expect(await p.verifier.mintingAgent()).to.equal(agent);
    expect(await p.cuToken.mintingAgent()).to.equal(agent);
    expect(await p.staking.mintingAgent()).to.equal(agent);
    expect(await p.collateral.mintingAgent()).to.equal(agent);
    expect(await p.rewards.staking()).to.equal(deployment.contracts.ProviderStaking);
    for (const role of [
      ROLES.CU_MINTER,
      ROLES.REPORT_CONSUMER,
      ROLES.STAKE_ISSUER,
      ROLES.BACKING_ISSUER,
      ROLES.REWARDS_NOTIFIER,
    ]) {
      const [agentHolds] = await core.authority.hasRole(role, agent);
      const [stakingHolds] = await core.authority.hasRole(role, deployment.contracts.ProviderStaking);
      expect(agentHolds || stakingHolds, `role ${role}`).to.equal(false);
    }
  });

  it("an outsider calling a hop directly is refused by the authority (AccessManagedUnauthorized)", async () => {
    const { p, spare } = await loadFixture(protocolSystem);
    const outsider = spare[3];
    await expect(p.cuToken.connect(outsider).mint(outsider.address, WAD))
      .to.be.revertedWithCustomError(p.cuToken, "AccessManagedUnauthorized")
      .withArgs(outsider.address);
    await expect(p.staking.connect(outsider).stakeFor(outsider.address, WAD, 7 * 86_400))
      .to.be.revertedWithCustomError(p.staking, "AccessManagedUnauthorized")
      .withArgs(outsider.address);
    await expect(p.collateral.connect(outsider).addBacking(outsider.address, WAD))
      .to.be.revertedWithCustomError(p.collateral, "AccessManagedUnauthorized")
      .withArgs(outsider.address);
    await expect(p.rewards.connect(outsider).checkpoint(outsider.address))
      .to.be.revertedWithCustomError(p.rewards, "AccessManagedUnauthorized")
      .withArgs(outsider.address);
  });

  it("a pause of an internal hop no longer stops minting; the pause of the entry point does, and still binds other role holders", async () => {
    const sys = await loadFixture(protocolSystem);
    const { p, deployment, core } = sys;
    const provider = sys.spare[0];
    await onboardProvider(sys, provider, 1_000n * USDC);
    const cu = deployment.contracts.CUToken;
    const mintSel = p.cuToken.interface.getFunction("mint").selector;
    await guardianPause(sys, cu, [mintSel], "drill: pause an internal hop");
    // The wired agent passes the paused hop: guardians pause the flow at its entry point instead.
    await mintFor(sys, provider, WAD);
    expect(await p.staking.stakeOf(provider.address)).to.equal(WAD);

    // Any other caller still meets the authority, pause included: governance grants CU_MINTER to an account.
    const holder = sys.spare[4];
    await governed(
      sys,
      [
        {
          target: deployment.contracts.STAB3LAuthority,
          value: 0n,
          data: core.authority.interface.encodeFunctionData("grantRole", [ROLES.CU_MINTER, holder.address, 0]),
        },
      ],
      "# Test: a second CU minter",
    );
    await expect(p.cuToken.connect(holder).mint(holder.address, WAD))
      .to.be.revertedWithCustomError(p.cuToken, "Stab3lPaused")
      .withArgs(cu, mintSel, await core.authority.pausedUntil(cu, mintSel));
  });
});
