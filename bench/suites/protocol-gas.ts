import hre from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse } from "ethers";
import { setFeedAnswer } from "../../oracles/simulator.js";
import {
  DAY,
  USDC,
  WAD,
  collateralFor,
  deposit,
  freshPrices,
  mintFor,
  onboardProvider,
  protocolSystem,
} from "../../test/core/fixtures.js";
import type { BenchRow, BenchSuite } from "../lib.js";
import { nameAddresses, traceIfOver } from "../trace.js";

const TARGET = "< 200000";
/** Issue 18: verify + mint + stake, a provider's later mint (steady state) and its first (new stake slots). */
const MINT_TARGET = { steady: "≤ 250000", first: "≤ 350000" } as const;

async function gas(tx: Promise<ContractTransactionResponse>, label = "transaction"): Promise<number> {
  const receipt = (await (await tx).wait())!;
  await traceIfOver(label, receipt.hash, Number(receipt.gasUsed));
  return Number(receipt.gasUsed);
}

/**
 * Gas of the user-facing operations of the minting and staking domain on the fully deployed system (authority
 * checks, ParameterStore reads, oracle with sequencer check and the local Chainlink mocks included). Each is
 * measured in a realistic state: a provider that already minted once, a user who already holds sSTB, and so on.
 */
export const protocolGas: BenchSuite = {
  name: "protocol gas (minting, redemption, staking, collateral, rewards)",
  async run(): Promise<BenchRow[]> {
    const sys = await protocolSystem();
    const { p } = sys;
    nameAddresses(sys.deployment.contracts);
    const [provider, provider2, user, liquidator] = sys.spare;
    const rows: BenchRow[] = [];
    const row = (name: string, value: number, target: string = TARGET) =>
      rows.push({ name: `protocol.${name}`, unit: "gas", value, target });

    // register (the first registration of all also creates the provider list)
    await onboardProvider(sys, provider2, 0n);
    row("register", await gas(p.verifier.connect(provider).registerProvider(hre.ethers.id("gpu farm")), "register"));

    // top-up (first deposit creates the account; later top-ups are the common case)
    await (await sys.token.connect(provider).faucet(provider.address, 10_000_000n * USDC)).wait();
    await (await sys.token.connect(provider).approve(await p.collateral.getAddress(), hre.ethers.MaxUint256)).wait();
    row("topUp.first", await gas(p.collateral.connect(provider).deposit(1_000_000n * USDC), "topUp.first"));
    row("topUp", await gas(p.collateral.connect(provider).deposit(1_000_000n * USDC), "topUp"));
    await deposit(sys, provider2, collateralFor(10_000n * WAD));

    // verify + mint + stake (2-of-3 attester signatures): the deployment's very first mint (it creates the
    // system-wide slots: sSTB supply, staking totals, the minter's counter), a provider's first mint in a running
    // system (its position list, stake, backing and membership of the backed-provider set), a provider's later mint.
    const mintGas = async (label: string, who: typeof provider, cu: bigint, target: string) => {
      const { receipt } = await mintFor(sys, who, cu, 7 * DAY);
      await traceIfOver(label, receipt.hash, Number(receipt.gasUsed));
      row(label, Number(receipt.gasUsed), target);
    };
    await mintGas("verifyMintStake.firstOfDeployment", provider2, 10_000n * WAD, MINT_TARGET.first);
    await mintGas("verifyMintStake.first", provider, 100_000n * WAD, MINT_TARGET.first);
    await mintGas("verifyMintStake", provider, 100_000n * WAD, MINT_TARGET.steady);

    // unstake after the lock (rounded up to a day boundary; both mints above share the position), hand sSTB to a user
    await time.increaseTo((await p.staking.position(provider.address, 0)).unlockAt);
    await freshPrices(sys);
    row("unstake", await gas(p.staking.connect(provider).unstake(0), "unstake"));
    await (await p.sstb.connect(provider).transfer(user.address, 50_000n * WAD)).wait();
    await (await p.sstb.connect(user).approve(await p.staking.getAddress(), hre.ethers.MaxUint256)).wait();
    await (await p.sstb.connect(user).approve(await p.redemption.getAddress(), hre.ethers.MaxUint256)).wait();

    // stake (first and later position of a user)
    row("stake.first", await gas(p.staking.connect(user).stake(1_000n * WAD, 7 * DAY), "stake.first"));
    row("stake", await gas(p.staking.connect(user).stake(1_000n * WAD, 30 * DAY), "stake"));

    // redeem (automatic assignment and a chosen provider), confirm delivery; one warm-up request first, so the
    // numbers are those of a running system (treasury already holds fees, counters exist).
    await (await p.redemption.connect(user).redeem(1_000n * WAD, provider.address)).wait();
    await (await p.redemption.connect(provider).confirmDelivery(0)).wait();
    row(
      "redeem.autoAssign",
      await gas(p.redemption.connect(user).redeem(1_000n * WAD, hre.ethers.ZeroAddress), "redeem.autoAssign"),
    );
    row(
      "redeem.chosenProvider",
      await gas(p.redemption.connect(user).redeem(1_000n * WAD, provider.address), "redeem.chosenProvider"),
    );
    const assigned = (await p.redemption.request(1)).provider;
    const signer = assigned === provider.address ? provider : provider2;
    row("confirmDelivery", await gas(p.redemption.connect(signer).confirmDelivery(1), "confirmDelivery"));

    // claim rewards (the provider, after a week of stake)
    row("claim", await gas(p.rewards.connect(provider).claim(), "claim"));

    // liquidate: the CU price doubles, provider2 falls below 120%
    await setFeedAnswer(sys.feedKeeper, sys.feeds.assets["CU/USD"].feed, 12_000_000n);
    await (await p.sstb.connect(user).transfer(liquidator.address, 5_000n * WAD)).wait();
    await (await p.sstb.connect(liquidator).approve(await p.collateral.getAddress(), hre.ethers.MaxUint256)).wait();
    row(
      "liquidate.first",
      await gas(p.collateral.connect(liquidator).liquidate(provider2.address, 1_000n * WAD), "liquidate.first"),
    );
    row(
      "liquidate",
      await gas(p.collateral.connect(liquidator).liquidate(provider2.address, 1_000n * WAD), "liquidate"),
    );
    return rows;
  },
};
