// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {BridgeMessage, IMessageVerifier} from "./IMessageVerifier.sol";
import {BridgeKeys} from "./BridgeKeys.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title MessageVerifier
/// @notice Threshold EIP-712 verification of bridge messages by the governed relayer set. See IMessageVerifier.
/// @dev Ascending signer order makes duplicate detection O(1) per signature, as in Safe's checkNSignatures.
contract MessageVerifier is IMessageVerifier, EIP712, Stab3lManaged {
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @notice EIP-712 type hash of BridgeMessage.
    bytes32 public constant MESSAGE_TYPEHASH = keccak256(
        abi.encodePacked(
            "BridgeMessage(uint256 srcChainId,address srcBridge,uint256 dstChainId,address dstBridge,",
            "uint256 nonce,address sender,address recipient,uint256 amount)"
        )
    );

    IParameterStore private immutable _params;
    EnumerableSet.AddressSet private _relayers;

    /// @param initialAuthority The STAB3L authority.
    /// @param params The ParameterStore holding `bridge.relayerThreshold`.
    constructor(
        address initialAuthority,
        IParameterStore params
    ) EIP712("STAB3L Bridge", "1") Stab3lManaged(initialAuthority) {
        _params = params;
    }

    /// @inheritdoc IMessageVerifier
    function verify(
        BridgeMessage calldata message,
        bytes[] calldata signatures
    ) external view returns (bytes32 digest) {
        uint256 required = threshold();
        if (signatures.length < required) revert VerifierInsufficientSignatures(signatures.length, required);
        if (message.dstBridge != msg.sender) revert VerifierWrongBridge(message.dstBridge, msg.sender);
        digest = hashMessage(message);
        address previous = address(0);
        for (uint256 i = 0; i < signatures.length; ++i) {
            (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecover(digest, signatures[i]);
            if (err != ECDSA.RecoverError.NoError) revert VerifierInvalidSignature(i);
            if (signer == previous) revert VerifierDuplicateSigner(i, signer);
            if (signer < previous) revert VerifierSignersNotAscending(i, signer, previous);
            if (!_relayers.contains(signer)) revert VerifierNotRelayer(i, signer);
            previous = signer;
        }
    }

    /// @inheritdoc IMessageVerifier
    function setRelayer(address relayer, bool active) external restricted {
        _setRelayer(relayer, active);
    }

    /// @inheritdoc IMessageVerifier
    function hashMessage(BridgeMessage calldata m) public view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        MESSAGE_TYPEHASH,
                        m.srcChainId,
                        m.srcBridge,
                        m.dstChainId,
                        m.dstBridge,
                        m.nonce,
                        m.sender,
                        m.recipient,
                        m.amount
                    )
                )
            );
    }

    /// @inheritdoc IMessageVerifier
    function isRelayer(address account) external view returns (bool) {
        return _relayers.contains(account);
    }

    /// @inheritdoc IMessageVerifier
    function relayers() external view returns (address[] memory) {
        return _relayers.values();
    }

    /// @inheritdoc IMessageVerifier
    function threshold() public view returns (uint256) {
        return _params.get(BridgeKeys.RELAYER_THRESHOLD);
    }

    function _setRelayer(address relayer, bool active) internal {
        if (relayer == address(0)) revert VerifierInvalidRelayer(relayer);
        bool was = _relayers.contains(relayer);
        emit RelayerSet(relayer, was, active);
        if (active) _relayers.add(relayer);
        else _relayers.remove(relayer);
    }
}
