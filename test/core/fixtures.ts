import hre from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionReceipt, Signer } from "ethers";
import { localWallet } from "../../governance/accounts.js";
import { protocolContracts } from "../../governance/contracts.js";
import { ATTESTER_METHOD, LOCAL_ATTESTER_INDEXES } from "../../governance/deploy/protocol.js";
import { attesterDomain, attesterProof, newReport, type BenchmarkReport } from "../../governance/reports.js";
import { refreshFeeds } from "../../oracles/simulator.js";
import { MockCollateralToken__factory } from "../../typechain-types/factories/contracts/mocks/MockCollateralToken__factory.js";
import { allFeeds, pricedSystem } from "../oracles/fixtures.js";

export const WAD = 10n ** 18n;
export const DAY = 86_400;
/** FLOPs in one CU under the genesis definition. */
export const FLOPS_PER_CU = 10n ** 15n;
/** One mUSDC (6 decimals). */
export const USDC = 10n ** 6n;

/** The deployed system with typed handles on every protocol contract, the local attesters and mUSDC. */
export async function protocolSystem() {
  const sys = await pricedSystem();
  const runner = hre.ethers.provider;
  const p = protocolContracts(sys.deployment, runner);
  const attesters = LOCAL_ATTESTER_INDEXES.map((i) => localWallet(i));
  const domain = await attesterDomain(p.attesters);
  const token = MockCollateralToken__factory.connect(await p.collateral.collateralToken(), runner);
  return { ...sys, p, attesters, domain, token };
}
export type ProtocolSystem = Awaited<ReturnType<typeof protocolSystem>>;

/** Re-post every local feed so prices are fresh after time travel. */
export async function freshPrices(sys: ProtocolSystem): Promise<void> {
  await refreshFeeds(sys.feedKeeper, allFeeds(sys));
}

/** Register `provider` and post `collateral` mUSDC units (minted from the local faucet). */
export async function onboardProvider(sys: ProtocolSystem, provider: Signer, collateral: bigint) {
  const address = await provider.getAddress();
  await (await sys.p.verifier.connect(provider).registerProvider(hre.ethers.id(`provider ${address}`))).wait();
  if (collateral > 0n) await deposit(sys, provider, collateral);
}

/** Faucet, approve and deposit `amount` mUSDC units as `provider`'s collateral. */
export async function deposit(sys: ProtocolSystem, provider: Signer, amount: bigint) {
  const address = await provider.getAddress();
  await (await sys.token.connect(provider).faucet(address, amount)).wait();
  await (await sys.token.connect(provider).approve(await sys.p.collateral.getAddress(), amount)).wait();
  return (await (await sys.p.collateral.connect(provider).deposit(amount)).wait()) as ContractTransactionReceipt;
}

let nextNonce = 1n;

/** The lock end of a stake made at `at` for `period` seconds: rounded up to a UTC day (ProviderStaking). */
export function unlockOf(at: bigint, period: number): bigint {
  const end = at + BigInt(period);
  const day = BigInt(DAY);
  return end % day === 0n ? end : end + day - (end % day);
}

/** A report for `provider` of `cu` whole CU (genesis definition), signed by the first `signers` attesters. */
export async function signedReport(
  sys: ProtocolSystem,
  provider: string,
  cuWei: bigint,
  signers = 2,
): Promise<{ report: BenchmarkReport; proof: string }> {
  // Attesters number each provider's reports; one counter for the whole run is never reused across fixtures.
  const report = newReport(provider, (cuWei * FLOPS_PER_CU) / WAD, await time.latest(), 3_600, nextNonce++);
  const proof = await attesterProof(sys.attesters.slice(0, signers), sys.domain, report);
  return { report, proof };
}

/** Flow 1 for `provider`: a signed report of `cuWei` minted and staked for `period` seconds. */
export async function mintFor(sys: ProtocolSystem, provider: Signer, cuWei: bigint, period = 7 * DAY) {
  const { report, proof } = await signedReport(sys, await provider.getAddress(), cuWei);
  const tx = await sys.p.agent.connect(provider).mint(report, ATTESTER_METHOD, proof, period);
  return { report, proof, receipt: (await tx.wait()) as ContractTransactionReceipt };
}

/** Collateral (mUSDC units) needed for `cuWei` at the local $0.06 CU price and the default 120% ratio. */
export function collateralFor(cuWei: bigint): bigint {
  // cuWei × $0.06 × 1.2 in 6-decimal units, rounded up.
  return (cuWei * 72n * USDC + 1000n * WAD - 1n) / (1000n * WAD);
}
