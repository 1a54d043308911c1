// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title BridgeMessage
/// @notice One transfer between chains, naming its whole route: the source chain and the bridge contract that sent it,
/// the destination chain and the bridge contract that may deliver it. Relayers sign it as EIP-712 type
/// `BridgeMessage(uint256 srcChainId,address srcBridge,uint256 dstChainId,address dstBridge,uint256 nonce,
/// address sender,address recipient,uint256 amount)`, so a signature is good for that one route only.
/// @dev `nonce` is the source bridge's outbound counter; `amount` is sSTB wei.
struct BridgeMessage {
    uint256 srcChainId;
    address srcBridge;
    uint256 dstChainId;
    address dstBridge;
    uint256 nonce;
    address sender;
    address recipient;
    uint256 amount;
}

/// @title IMessageVerifier
/// @notice Checks that a governed threshold of a governed relayer set signed a bridge message (EIP-712, domain
/// "STAB3L Bridge" version "1" on the destination chain, verifying contract = this verifier).
interface IMessageVerifier {
    /// @notice Governance added (`isActive`) or removed a relayer.
    event RelayerSet(address indexed relayer, bool wasActive, bool isActive);

    /// @notice `provided` signatures, fewer than the threshold `threshold` (parameter `bridge.relayerThreshold`).
    error VerifierInsufficientSignatures(uint256 provided, uint256 threshold);
    /// @notice Signature `index` is malformed or does not recover to an address.
    error VerifierInvalidSignature(uint256 index);
    /// @notice Signature `index` recovers to `signer`, which is not a relayer.
    error VerifierNotRelayer(uint256 index, address signer);
    /// @notice Signature `index` is by `signer`, who already signed (a duplicate).
    error VerifierDuplicateSigner(uint256 index, address signer);
    /// @notice Signatures must be ordered by ascending signer address: `signer` at `index` follows `previous`.
    error VerifierSignersNotAscending(uint256 index, address signer, address previous);
    /// @notice The zero address cannot be a relayer.
    error VerifierInvalidRelayer(address relayer);
    /// @notice The message is for the bridge `dstBridge`, but `caller` asked to verify it.
    error VerifierWrongBridge(address dstBridge, address caller);

    /// @notice Revert unless `signatures` (65-byte r‖s‖v, ordered by ascending signer) hold at least the threshold
    /// of distinct relayer signatures over `message`, and unless the caller is the message's `dstBridge`.
    /// @dev The caller is the destination bridge: a bridge redeployed behind this verifier cannot replay
    /// messages signed for its predecessor, whose processed-message record it does not have.
    /// @return digest The EIP-712 digest that was signed.
    function verify(BridgeMessage calldata message, bytes[] calldata signatures) external view returns (bytes32 digest);

    /// @notice The EIP-712 digest relayers sign for `message`.
    function hashMessage(BridgeMessage calldata message) external view returns (bytes32);

    /// @notice Add (`active` true) or remove a relayer. @dev Restricted: ADMIN (the Timelock).
    function setRelayer(address relayer, bool active) external;

    /// @notice Whether `account` is a relayer.
    function isRelayer(address account) external view returns (bool);

    /// @notice The relayer set.
    function relayers() external view returns (address[] memory);

    /// @notice The governed threshold (parameter `bridge.relayerThreshold`).
    function threshold() external view returns (uint256);
}
