import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import { Signature, type Interface, type Signer } from "ethers";
import { governed } from "../oracles/fixtures.js";
import { USDC, WAD, mintFor, onboardProvider, protocolSystem, type ProtocolSystem } from "./fixtures.js";

const ZERO = hre.ethers.ZeroAddress;

/** `address` as a signer with gas money: a contract's own address, to reach the checks behind its role. */
async function as(address: string): Promise<Signer> {
  await setBalance(address, 10n ** 18n);
  return hre.ethers.getImpersonatedSigner(address);
}

async function timelock(sys: ProtocolSystem): Promise<Signer> {
  return as(sys.deployment.contracts.TimelockController);
}

describe("protocol settings and internal entry points: every refusal named", () => {
  it("Redemption.setFeeRecipient: a proposal moves the fees (FeeRecipientSet old → new); zero is RedemptionInvalidFeeRecipient", async () => {
    const sys = await loadFixture(protocolSystem);
    const redemption = await sys.p.redemption.getAddress();
    const old = await sys.p.redemption.feeRecipient();
    const treasury = sys.spare[4].address;
    const { receipt } = await governed(
      sys,
      [
        {
          target: redemption,
          value: 0n,
          data: sys.p.redemption.interface.encodeFunctionData("setFeeRecipient", [treasury]),
        },
      ],
      "# Redemption fees to the new treasury",
    );
    await expect(receipt).to.emit(sys.p.redemption, "FeeRecipientSet").withArgs(old, treasury);
    expect(await sys.p.redemption.feeRecipient()).to.equal(treasury);
    await expect(sys.p.redemption.connect(await timelock(sys)).setFeeRecipient(ZERO))
      .to.be.revertedWithCustomError(sys.p.redemption, "RedemptionInvalidFeeRecipient")
      .withArgs(ZERO);
    expect(await sys.p.redemption.feeRecipient()).to.equal(treasury);
  });

  it("ProviderStaking.setRewardsHook: RewardsHookSet old → new; an address without code is StakingInvalidHook", async () => {
    const sys = await loadFixture(protocolSystem);
    const admin = await timelock(sys);
    const old = await sys.p.staking.rewardsHook();
    const eoa = sys.spare[4].address;
    await expect(sys.p.staking.connect(admin).setRewardsHook(eoa))
      .to.be.revertedWithCustomError(sys.p.staking, "StakingInvalidHook")
      .withArgs(eoa);
    expect(await sys.p.staking.rewardsHook()).to.equal(old);
    // Zero switches rewards accrual off (a migration step); the old hook comes back the same way.
    await expect(sys.p.staking.connect(admin).setRewardsHook(ZERO))
      .to.emit(sys.p.staking, "RewardsHookSet")
      .withArgs(old, ZERO);
    await expect(sys.p.staking.connect(admin).setRewardsHook(old))
      .to.emit(sys.p.staking, "RewardsHookSet")
      .withArgs(ZERO, old);
  });

  it("ComputeUnitVerifier.setVerificationMethod: an address without code is CUVerifierInvalidMethod", async () => {
    const sys = await loadFixture(protocolSystem);
    const eoa = sys.spare[4].address;
    await expect(sys.p.verifier.connect(await timelock(sys)).setVerificationMethod(9, eoa))
      .to.be.revertedWithCustomError(sys.p.verifier, "CUVerifierInvalidMethod")
      .withArgs(eoa);
  });

  it("AttesterReportVerifier.setAttester: the zero address is AttesterInvalidAddress", async () => {
    const sys = await loadFixture(protocolSystem);
    await expect(sys.p.attesters.connect(await timelock(sys)).setAttester(ZERO, true))
      .to.be.revertedWithCustomError(sys.p.attesters, "AttesterInvalidAddress")
      .withArgs(ZERO);
  });

  it("CUToken, called by the MintingAgent: zero amounts are CUTokenZeroAmount, burning more than held CUTokenInsufficientBalance", async () => {
    const sys = await loadFixture(protocolSystem);
    const agent = await as(await sys.p.agent.getAddress());
    const cu = sys.p.cuToken.connect(agent);
    const provider = sys.spare[0].address;
    await expect(cu.mint(provider, 0)).to.be.revertedWithCustomError(cu, "CUTokenZeroAmount");
    await expect(cu.burn(provider, 0)).to.be.revertedWithCustomError(cu, "CUTokenZeroAmount");
    // Between transactions every balance is zero (transient storage), so any burn is more than held.
    await expect(cu.burn(provider, WAD))
      .to.be.revertedWithCustomError(cu, "CUTokenInsufficientBalance")
      .withArgs(provider, 0n, WAD);
  });

  it("the CU token has no transfer or approval: only mint and burn move it", async () => {
    const sys = await loadFixture(protocolSystem);
    for (const name of ["transfer", "transferFrom", "approve", "allowance", "permit"]) {
      expect((sys.p.cuToken.interface as Interface).getFunction(name), name).to.equal(null);
    }
  });

  it("CollateralManager.releaseReserved, called by Redemption: more than reserved is CollateralInsufficientReserved", async () => {
    const sys = await loadFixture(protocolSystem);
    const provider = sys.spare[0];
    await onboardProvider(sys, provider, 1_000n * USDC);
    await mintFor(sys, provider, 100n * WAD);
    const redemption = await as(await sys.p.redemption.getAddress());
    await expect(sys.p.collateral.connect(redemption).releaseReserved(provider.address, WAD))
      .to.be.revertedWithCustomError(sys.p.collateral, "CollateralInsufficientReserved")
      .withArgs(provider.address, 0n, WAD);
  });

  it("sSTB permit (EIP-2612): a holder's signature sets the allowance; a used or expired one is refused by name", async () => {
    const sys = await loadFixture(protocolSystem);
    const owner = sys.spare[2];
    const spender = sys.spare[3].address;
    const sstb = sys.p.sstb.connect(sys.spare[5]); // anyone may relay a signed permit
    const deadline = BigInt(await time.latest()) + 3_600n;
    const sign = async (value: bigint, nonce: bigint, until: bigint) =>
      Signature.from(
        await owner.signTypedData(
          {
            name: await sstb.name(),
            version: "1",
            chainId: (await hre.ethers.provider.getNetwork()).chainId,
            verifyingContract: await sstb.getAddress(),
          },
          {
            Permit: [
              { name: "owner", type: "address" },
              { name: "spender", type: "address" },
              { name: "value", type: "uint256" },
              { name: "nonce", type: "uint256" },
              { name: "deadline", type: "uint256" },
            ],
          },
          { owner: owner.address, spender, value, nonce, deadline: until },
        ),
      );
    const s = await sign(5n * WAD, 0n, deadline);
    await expect(sstb.permit(owner.address, spender, 5n * WAD, deadline, s.v, s.r, s.s))
      .to.emit(sstb, "Approval")
      .withArgs(owner.address, spender, 5n * WAD);
    expect(await sstb.allowance(owner.address, spender)).to.equal(5n * WAD);
    expect(await sstb.nonces(owner.address)).to.equal(1n);
    // Replayed: the nonce moved on, so the signature recovers to someone else.
    await expect(sstb.permit(owner.address, spender, 5n * WAD, deadline, s.v, s.r, s.s)).to.be.revertedWithCustomError(
      sstb,
      "ERC2612InvalidSigner",
    );
    const past = BigInt(await time.latest()) - 1n;
    const expired = await sign(WAD, 1n, past);
    await expect(sstb.permit(owner.address, spender, WAD, past, expired.v, expired.r, expired.s))
      .to.be.revertedWithCustomError(sstb, "ERC2612ExpiredSignature")
      .withArgs(past);
    expect(await sstb.allowance(owner.address, spender)).to.equal(5n * WAD);
  });
});
