// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICrossChainBridge} from "./ICrossChainBridge.sol";
import {BridgeMessage, IMessageVerifier} from "./IMessageVerifier.sol";
import {BridgeKeys} from "./BridgeKeys.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";
import {ISSTBToken} from "../core/ISSTBToken.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title CrossChainBridge
/// @notice Lock/release at home, burn/mint on remotes, threshold-verified messages, replay protection and governed
/// rate limits per chain and window. See ICrossChainBridge and docs/BRIDGE.md.
contract CrossChainBridge is ICrossChainBridge, Stab3lManaged, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using BitMaps for BitMaps.BitMap;
    using EnumerableSet for EnumerableSet.UintSet;

    /// @dev Volume in one window with one chain in one direction.
    struct Window {
        uint64 start;
        uint192 used;
    }

    Mode private immutable _mode;
    ISSTBToken private immutable _token;
    IMessageVerifier private immutable _verifier;
    IParameterStore private immutable _params;

    uint256 private _nextNonce;
    uint256 private _locked;
    EnumerableSet.UintSet private _peers;
    mapping(uint256 srcChainId => BitMaps.BitMap) private _processed;
    mapping(uint256 chainId => mapping(bool outbound => Window)) private _windows;

    /// @param initialAuthority The STAB3L authority.
    /// @param params The ParameterStore holding the `bridge.*` keys.
    /// @param bridgeMode Home (lock/release) or Remote (burn/mint).
    /// @param sstbToken sSTB on this chain.
    /// @param messageVerifier The verifier of inbound messages on this chain.
    constructor(
        address initialAuthority,
        IParameterStore params,
        Mode bridgeMode,
        ISSTBToken sstbToken,
        IMessageVerifier messageVerifier
    ) Stab3lManaged(initialAuthority) {
        _params = params;
        _mode = bridgeMode;
        _token = sstbToken;
        _verifier = messageVerifier;
    }

    /// @inheritdoc ICrossChainBridge
    function bridgeOut(
        uint256 dstChainId,
        address recipient,
        uint256 amount
    ) external restricted nonReentrant returns (uint256 nonce) {
        if (amount == 0 || recipient == address(0)) revert BridgeInvalidTransfer(recipient, amount);
        if (!_peers.contains(dstChainId)) revert BridgeUnknownChain(dstChainId);
        _consume(dstChainId, true, amount);
        nonce = _nextNonce++;
        if (_mode == Mode.Home) {
            _locked += amount;
            IERC20(address(_token)).safeTransferFrom(msg.sender, address(this), amount);
        } else {
            _token.burnFrom(msg.sender, amount);
        }
        emit MessageSent(dstChainId, nonce, msg.sender, recipient, amount);
    }

    /// @inheritdoc ICrossChainBridge
    function receiveMessage(
        BridgeMessage calldata message,
        bytes[] calldata signatures
    ) external restricted nonReentrant {
        uint256 local = _localChainId();
        if (message.dstChainId != local) revert BridgeWrongDestination(message.dstChainId, local);
        if (!_peers.contains(message.srcChainId)) revert BridgeUnknownChain(message.srcChainId);
        if (message.amount == 0 || message.recipient == address(0)) {
            revert BridgeInvalidTransfer(message.recipient, message.amount);
        }
        BitMaps.BitMap storage done = _processed[message.srcChainId];
        if (done.get(message.nonce)) revert BridgeMessageAlreadyProcessed(message.srcChainId, message.nonce);
        bytes32 digest = _verifier.verify(message, signatures);
        done.set(message.nonce);
        _consume(message.srcChainId, false, message.amount);
        if (_mode == Mode.Home) {
            uint256 lockedNow = _locked;
            if (message.amount > lockedNow) revert BridgeReleaseExceedsLocked(message.amount, lockedNow);
            _locked = lockedNow - message.amount;
            IERC20(address(_token)).safeTransfer(message.recipient, message.amount);
        } else {
            _token.mint(message.recipient, message.amount);
        }
        emit MessageProcessed(message.srcChainId, message.nonce, message.recipient, message.amount, digest);
    }

    /// @inheritdoc ICrossChainBridge
    function setPeerChain(uint256 chainId, bool enabled) external restricted {
        _setPeerChain(chainId, enabled);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICrossChainBridge
    function mode() external view returns (Mode) {
        return _mode;
    }

    /// @inheritdoc ICrossChainBridge
    function token() external view returns (ISSTBToken) {
        return _token;
    }

    /// @inheritdoc ICrossChainBridge
    function verifier() external view returns (IMessageVerifier) {
        return _verifier;
    }

    /// @inheritdoc ICrossChainBridge
    function localChainId() external view returns (uint256) {
        return _localChainId();
    }

    /// @inheritdoc ICrossChainBridge
    function nextNonce() external view returns (uint256) {
        return _nextNonce;
    }

    /// @inheritdoc ICrossChainBridge
    function isProcessed(uint256 srcChainId, uint256 nonce) external view returns (bool) {
        return _processed[srcChainId].get(nonce);
    }

    /// @inheritdoc ICrossChainBridge
    function peerChains() external view returns (uint256[] memory) {
        return _peers.values();
    }

    /// @inheritdoc ICrossChainBridge
    function locked() external view returns (uint256) {
        return _locked;
    }

    /// @inheritdoc ICrossChainBridge
    function windowUsage(
        uint256 chainId,
        bool outbound
    ) external view returns (uint256 used, uint256 limit, uint256 windowEnd) {
        uint256 length = _params.get(BridgeKeys.RATE_WINDOW);
        uint256 start = (block.timestamp / length) * length;
        Window memory w = _windows[chainId][outbound];
        used = w.start == start ? w.used : 0;
        limit = _params.get(BridgeKeys.RATE_LIMIT);
        windowEnd = start + length;
    }

    // ---------------------------------------------------------------- internals

    /// @dev The chain id messages must name as destination. Virtual so a test harness can stand for a second
    /// chain inside one in-process network; production uses block.chainid.
    function _localChainId() internal view virtual returns (uint256) {
        return block.chainid;
    }

    function _setPeerChain(uint256 chainId, bool enabled) internal {
        if (chainId == 0 || chainId == _localChainId()) revert BridgeInvalidPeer(chainId);
        bool was = _peers.contains(chainId);
        emit PeerChainSet(chainId, was, enabled);
        if (enabled) {
            _peers.add(chainId);
            // Make both window slots non-zero now (start 1 matches no real window): the first transfer each
            // way then pays a 5k update instead of a 22k slot creation, on governance's bill.
            if (_windows[chainId][true].start == 0) _windows[chainId][true].start = 1;
            if (_windows[chainId][false].start == 0) _windows[chainId][false].start = 1;
        } else {
            _peers.remove(chainId);
        }
    }

    /// @dev Count `amount` against the window of (`chainId`, direction), fixed windows aligned to the epoch.
    function _consume(uint256 chainId, bool outbound, uint256 amount) internal {
        uint256 length = _params.get(BridgeKeys.RATE_WINDOW);
        uint256 limit = _params.get(BridgeKeys.RATE_LIMIT);
        uint256 start = (block.timestamp / length) * length;
        Window storage w = _windows[chainId][outbound];
        uint256 used = w.start == start ? w.used : 0;
        if (used + amount > limit) revert BridgeRateLimited(chainId, outbound, amount, used, limit, start + length);
        w.start = uint64(start);
        w.used = uint192(used + amount);
    }
}
