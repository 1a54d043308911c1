// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IReportVerifier} from "./IReportVerifier.sol";

/// @title IAttesterReportVerifier
/// @notice Verification method "attesters": a report is proven by EIP-712 signatures of at least the governed
/// threshold (`cu.attesterThreshold`) of distinct attesters from a governed set (TEE-backed benchmark services).
interface IAttesterReportVerifier is IReportVerifier {
    /// @notice `attester` was added to (`allowed` true) or removed from the set; `wasAllowed` is the old state.
    event AttesterSet(address indexed attester, bool wasAllowed, bool allowed);

    /// @notice The proof is not a whole number of 65-byte signatures.
    error AttesterMalformedProof(uint256 length);
    /// @notice `signatures` distinct attester signatures given, `threshold` required.
    error AttesterThresholdNotMet(uint256 signatures, uint256 threshold);
    /// @notice Signature number `index` cannot be recovered (malformed or high-s).
    error AttesterInvalidSignature(uint256 index);
    /// @notice Signature number `index` recovers to `signer`, which is not an attester (forged report).
    error AttesterUnknownSigner(uint256 index, address signer);
    /// @notice Signers must be strictly ascending, so one attester cannot count twice.
    error AttesterSignersNotAscending(uint256 index, address signer, address previous);
    /// @notice The zero address cannot be an attester.
    error AttesterInvalidAddress(address attester);

    /// @notice Add (`allowed`) or remove an attester. @dev Restricted: ADMIN (the Timelock).
    function setAttester(address attester, bool allowed) external;

    /// @notice Whether `account` is an attester.
    function isAttester(address account) external view returns (bool);

    /// @notice Number of attesters.
    function attesterCount() external view returns (uint256);

    /// @notice The EIP-712 digest attesters sign for a report with struct hash `reportHash`.
    function digest(bytes32 reportHash) external view returns (bytes32);
}
