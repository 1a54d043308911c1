import { concat, getAddress, hexlify, randomBytes, type Signer, type TypedDataDomain } from "ethers";
import type { AttesterReportVerifier } from "../typechain-types/contracts/core/AttesterReportVerifier.js";
import { InputError } from "./errors.js";

/** A benchmark report as the contracts take it (see contracts/core/IReportVerifier.sol). */
export interface BenchmarkReport {
  provider: string;
  /** Verified FLOPs; CU = flops / FLOPs-per-CU of the definition in force at mint time. */
  flops: bigint;
  /** Unique id (32 bytes hex) chosen by the attesters. */
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

/** A fresh report for `provider` of `flops`, valid for `ttlSeconds` from `now`. */
export function newReport(provider: string, flops: bigint, now: number, ttlSeconds = 3_600): BenchmarkReport {
  if (flops <= 0n) throw new InputError("a report needs a positive number of FLOPs");
  return {
    provider: getAddress(provider),
    flops,
    reportId: hexlify(randomBytes(32)),
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
