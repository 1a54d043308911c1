// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice A provider's benchmark result, as attested: `flops` floating-point operations of verified capacity.
/// @dev EIP-712 type: BenchmarkReport(address provider,uint256 flops,bytes32 reportId,uint64 deadline).
struct BenchmarkReport {
    address provider; // the provider the CU are minted for
    uint256 flops; // verified FLOPs; CU = flops / FLOPs-per-CU of the definition in force at mint time
    bytes32 reportId; // the provider's report nonce (a uint256), numbered by the attesters; usable once
    uint64 deadline; // unix seconds after which the report can no longer be used
}

/// @title BenchmarkReports
/// @notice The EIP-712 struct hash of a report: the same for every verification method, and the key that stops
/// a report from being used twice (signatures do not enter it, so re-signing cannot replay a report).
library BenchmarkReports {
    bytes32 internal constant TYPEHASH = keccak256(
        "BenchmarkReport(address provider,uint256 flops,bytes32 reportId,uint64 deadline)"
    );

    /// @notice keccak256(abi.encode(TYPEHASH, provider, flops, reportId, deadline)).
    function hash(BenchmarkReport calldata r) internal pure returns (bytes32) {
        return keccak256(abi.encode(TYPEHASH, r.provider, r.flops, r.reportId, r.deadline));
    }
}

/// @title IReportVerifier
/// @notice One way of proving a benchmark report: attester signatures (TEE-style) today, a ZK proof verifier
/// tomorrow. The ComputeUnitVerifier keeps a governed registry of methods.
interface IReportVerifier {
    /// @notice Return normally when `proof` proves `report`; revert with a named error otherwise.
    /// @param report The report (its struct hash is `reportHash`).
    /// @param reportHash BenchmarkReports.hash(report), computed by the caller.
    /// @param proof Method-specific proof bytes (for attesters: 65-byte signatures, signers ascending).
    function verifyReport(BenchmarkReport calldata report, bytes32 reportHash, bytes calldata proof) external view;
}
