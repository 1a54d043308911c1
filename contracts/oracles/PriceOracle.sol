// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {IPriceOracle} from "./IPriceOracle.sol";
import {IPriceOracleAdmin} from "./IPriceOracleAdmin.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title PriceOracle
/// @notice USD prices with 18 decimals from Chainlink AggregatorV3Interface feeds, trusted only after every check:
/// the L2 sequencer is up and past its grace period, the answer is positive, fresh (governed heartbeat), not
/// from the future, and within governed bounds; otherwise the optional fallback feed, otherwise a named error.
/// Settlement prices (`firstPriceAtOrAfter`) are historical rounds of the primary feed: positive and within
/// bounds, proven first at or after a time in the latest Chainlink phase that had answered before it; age,
/// sequencer and fallback do not apply to them.
/// @dev `answeredInRound` is deprecated by Chainlink and ignored; aggregator min/max answers are not enforced
/// on most feeds, hence the governed bounds. Views never write: the last good price is recorded explicitly.
contract PriceOracle is IPriceOracleAdmin, Stab3lManaged {
    /// @notice Global grace period after the sequencer comes back up (seconds).
    bytes32 public constant SEQUENCER_GRACE_KEY = "oracle.sequencerGrace";
    bytes16 private constant _HEARTBEAT = ".heartbeat";
    bytes16 private constant _FALLBACK_HEARTBEAT = ".fbHeartbeat";
    bytes16 private constant _MIN_PRICE = ".minPrice";
    bytes16 private constant _MAX_PRICE = ".maxPrice";
    uint8 private constant _MAX_DECIMALS = 36;
    /// @dev Chainlink proxy round ids are (phaseId << 64) | aggregator round id.
    uint256 private constant _PHASE_SHIFT = 64;
    /// @dev `phaseId()` of Chainlink's AggregatorProxy (not part of AggregatorV3Interface).
    bytes4 private constant _PHASE_ID_SELECTOR = bytes4(keccak256("phaseId()"));

    struct GoodPrice {
        uint128 usdWad;
        uint64 updatedAt;
    }

    /// @notice The store holding every number of the price layer.
    IParameterStore public immutable parameters;

    /// @dev The primary feed in one slot: the hot path reads the fallback's slot only when the primary fails.
    struct Feed {
        AggregatorV3Interface feed;
        uint8 decimals;
        bytes8 tag; // primary only: the asset's parameter-key tag
        uint8 tagLength; // primary only: its length, so the hot path builds keys without scanning the tag
    }

    mapping(bytes32 asset => Feed) private _primary;
    mapping(bytes32 asset => Feed) private _fallback;
    mapping(bytes32 asset => GoodPrice) private _lastGood;
    AggregatorV3Interface private _sequencerFeed;

    /// @param initialAuthority The STAB3L authority.
    /// @param parameterStore The ParameterStore; `oracle.sequencerGrace` must be registered.
    /// @param sequencerFeed The L2 sequencer uptime feed, or zero for none.
    constructor(
        address initialAuthority,
        IParameterStore parameterStore,
        AggregatorV3Interface sequencerFeed
    ) Stab3lManaged(initialAuthority) {
        parameters = parameterStore;
        _requireRegistered(SEQUENCER_GRACE_KEY);
        _setSequencerUptimeFeed(sequencerFeed);
    }

    // ---------------------------------------------------------------- governed writes

    /// @inheritdoc IPriceOracleAdmin
    function setAsset(
        bytes32 asset,
        AggregatorV3Interface feed,
        AggregatorV3Interface fallbackFeed,
        bytes8 tag
    ) external restricted {
        _setAsset(asset, feed, fallbackFeed, tag);
    }

    /// @inheritdoc IPriceOracleAdmin
    function setSequencerUptimeFeed(AggregatorV3Interface feed) external restricted {
        _setSequencerUptimeFeed(feed);
    }

    // ---------------------------------------------------------------- public writes

    /// @inheritdoc IPriceOracleAdmin
    function recordLastGoodPrice(bytes32 asset) external restricted returns (uint256 usdWad, uint256 updatedAt) {
        (usdWad, updatedAt) = _price(asset);
        _lastGood[asset] = GoodPrice(uint128(usdWad), uint64(updatedAt));
        emit LastGoodPriceRecorded(asset, usdWad, updatedAt);
    }

    // ---------------------------------------------------------------- reads

    /// @inheritdoc IPriceOracle
    function price(bytes32 asset) external view returns (uint256 usdWad) {
        (usdWad, ) = _price(asset);
    }

    /// @inheritdoc IPriceOracle
    function priceWithTime(bytes32 asset) external view returns (uint256 usdWad, uint256 updatedAt) {
        return _price(asset);
    }

    /// @inheritdoc IPriceOracle
    function firstPriceAtOrAfter(
        bytes32 asset,
        uint256 timestamp,
        uint80 roundId
    ) external view returns (uint256 usdWad, uint256 updatedAt) {
        Feed memory primary = _primary[asset];
        if (address(primary.feed) == address(0)) revert PriceOracleUnknownAsset(asset);
        int256 answer;
        (answer, updatedAt) = _round(asset, primary.feed, roundId);
        if (updatedAt < timestamp) revert PriceOracleRoundBeforeTime(asset, roundId, updatedAt, timestamp);
        // Chainlink round ids are (phase << 64) | aggregator round. Round 1 of a phase (or a round 0) has no
        // predecessor in its phase: whether the previous phase already answered after `timestamp` cannot be
        // shown through AggregatorV3Interface, so such a round proves nothing and is refused.
        if (uint64(roundId) <= 1) revert PriceOracleRoundUnprovable(asset, roundId);
        (, uint256 previousUpdatedAt) = _round(asset, primary.feed, roundId - 1);
        if (previousUpdatedAt >= timestamp) {
            revert PriceOracleRoundNotFirst(asset, roundId, previousUpdatedAt, timestamp);
        }
        _requireLatestPhase(asset, primary.feed, roundId, timestamp);
        if (answer <= 0) revert PriceOracleNonPositivePrice(asset, address(primary.feed), answer);
        usdWad = _normalise(answer, primary.decimals);
        uint256 minPrice = parameters.get(_key(primary, _MIN_PRICE));
        uint256 maxPrice = parameters.get(_key(primary, _MAX_PRICE));
        if (usdWad < minPrice || usdWad > maxPrice) {
            revert PriceOracleOutOfBounds(asset, address(primary.feed), usdWad, minPrice, maxPrice);
        }
    }

    /// @inheritdoc IPriceOracleAdmin
    function prices(bytes32 assetA, bytes32 assetB) external view returns (uint256 usdWadA, uint256 usdWadB) {
        _checkSequencer();
        (usdWadA, ) = _assetPrice(assetA);
        (usdWadB, ) = _assetPrice(assetB);
    }

    /// @inheritdoc IPriceOracleAdmin
    function assetConfig(bytes32 asset) external view returns (AssetConfig memory) {
        return _configOf(asset);
    }

    /// @inheritdoc IPriceOracleAdmin
    function sequencerUptimeFeed() external view returns (AggregatorV3Interface) {
        return _sequencerFeed;
    }

    /// @inheritdoc IPriceOracleAdmin
    function lastGoodPrice(bytes32 asset) external view returns (uint256 usdWad, uint256 updatedAt) {
        GoodPrice memory g = _lastGood[asset];
        return (g.usdWad, g.updatedAt);
    }

    /// @inheritdoc IPriceOracleAdmin
    function parameterKey(bytes8 tag, bytes16 suffix) public pure returns (bytes32) {
        return _keyOf(tag, _tagLength(tag), suffix);
    }

    // ---------------------------------------------------------------- internals

    function _price(bytes32 asset) internal view returns (uint256 usdWad, uint256 updatedAt) {
        _checkSequencer();
        return _assetPrice(asset);
    }

    /// @dev The asset's checked price, the sequencer already checked.
    function _assetPrice(bytes32 asset) internal view returns (uint256 usdWad, uint256 updatedAt) {
        Feed memory primary = _primary[asset];
        if (address(primary.feed) == address(0)) revert PriceOracleUnknownAsset(asset);
        uint256 minPrice = parameters.get(_key(primary, _MIN_PRICE));
        uint256 maxPrice = parameters.get(_key(primary, _MAX_PRICE));
        bytes memory primaryError;
        (usdWad, updatedAt, primaryError) = _read(
            asset,
            primary.feed,
            primary.decimals,
            _key(primary, _HEARTBEAT),
            minPrice,
            maxPrice
        );
        if (primaryError.length == 0) return (usdWad, updatedAt);
        Feed memory backup = _fallback[asset];
        if (address(backup.feed) == address(0)) _revertWith(primaryError);
        bytes memory fallbackError;
        (usdWad, updatedAt, fallbackError) = _read(
            asset,
            backup.feed,
            backup.decimals,
            _key(primary, _FALLBACK_HEARTBEAT),
            minPrice,
            maxPrice
        );
        if (fallbackError.length == 0) return (usdWad, updatedAt);
        revert PriceOracleFeedsFailed(asset, primaryError, fallbackError);
    }

    /// @dev One feed through every check; returns the encoded error instead of reverting so a fallback can run.
    function _read(
        bytes32 asset,
        AggregatorV3Interface feed,
        uint8 decimals,
        bytes32 heartbeatKey,
        uint256 minPrice,
        uint256 maxPrice
    ) internal view returns (uint256 usdWad, uint256 updatedAt, bytes memory err) {
        int256 answer;
        try feed.latestRoundData() returns (uint80, int256 a, uint256, uint256 u, uint80) {
            (answer, updatedAt) = (a, u);
        } catch {
            return (0, 0, abi.encodeWithSelector(PriceOracleFeedReverted.selector, asset, feed));
        }
        if (answer <= 0) {
            return (0, 0, abi.encodeWithSelector(PriceOracleNonPositivePrice.selector, asset, feed, answer));
        }
        if (updatedAt > block.timestamp) {
            return (
                0,
                0,
                abi.encodeWithSelector(PriceOracleFutureTimestamp.selector, asset, feed, updatedAt, block.timestamp)
            );
        }
        uint256 maxAge = parameters.get(heartbeatKey);
        if (block.timestamp - updatedAt > maxAge) {
            return (
                0,
                0,
                abi.encodeWithSelector(PriceOracleStalePrice.selector, asset, feed, updatedAt, maxAge, block.timestamp)
            );
        }
        usdWad = _normalise(answer, decimals);
        if (usdWad < minPrice || usdWad > maxPrice) {
            return (
                0,
                0,
                abi.encodeWithSelector(PriceOracleOutOfBounds.selector, asset, feed, usdWad, minPrice, maxPrice)
            );
        }
        return (usdWad, updatedAt, "");
    }

    /// @dev A positive answer with `decimals` decimals as 18 decimals. An answer too large to scale saturates
    /// at the largest uint256, so the bounds check names it (and a fallback runs) instead of an overflow panic.
    function _normalise(int256 answer, uint8 decimals) internal pure returns (uint256) {
        if (decimals > 18) return uint256(answer) / 10 ** (decimals - 18);
        (bool fits, uint256 usdWad) = Math.tryMul(uint256(answer), 10 ** (18 - decimals));
        return fits ? usdWad : type(uint256).max;
    }

    /// @dev Answer and time of one historical round, or PriceOracleRoundUnavailable.
    function _round(
        bytes32 asset,
        AggregatorV3Interface feed,
        uint80 roundId
    ) internal view returns (int256 answer, uint256 updatedAt) {
        try feed.getRoundData(roundId) returns (uint80, int256 a, uint256, uint256 u, uint80) {
            (answer, updatedAt) = (a, u);
        } catch {
            revert PriceOracleRoundUnavailable(asset, address(feed), roundId);
        }
        if (updatedAt == 0) revert PriceOracleRoundUnavailable(asset, address(feed), roundId);
    }

    /// @dev Makes the settlement round unique when Chainlink phases overlap (an old aggregator keeps answering for a
    /// while after the proxy moved to a new one, so two phases can each have a "first round at or after"). The rule:
    /// the round must belong to the latest phase that had answered before `timestamp`. Its own phase answered before
    /// (the round before it is earlier, checked by the caller); every later phase, up to the proxy's current
    /// `phaseId()`, must not have: its first round is later than `timestamp` or does not exist. A feed without
    /// `phaseId()` is a single aggregator: one sequence of rounds, so only phase-free round ids (< 2^64) count.
    function _requireLatestPhase(
        bytes32 asset,
        AggregatorV3Interface feed,
        uint80 roundId,
        uint256 timestamp
    ) internal view {
        uint256 phase = roundId >> _PHASE_SHIFT;
        (bool isProxy, bytes memory current) = address(feed).staticcall(abi.encodeWithSelector(_PHASE_ID_SELECTOR));
        if (!isProxy || current.length < 32) {
            if (phase != 0) revert PriceOracleRoundUnprovable(asset, roundId);
            return;
        }
        uint256 currentPhase = uint16(abi.decode(current, (uint256)));
        for (uint256 later = phase + 1; later <= currentPhase; ++later) {
            uint80 firstOfLater = uint80((later << _PHASE_SHIFT) | 1);
            // A round that does not exist yet can only come later than now, and now is after `timestamp`.
            try feed.getRoundData(firstOfLater) returns (uint80, int256, uint256, uint256 updatedAt, uint80) {
                if (updatedAt != 0 && updatedAt < timestamp) {
                    revert PriceOracleRoundNotLatestPhase(asset, roundId, firstOfLater, updatedAt, timestamp);
                }
            } catch {}
        }
    }

    /// @dev Chainlink's L2 pattern: answer 0 = up, 1 = down; `startedAt` = when the status last changed.
    function _checkSequencer() internal view {
        AggregatorV3Interface feed = _sequencerFeed;
        if (address(feed) == address(0)) return;
        int256 answer;
        uint256 startedAt;
        try feed.latestRoundData() returns (uint80, int256 a, uint256 s, uint256, uint80) {
            (answer, startedAt) = (a, s);
        } catch {
            // A sequencer feed that cannot answer is no evidence the sequencer is up.
            revert PriceOracleSequencerFeedReverted(address(feed));
        }
        // startedAt == 0: no valid round yet (e.g. an uninitialised feed); a startedAt in the future is a broken
        // feed. Neither is evidence the sequencer is up.
        if (answer != 0 || startedAt == 0 || startedAt > block.timestamp) {
            revert PriceOracleSequencerDown(address(feed), startedAt);
        }
        uint256 grace = parameters.get(SEQUENCER_GRACE_KEY);
        if (block.timestamp - startedAt <= grace) {
            revert PriceOracleSequencerGracePeriod(address(feed), startedAt, startedAt + grace);
        }
    }

    function _setAsset(
        bytes32 asset,
        AggregatorV3Interface feed,
        AggregatorV3Interface fallbackFeed,
        bytes8 tag
    ) internal {
        AssetConfig memory old = _configOf(asset);
        AssetConfig memory next;
        if (address(feed) != address(0)) {
            _tagLength(tag); // validates
            next.tag = tag;
            next.feed = feed;
            next.feedDecimals = _decimalsOf(feed);
            _requireRegistered(parameterKey(tag, _HEARTBEAT));
            _requireRegistered(parameterKey(tag, _MIN_PRICE));
            _requireRegistered(parameterKey(tag, _MAX_PRICE));
            if (address(fallbackFeed) != address(0)) {
                next.fallbackFeed = fallbackFeed;
                next.fallbackDecimals = _decimalsOf(fallbackFeed);
                _requireRegistered(parameterKey(tag, _FALLBACK_HEARTBEAT));
            }
        }
        emit AssetConfigured(
            asset,
            address(old.feed),
            address(next.feed),
            address(old.fallbackFeed),
            address(next.fallbackFeed),
            next.tag
        );
        _primary[asset] = Feed(next.feed, next.feedDecimals, next.tag, uint8(_tagLengthOrZero(next.tag)));
        _fallback[asset] = Feed(next.fallbackFeed, next.fallbackDecimals, bytes8(0), 0);
    }

    /// @dev "oracle." + tag + suffix, e.g. "oracle.cu.heartbeat".
    function _keyOf(bytes8 tag, uint256 tagLength, bytes16 suffix) internal pure returns (bytes32) {
        return bytes32("oracle.") | (bytes32(tag) >> 56) | (bytes32(suffix) >> (8 * (7 + tagLength)));
    }

    function _key(Feed memory primary, bytes16 suffix) internal pure returns (bytes32) {
        return _keyOf(primary.tag, primary.tagLength, suffix);
    }

    function _configOf(bytes32 asset) internal view returns (AssetConfig memory c) {
        Feed memory primary = _primary[asset];
        Feed memory backup = _fallback[asset];
        return AssetConfig(primary.feed, primary.decimals, primary.tag, backup.feed, backup.decimals);
    }

    function _setSequencerUptimeFeed(AggregatorV3Interface feed) internal {
        if (address(feed) != address(0) && address(feed).code.length == 0) revert PriceOracleInvalidFeed(address(feed));
        emit SequencerUptimeFeedSet(address(_sequencerFeed), address(feed));
        _sequencerFeed = feed;
    }

    function _decimalsOf(AggregatorV3Interface feed) internal view returns (uint8 d) {
        if (address(feed).code.length == 0) revert PriceOracleInvalidFeed(address(feed));
        d = feed.decimals();
        if (d > _MAX_DECIMALS) revert PriceOracleUnsupportedDecimals(address(feed), d);
    }

    function _requireRegistered(bytes32 key) internal view {
        if (!parameters.isRegistered(key)) revert PriceOracleUnregisteredParameter(key);
    }

    function _tagLengthOrZero(bytes8 tag) internal pure returns (uint256) {
        return tag == bytes8(0) ? 0 : _tagLength(tag);
    }

    /// @dev Length of a left-aligned, contiguous, non-empty ASCII tag of at most 8 bytes.
    function _tagLength(bytes8 tag) internal pure returns (uint256 n) {
        while (n < 8 && tag[n] != 0) ++n;
        if (n == 0) revert PriceOracleInvalidTag(tag);
        for (uint256 i = n; i < 8; ++i) if (tag[i] != 0) revert PriceOracleInvalidTag(tag);
    }

    function _revertWith(bytes memory err) private pure {
        // Re-throw an error encoded by _read, unchanged, so consumers see the named error itself.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            revert(add(err, 32), mload(err))
        }
    }
}
