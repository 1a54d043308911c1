import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { Signature } from "ethers";
import { parameterKey, WAD } from "../../governance/catalog/index.js";
import { ROLES } from "../../governance/contracts.js";
import { deployedSystem } from "../helpers/fixtures.js";
import { Lifecycle } from "../helpers/lifecycle.js";

/** The system with a stand-in minter (spare account) granted RSTB_MINTER by governance. */
async function withMinter() {
  const sys = await deployedSystem();
  const minter = sys.spare[6];
  await new Lifecycle(sys).pass({
    actions: [
      {
        target: sys.deployment.contracts.STAB3LAuthority,
        value: 0n,
        data: sys.core.authority.interface.encodeFunctionData("grantRole", [ROLES.RSTB_MINTER, minter.address, 0]),
      },
    ],
    description: "Test minter",
  });
  return { ...sys, minter };
}

describe("RSTBToken", () => {
  it("runs its votes on a timestamp clock (ERC-6372)", async () => {
    const { core } = await loadFixture(deployedSystem);
    expect(await core.token.CLOCK_MODE()).to.equal("mode=timestamp");
    expect(await core.token.clock()).to.equal(await time.latest());
    expect(await core.governor.CLOCK_MODE()).to.equal("mode=timestamp");
  });

  it("mints only for the RSTB_MINTER role and never past the governed supply cap", async () => {
    const sys = await loadFixture(withMinter);
    const { core, minter, deployer } = sys;
    await expect(core.token.connect(deployer).mint(deployer.address, 1))
      .to.be.revertedWithCustomError(core.token, "AccessManagedUnauthorized")
      .withArgs(deployer.address);
    const supply = await core.token.totalSupply();
    const cap = await core.token.supplyCap();
    expect(cap).to.equal(100_000_000n * WAD);
    await expect(core.token.connect(minter).mint(minter.address, 0)).to.be.revertedWithCustomError(
      core.token,
      "RSTBZeroAmount",
    );
    await expect(core.token.connect(minter).mint(minter.address, cap - supply + 1n))
      .to.be.revertedWithCustomError(core.token, "RSTBSupplyCapExceeded")
      .withArgs(supply, cap - supply + 1n, cap);
    await expect(core.token.connect(minter).mint(minter.address, cap - supply))
      .to.emit(core.token, "Transfer")
      .withArgs(hre.ethers.ZeroAddress, minter.address, cap - supply);
    expect(await core.token.totalSupply()).to.equal(cap);
  });

  it("raises the cap only through governance, by at most 10% per step", async () => {
    const sys = await loadFixture(deployedSystem);
    const lifecycle = new Lifecycle(sys);
    const key = parameterKey("rstb.supplyCap");
    const set = (v: bigint) => ({
      actions: [
        {
          target: sys.deployment.contracts.ParameterStore,
          value: 0n,
          data: sys.core.parameters.interface.encodeFunctionData("setParameter", [key, v]),
        },
      ],
      description: `Cap ${v}`,
    });
    const tooMuch = set(111_000_000n * WAD);
    const id = await lifecycle.proposeViaCoreSafe(tooMuch);
    await lifecycle.toVoteStart(id);
    await lifecycle.vote(id);
    await lifecycle.toVoteEnd(id);
    await lifecycle.toEta(await lifecycle.queue(tooMuch));
    await expect(lifecycle.execute(tooMuch))
      .to.be.revertedWithCustomError(sys.core.parameters, "ParameterStepTooLarge")
      .withArgs(key, 100_000_000n * WAD, 111_000_000n * WAD, 10_000_000n * WAD);
    await lifecycle.pass(set(110_000_000n * WAD));
    expect(await sys.core.token.supplyCap()).to.equal(110_000_000n * WAD);
  });

  it("delegates by signature", async () => {
    const { core, spare, delegates } = await loadFixture(deployedSystem);
    const holder = spare[7];
    await core.token.connect(delegates[0]).transfer(holder.address, 1_000n * WAD);
    const expiry = (await time.latest()) + 3_600;
    const nonce = await core.token.nonces(holder.address);
    const { chainId } = await hre.ethers.provider.getNetwork();
    const sig = Signature.from(
      await holder.signTypedData(
        { name: "STAB3L Governance", version: "1", chainId, verifyingContract: await core.token.getAddress() },
        {
          Delegation: [
            { name: "delegatee", type: "address" },
            { name: "nonce", type: "uint256" },
            { name: "expiry", type: "uint256" },
          ],
        },
        { delegatee: delegates[1].address, nonce, expiry },
      ),
    );
    await expect(core.token.connect(spare[0]).delegateBySig(delegates[1].address, nonce, expiry, sig.v, sig.r, sig.s))
      .to.emit(core.token, "DelegateChanged")
      .withArgs(holder.address, hre.ethers.ZeroAddress, delegates[1].address);
    expect(await core.token.getVotes(delegates[1].address)).to.equal(1_000_000n * WAD + 1_000n * WAD);
  });

  it("rejects a genesis whose recipients and amounts differ in length", async () => {
    const { deployment } = await loadFixture(deployedSystem);
    const factory = await hre.ethers.getContractFactory("RSTBToken");
    const [a, b] = await hre.ethers.getSigners();
    await expect(
      factory.deploy(
        deployment.contracts.STAB3LAuthority,
        deployment.contracts.ParameterStore,
        [a.address, b.address],
        [1],
      ),
    )
      .to.be.revertedWithCustomError(factory, "RSTBGenesisLengthMismatch")
      .withArgs(2, 1);
  });
});
