// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {BridgeMessage, IMessageVerifier} from "./IMessageVerifier.sol";
import {ISSTBToken} from "../core/ISSTBToken.sol";

/// @title ICrossChainBridge
/// @notice Moves sSTB between the home chain and remote chains. Home: `bridgeOut` locks sSTB, an inbound message
/// releases it. Remote: `bridgeOut` burns sSTB, an inbound message mints it (the bridge holds SSTB_MINTER and
/// SSTB_BURNER there, nowhere else). Inbound messages need the relayer threshold's EIP-712 signatures (see
/// IMessageVerifier), name their whole route (source chain and bridge, destination chain and bridge; each chain has
/// one governed peer bridge), are processed once per (source chain, source bridge, nonce), and count, like outbound
/// transfers, against a governed token bucket per chain and direction. Guardians pause `bridgeOut` / `receiveMessage` through the
/// authority. INV-BRIDGE, per remote chain: locked at home for it = sSTB minted there (supply) + messages in flight
/// between them; a remote can release only what was locked for it. See docs/BRIDGE.md.
interface ICrossChainBridge {
    /// @notice Home locks and releases; Remote burns and mints.
    enum Mode {
        Home,
        Remote
    }

    /// @notice sSTB left this chain for the bridge `dstBridge` on `dstChainId`; relayers sign the BridgeMessage built
    /// from this event with srcChainId = this chain and srcBridge = the address that emitted it.
    event MessageSent(
        uint256 indexed dstChainId,
        uint256 indexed nonce,
        address indexed sender,
        address dstBridge,
        address recipient,
        uint256 amount
    );
    /// @notice An inbound message was verified and paid out (released at home, minted on a remote).
    event MessageProcessed(
        uint256 indexed srcChainId,
        uint256 indexed nonce,
        address indexed recipient,
        uint256 amount,
        bytes32 digest
    );
    /// @notice Governance set the peer bridge on `chainId` (zero: the chain is no peer).
    event PeerChainSet(uint256 indexed chainId, address oldBridge, address newBridge);

    /// @notice An amount of zero, or a zero recipient.
    error BridgeInvalidTransfer(address recipient, uint256 amount);
    /// @notice `chainId` is not an enabled peer of this bridge.
    error BridgeUnknownChain(uint256 chainId);
    /// @notice The message is for bridge `dstBridge` on chain `dstChainId`, not this bridge `localBridge` on this
    /// chain `localChainId`.
    error BridgeWrongDestination(uint256 dstChainId, address dstBridge, uint256 localChainId, address localBridge);
    /// @notice The message names `srcBridge` as its sender on `srcChainId`, which is not that chain's peer bridge
    /// `peerBridge`.
    error BridgeUnknownSourceBridge(uint256 srcChainId, address srcBridge, address peerBridge);
    /// @notice Message `nonce` of bridge `srcBridge` on `srcChainId` was already processed.
    error BridgeMessageAlreadyProcessed(uint256 srcChainId, address srcBridge, uint256 nonce);
    /// @notice Moving `amount` would bring the rate bucket with `chainId` (outbound or inbound), now holding `used`,
    /// past `limit` (parameter `bridge.rateLimitPerWindow`, sSTB wei; the bucket drains at limit per
    /// `bridge.rateWindow`). It fits from `availableAt` (unix seconds; type(uint256).max: never, amount > limit).
    error BridgeRateLimited(
        uint256 chainId,
        bool outbound,
        uint256 amount,
        uint256 used,
        uint256 limit,
        uint256 availableAt
    );
    /// @notice Home only: releasing `amount` to a message from `srcChainId` would exceed what is `locked` for that
    /// chain (cannot happen while INV-BRIDGE holds for it; one remote cannot release another's lock).
    error BridgeReleaseExceedsLocked(uint256 srcChainId, uint256 amount, uint256 locked);
    /// @notice A peer chain id of zero or of this chain.
    error BridgeInvalidPeer(uint256 chainId);

    /// @notice Send `amount` sSTB (wei) to `recipient` on `dstChainId`: lock at home, burn on a remote.
    /// @dev PUBLIC_ROLE via the authority (guardians can pause it). Needs an allowance for the bridge.
    /// @return nonce The message nonce.
    function bridgeOut(uint256 dstChainId, address recipient, uint256 amount) external returns (uint256 nonce);

    /// @notice Deliver a message from a peer chain with the relayers' signatures (ordered by ascending signer).
    /// Anyone may submit; the signatures are the authorisation. @dev PUBLIC_ROLE via the authority.
    function receiveMessage(BridgeMessage calldata message, bytes[] calldata signatures) external;

    /// @notice Make `bridge` on `chainId` this bridge's peer there (zero: no peer on that chain). Messages to that
    /// chain name it as destination bridge; messages from that chain must name it as source bridge. Re-pointing a
    /// peer to a new bridge starts a fresh nonce record for it; messages still in flight from the old one are
    /// refused (deliver them first). @dev Restricted: ADMIN (the Timelock).
    function setPeerChain(uint256 chainId, address bridge) external;

    /// @notice Home or Remote.
    function mode() external view returns (Mode);

    /// @notice The sSTB token.
    function token() external view returns (ISSTBToken);

    /// @notice The message verifier.
    function verifier() external view returns (IMessageVerifier);

    /// @notice This chain's id as the bridge sees it.
    function localChainId() external view returns (uint256);

    /// @notice Nonce the next outbound message will carry.
    function nextNonce() external view returns (uint256);

    /// @notice Whether message `nonce` of bridge `srcBridge` on `srcChainId` was processed.
    function isProcessed(uint256 srcChainId, address srcBridge, uint256 nonce) external view returns (bool);

    /// @notice Enabled peer chain ids.
    function peerChains() external view returns (uint256[] memory);

    /// @notice The peer bridge on `chainId` (zero: none).
    function peerBridge(uint256 chainId) external view returns (address);

    /// @notice Home: sSTB locked for every remote chain together (wei). Remote: zero.
    function locked() external view returns (uint256);

    /// @notice Home: sSTB locked for remote chain `chainId` (wei): what messages from it may release. Remote: zero.
    function lockedFor(uint256 chainId) external view returns (uint256);

    /// @notice The rate bucket with `chainId` in one direction now: volume `used` (sSTB wei), its capacity `limit`,
    /// and when it drains (drained) to zero if nothing more moves (unix seconds; the whole limit fits from then on).
    function rateUsage(
        uint256 chainId,
        bool outbound
    ) external view returns (uint256 used, uint256 limit, uint256 drainedAt);
}
