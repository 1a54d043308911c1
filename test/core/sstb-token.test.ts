import { expect } from "chai";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ROLES } from "../../governance/contracts.js";
import { governed, guardianPause, pricedSystem } from "../oracles/fixtures.js";

const WAD = 10n ** 18n;

/** The system after governance granted SSTB_MINTER and SSTB_BURNER to a spare account (as it would a bridge). */
async function withTestMinter() {
  const sys = await pricedSystem();
  const minter = sys.spare[5];
  const authority = sys.deployment.contracts.STAB3LAuthority;
  const grant = (role: bigint) => ({
    target: authority,
    value: 0n,
    data: sys.core.authority.interface.encodeFunctionData("grantRole", [role, minter.address, 0]),
  });
  await governed(sys, [grant(ROLES.SSTB_MINTER), grant(ROLES.SSTB_BURNER)], "# Test: a second sSTB minter and burner");
  return { ...sys, minter };
}

describe("SSTBToken", () => {
  it("is sSTB, 18 decimals, with an EIP-712 permit domain", async () => {
    const { sstb } = await loadFixture(pricedSystem);
    expect([await sstb.name(), await sstb.symbol(), await sstb.decimals()]).to.deep.equal([
      "STAB3L Compute",
      "sSTB",
      18n,
    ]);
    expect((await sstb.eip712Domain()).name).to.equal("STAB3L Compute");
  });

  it("mints and burns only as the authority allows, counting per minter and burner", async () => {
    const { sstb, minter, spare } = await loadFixture(withTestMinter);
    const holder = spare[1];
    await expect(sstb.connect(holder).mint(holder.address, WAD))
      .to.be.revertedWithCustomError(sstb, "AccessManagedUnauthorized")
      .withArgs(holder.address);
    await expect(sstb.connect(minter).mint(holder.address, 5n * WAD))
      .to.emit(sstb, "SSTBMinted")
      .withArgs(minter.address, holder.address, 5n * WAD)
      .and.to.emit(sstb, "Transfer")
      .withArgs(hre.ethers.ZeroAddress, holder.address, 5n * WAD);
    await expect(sstb.connect(holder).burnFrom(holder.address, WAD))
      .to.be.revertedWithCustomError(sstb, "AccessManagedUnauthorized")
      .withArgs(holder.address);
    // A burner burns a holder's balance only within the allowance the holder gave it.
    await expect(sstb.connect(minter).burnFrom(holder.address, 2n * WAD))
      .to.be.revertedWithCustomError(sstb, "ERC20InsufficientAllowance")
      .withArgs(minter.address, 0n, 2n * WAD);
    await sstb.connect(holder).approve(minter.address, 3n * WAD);
    await expect(sstb.connect(minter).burnFrom(holder.address, 2n * WAD))
      .to.emit(sstb, "SSTBBurned")
      .withArgs(minter.address, holder.address, 2n * WAD)
      .and.to.emit(sstb, "Transfer")
      .withArgs(holder.address, hre.ethers.ZeroAddress, 2n * WAD);
    expect(await sstb.allowance(holder.address, minter.address)).to.equal(WAD);
    // Its own balance needs no allowance.
    await sstb.connect(holder).transfer(minter.address, WAD);
    await expect(sstb.connect(minter).burnFrom(minter.address, WAD))
      .to.emit(sstb, "SSTBBurned")
      .withArgs(minter.address, minter.address, WAD);
    expect(await sstb.mintedBy(minter.address)).to.equal(5n * WAD);
    expect(await sstb.burnedBy(minter.address)).to.equal(3n * WAD);
    expect(await sstb.totalSupply()).to.equal(
      (await sstb.mintedBy(minter.address)) - (await sstb.burnedBy(minter.address)),
    );
    expect(await sstb.balanceOf(holder.address)).to.equal(2n * WAD);
  });

  it("rejects zero mints and burns with SSTBZeroAmount", async () => {
    const { sstb, minter } = await loadFixture(withTestMinter);
    await expect(sstb.connect(minter).mint(minter.address, 0)).to.be.revertedWithCustomError(sstb, "SSTBZeroAmount");
    await expect(sstb.connect(minter).burnFrom(minter.address, 0)).to.be.revertedWithCustomError(
      sstb,
      "SSTBZeroAmount",
    );
  });

  it("guardians can pause minting; transfers stay available", async () => {
    const sys = await loadFixture(withTestMinter);
    const { sstb, minter } = sys;
    await sstb.connect(minter).mint(minter.address, WAD);
    const selector = sstb.interface.getFunction("mint").selector;
    await guardianPause(sys, sys.deployment.contracts.SSTBToken, [selector], "mint incident");
    const until = await sys.core.authority.pausedUntil(sys.deployment.contracts.SSTBToken, selector);
    await expect(sstb.connect(minter).mint(minter.address, WAD))
      .to.be.revertedWithCustomError(sstb, "Stab3lPaused")
      .withArgs(sys.deployment.contracts.SSTBToken, selector, until);
    await expect(sstb.connect(minter).transfer(sys.spare[0].address, WAD)).to.changeTokenBalance(
      sstb,
      sys.spare[0],
      WAD,
    );
  });
});
