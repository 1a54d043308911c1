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
/// @notice Lock/release at home, burn/mint on remotes, threshold-verified messages, replay protection, sSTB locked
/// at home accounted per remote chain, and governed token-bucket rate limits per chain and direction. See
/// ICrossChainBridge and docs/BRIDGE.md.
contract CrossChainBridge is ICrossChainBridge, Stab3lManaged, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using BitMaps for BitMaps.BitMap;
    using EnumerableSet for EnumerableSet.UintSet;

    /// @dev Token bucket of one chain and direction, in one slot: `used` (sSTB wei) was the volume in the bucket at
    /// `updatedAt`; it drains at `bridge.rateLimitPerWindow / bridge.rateWindow` per second.
    struct RateBucket {
        uint64 updatedAt;
        uint192 used;
    }

    Mode private immutable _mode;
    ISSTBToken private immutable _token;
    IMessageVerifier private immutable _verifier;
    IParameterStore private immutable _params;

    uint256 private _nextNonce;
    EnumerableSet.UintSet private _peers;
    mapping(uint256 chainId => address bridge) private _peerBridge;
    /// @dev Every chain ever enabled as a peer (never shrinks), so `locked()` still counts a disabled peer's lock.
    EnumerableSet.UintSet private _everPeered;
    /// @dev Home: sSTB locked for each remote chain, i.e. that chain's supply plus messages in flight to it.
    mapping(uint256 chainId => uint256) private _lockedFor;
    mapping(uint256 srcChainId => mapping(address srcBridge => BitMaps.BitMap)) private _processed;
    mapping(uint256 chainId => mapping(bool outbound => RateBucket)) private _buckets;

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
        address dstBridge = _peerBridge[dstChainId];
        if (dstBridge == address(0)) revert BridgeUnknownChain(dstChainId);
        _consume(dstChainId, true, amount);
        nonce = _nextNonce++;
        if (_mode == Mode.Home) {
            _lockedFor[dstChainId] += amount;
            IERC20(address(_token)).safeTransferFrom(msg.sender, address(this), amount);
        } else {
            _token.burnFrom(msg.sender, amount);
        }
        emit MessageSent(dstChainId, nonce, msg.sender, dstBridge, recipient, amount);
    }

    /// @inheritdoc ICrossChainBridge
    function receiveMessage(
        BridgeMessage calldata message,
        bytes[] calldata signatures
    ) external restricted nonReentrant {
        uint256 local = _localChainId();
        if (message.dstChainId != local || message.dstBridge != address(this)) {
            revert BridgeWrongDestination(message.dstChainId, message.dstBridge, local, address(this));
        }
        address peer = _peerBridge[message.srcChainId];
        if (peer == address(0)) revert BridgeUnknownChain(message.srcChainId);
        if (message.srcBridge != peer) revert BridgeUnknownSourceBridge(message.srcChainId, message.srcBridge, peer);
        if (message.amount == 0 || message.recipient == address(0)) {
            revert BridgeInvalidTransfer(message.recipient, message.amount);
        }
        BitMaps.BitMap storage done = _processed[message.srcChainId][peer];
        if (done.get(message.nonce)) {
            revert BridgeMessageAlreadyProcessed(message.srcChainId, peer, message.nonce);
        }
        bytes32 digest = _verifier.verify(message, signatures);
        done.set(message.nonce);
        _consume(message.srcChainId, false, message.amount);
        if (_mode == Mode.Home) {
            // Only what was locked for the message's source chain: one remote cannot release another's lock.
            uint256 lockedNow = _lockedFor[message.srcChainId];
            if (message.amount > lockedNow) {
                revert BridgeReleaseExceedsLocked(message.srcChainId, message.amount, lockedNow);
            }
            _lockedFor[message.srcChainId] = lockedNow - message.amount;
            IERC20(address(_token)).safeTransfer(message.recipient, message.amount);
        } else {
            _token.mint(message.recipient, message.amount);
        }
        emit MessageProcessed(message.srcChainId, message.nonce, message.recipient, message.amount, digest);
    }

    /// @inheritdoc ICrossChainBridge
    function setPeerChain(uint256 chainId, address bridge) external restricted {
        _setPeerChain(chainId, bridge);
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
    function isProcessed(uint256 srcChainId, address srcBridge, uint256 nonce) external view returns (bool) {
        return _processed[srcChainId][srcBridge].get(nonce);
    }

    /// @inheritdoc ICrossChainBridge
    function peerChains() external view returns (uint256[] memory) {
        return _peers.values();
    }

    /// @inheritdoc ICrossChainBridge
    function peerBridge(uint256 chainId) external view returns (address) {
        return _peerBridge[chainId];
    }

    /// @inheritdoc ICrossChainBridge
    function locked() external view returns (uint256 total) {
        uint256 n = _everPeered.length();
        for (uint256 i = 0; i < n; ++i) total += _lockedFor[_everPeered.at(i)];
    }

    /// @inheritdoc ICrossChainBridge
    function lockedFor(uint256 chainId) external view returns (uint256) {
        return _lockedFor[chainId];
    }

    /// @inheritdoc ICrossChainBridge
    function rateUsage(
        uint256 chainId,
        bool outbound
    ) external view returns (uint256 used, uint256 limit, uint256 drainedAt) {
        uint256 window = _params.get(BridgeKeys.RATE_WINDOW);
        limit = _params.get(BridgeKeys.RATE_LIMIT);
        RateBucket memory b = _buckets[chainId][outbound];
        used = _drained(b, limit, window);
        drainedAt = b.updatedAt + _secondsToDrain(b.used, limit, window);
    }

    // ---------------------------------------------------------------- internals

    /// @dev The chain id messages must name as destination. Virtual so a test harness can stand for a second
    /// chain inside one in-process network; production uses block.chainid.
    function _localChainId() internal view virtual returns (uint256) {
        return block.chainid;
    }

    function _setPeerChain(uint256 chainId, address bridge) internal {
        if (chainId == 0 || chainId == _localChainId()) revert BridgeInvalidPeer(chainId);
        emit PeerChainSet(chainId, _peerBridge[chainId], bridge);
        _peerBridge[chainId] = bridge;
        if (bridge != address(0)) {
            _peers.add(chainId);
            _everPeered.add(chainId);
            // Make both bucket slots non-zero now (updatedAt 1 is long drained): the first transfer each way then
            // pays a 5k update instead of a 22k slot creation, on governance's bill.
            if (_buckets[chainId][true].updatedAt == 0) _buckets[chainId][true].updatedAt = 1;
            if (_buckets[chainId][false].updatedAt == 0) _buckets[chainId][false].updatedAt = 1;
        } else {
            _peers.remove(chainId);
        }
    }

    /// @dev Count `amount` against the token bucket of (`chainId`, direction): capacity `limit`, draining at
    /// `limit / window` per second. Unlike fixed windows there is no boundary at which the count resets, so no
    /// burst of twice the limit: at most `limit` at once, `limit × (1 + d / window)` over any `d` seconds.
    function _consume(uint256 chainId, bool outbound, uint256 amount) internal {
        uint256 window = _params.get(BridgeKeys.RATE_WINDOW);
        uint256 limit = _params.get(BridgeKeys.RATE_LIMIT);
        RateBucket memory bucket = _buckets[chainId][outbound];
        uint256 used = _drained(bucket, limit, window);
        if (used + amount > limit) {
            // When the bucket will have drained enough, counted from its last update as `_drained` counts (never
            // for more than the limit itself).
            uint256 availableAt =
                amount > limit
                    ? type(uint256).max
                    : bucket.updatedAt + _secondsToDrain(bucket.used + amount - limit, limit, window);
            revert BridgeRateLimited(chainId, outbound, amount, used, limit, availableAt);
        }
        _buckets[chainId][outbound] = RateBucket(uint64(block.timestamp), uint192(used + amount));
    }

    /// @dev The bucket's volume now: what it held at its last update less what drained since (rounded down).
    function _drained(RateBucket memory bucket, uint256 limit, uint256 window) internal view returns (uint256) {
        uint256 drain = ((block.timestamp - bucket.updatedAt) * limit) / window;
        return drain >= bucket.used ? 0 : bucket.used - drain;
    }

    /// @dev Seconds for `volume` to drain out of a bucket (rounded up, so the drain then covers it).
    function _secondsToDrain(uint256 volume, uint256 limit, uint256 window) internal pure returns (uint256) {
        return (volume * window + limit - 1) / limit;
    }
}
