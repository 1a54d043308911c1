// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IAttesterReportVerifier} from "./IAttesterReportVerifier.sol";
import {BenchmarkReport, IReportVerifier} from "./IReportVerifier.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title AttesterReportVerifier
/// @notice Proves benchmark reports by EIP-712 signatures (domain "STAB3L Benchmark Attestation", version "1")
/// of a governed threshold of governed attesters.
/// @dev Every signature given must be valid and from an attester, in ascending signer order: a report carrying
/// a forged or duplicated signature is rejected outright, not counted around.
contract AttesterReportVerifier is IAttesterReportVerifier, EIP712, Stab3lManaged {
    /// @notice Signatures required (count).
    bytes32 public constant THRESHOLD_KEY = "cu.attesterThreshold";
    uint256 private constant _SIGNATURE_LENGTH = 65;

    /// @notice The store holding `cu.attesterThreshold`.
    IParameterStore public immutable parameters;

    mapping(address account => bool) private _attesters;
    uint256 private _attesterCount;

    /// @param initialAuthority The STAB3L authority.
    /// @param parameterStore The ParameterStore.
    /// @param initialAttesters The genesis attester set (each emitted as AttesterSet).
    constructor(
        address initialAuthority,
        IParameterStore parameterStore,
        address[] memory initialAttesters
    ) EIP712("STAB3L Benchmark Attestation", "1") Stab3lManaged(initialAuthority) {
        parameters = parameterStore;
        for (uint256 i = 0; i < initialAttesters.length; ++i) _setAttester(initialAttesters[i], true);
    }

    /// @inheritdoc IAttesterReportVerifier
    function setAttester(address attester, bool allowed) external restricted {
        _setAttester(attester, allowed);
    }

    /// @inheritdoc IReportVerifier
    function verifyReport(BenchmarkReport calldata, bytes32 reportHash, bytes calldata proof) external view {
        if (proof.length % _SIGNATURE_LENGTH != 0) revert AttesterMalformedProof(proof.length);
        uint256 count = proof.length / _SIGNATURE_LENGTH;
        uint256 threshold = parameters.get(THRESHOLD_KEY);
        if (count < threshold) revert AttesterThresholdNotMet(count, threshold);
        bytes32 hash = _hashTypedDataV4(reportHash);
        address previous = address(0);
        for (uint256 i = 0; i < count; ++i) {
            (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecover(
                hash,
                proof[i * _SIGNATURE_LENGTH:(i + 1) * _SIGNATURE_LENGTH]
            );
            if (err != ECDSA.RecoverError.NoError) revert AttesterInvalidSignature(i);
            if (!_attesters[signer]) revert AttesterUnknownSigner(i, signer);
            if (signer <= previous) revert AttesterSignersNotAscending(i, signer, previous);
            previous = signer;
        }
    }

    /// @inheritdoc IAttesterReportVerifier
    function isAttester(address account) external view returns (bool) {
        return _attesters[account];
    }

    /// @inheritdoc IAttesterReportVerifier
    function attesterCount() external view returns (uint256) {
        return _attesterCount;
    }

    /// @inheritdoc IAttesterReportVerifier
    function digest(bytes32 reportHash) external view returns (bytes32) {
        return _hashTypedDataV4(reportHash);
    }

    function _setAttester(address attester, bool allowed) internal {
        if (attester == address(0)) revert AttesterInvalidAddress(attester);
        bool was = _attesters[attester];
        emit AttesterSet(attester, was, allowed);
        if (was == allowed) return;
        _attesters[attester] = allowed;
        if (allowed) ++_attesterCount;
        else --_attesterCount;
    }
}
