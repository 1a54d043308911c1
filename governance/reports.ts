import { concat, getAddress, hexlify, randomBytes, toBeHex, type Signer, type TypedDataDomain } from "ethers";
import type { AttesterReportVerifier } from "../typechain-types/contracts/core/AttesterReportVerifier.js";
import { InputError } from "./errors.js";

/** A benchmark report as the contracts take it (see contracts/core/IReportVerifier.sol). */
export interface BenchmarkReport {
  provider: string;
  /** Verified FLOPs; CU = flops / FLOPs-per-CU of the definition in force at mint time. */
  flops: bigint;
  /**
   * The provider's report nonce (a uint256 as 32 bytes hex), numbered by the attesters: usable once. The verifier
   * keeps used nonces in a bitmap of 256 per slot, so numbering a provider's reports in sequence is what keeps a
   * mint cheap (a random id works too, but creates a slot each time).
   */
  reportId: string;
  /** Unix seconds after which the report is void. */
  deadline: bigint;
}

/** EIP-712 types attesters sign. */
export const BENCHMARK_REPORT_TYPES = {
  BenchmarkReport: [
    { name: "provider", type: "address" },
    { name: "flops", type: "uint256" },
    { name: "reportId", type: "bytes32" },
    { name: "deadline", type: "uint64" },
  ],
} as const;

/** The EIP-712 domain of an AttesterReportVerifier, read from the chain (ERC-5267). */
export async function attesterDomain(verifier: AttesterReportVerifier): Promise<TypedDataDomain> {
  const d = await verifier.eip712Domain();
  return { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract };
}

/** The `reportId` of report nonce `nonce` (32 bytes, big-endian). */
export function reportIdOf(nonce: bigint): string {
  if (nonce < 0n || nonce >= 2n ** 256n) throw new InputError(`report nonce ${nonce} is not a uint256`);
  return toBeHex(nonce, 32);
}

/**
 * A fresh report for `provider` of `flops`, valid for `ttlSeconds` from `now`, numbered `nonce` (the provider's
 * next report nonce; without one, a random id: valid, but it costs the mint a new storage slot).
 */
export function newReport(
  provider: string,
  flops: bigint,
  now: number,
  ttlSeconds = 3_600,
  nonce?: bigint,
): BenchmarkReport {
  if (flops <= 0n) throw new InputError("a report needs a positive number of FLOPs");
  return {
    provider: getAddress(provider),
    flops,
    reportId: nonce === undefined ? hexlify(randomBytes(32)) : reportIdOf(nonce),
    deadline: BigInt(now + ttlSeconds),
  };
}

/** One attester's signature over `report`. */
export async function signReport(attester: Signer, domain: TypedDataDomain, report: BenchmarkReport): Promise<string> {
  return attester.signTypedData(domain, BENCHMARK_REPORT_TYPES as never, report);
}

/**
 * The attester method's proof: the signatures of `attesters`, ordered by ascending signer address (the contract
 * rejects duplicates and any other order), concatenated.
 */
export async function attesterProof(
  attesters: readonly Signer[],
  domain: TypedDataDomain,
  report: BenchmarkReport,
): Promise<string> {
  const signed = await Promise.all(
    attesters.map(async (a) => ({
      address: BigInt(await a.getAddress()),
      signature: await signReport(a, domain, report),
    })),
  );
  signed.sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
  return signed.length === 0 ? "0x" : concat(signed.map((s) => s.signature));
}
