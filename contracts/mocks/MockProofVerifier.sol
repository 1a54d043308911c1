// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {BenchmarkReport, IReportVerifier} from "../core/IReportVerifier.sol";

/// @title MockProofVerifier
/// @notice Test only: stands for a future verification method (e.g. a ZK proof verifier) registered by
/// governance. It accepts a proof equal to keccak256("mock-proof", reportHash).
contract MockProofVerifier is IReportVerifier {
    /// @notice The proof does not match the report.
    error MockProofInvalid(bytes32 reportHash);

    /// @inheritdoc IReportVerifier
    function verifyReport(BenchmarkReport calldata, bytes32 reportHash, bytes calldata proof) external pure {
        if (keccak256(proof) != keccak256(abi.encode(keccak256(abi.encode("mock-proof", reportHash))))) {
            revert MockProofInvalid(reportHash);
        }
    }
}
