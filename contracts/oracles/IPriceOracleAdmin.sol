// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {IPriceOracle} from "./IPriceOracle.sol";

/// @title IPriceOracleAdmin
/// @notice The governed side of STAB3L's price layer over Chainlink AggregatorV3Interface feeds: per-asset feeds,
/// the L2 sequencer uptime feed, the last good price, and every error a consumer can meet.
/// @dev Consumers only need `IPriceOracle`. The numbers of an asset live in the ParameterStore under keys derived
/// from the asset's short `tag`: `oracle.<tag>.heartbeat`, `oracle.<tag>.fbHeartbeat` (seconds), and
/// `oracle.<tag>.minPrice`, `oracle.<tag>.maxPrice` (USD wad); `oracle.sequencerGrace` (seconds) is global.
///
/// What a consumer gets, per asset, when the price cannot be trusted:
/// - sequencer down, or up for less than the grace period: `PriceOracleSequencerDown` /
///   `PriceOracleSequencerGracePeriod`, always (the fallback lives on the same L2); a reverting sequencer feed:
///   `PriceOracleSequencerFeedReverted`;
/// - primary feed stale, zero or negative, out of bounds, with a future timestamp, or reverting: the fallback
///   feed's price when a fallback is configured and passes the same checks (its own heartbeat, the same bounds);
///   otherwise the primary's named error; when both fail, `PriceOracleFeedsFailed` carrying both errors.
interface IPriceOracleAdmin is IPriceOracle {
    /// @notice Per-asset configuration (numbers are ParameterStore keys derived from `tag`).
    struct AssetConfig {
        AggregatorV3Interface feed; // primary feed; zero = asset not configured
        uint8 feedDecimals; // read from the feed when configured
        bytes8 tag; // short ASCII tag of the asset's parameter keys, e.g. "cu"
        AggregatorV3Interface fallbackFeed; // optional; zero = none
        uint8 fallbackDecimals;
    }

    /// @notice An asset was configured (or removed, with `feed` zero).
    event AssetConfigured(
        bytes32 indexed asset,
        address oldFeed,
        address newFeed,
        address oldFallbackFeed,
        address newFallbackFeed,
        bytes8 tag
    );
    /// @notice The L2 sequencer uptime feed changed (zero: no sequencer check, e.g. on L1 or locally).
    event SequencerUptimeFeedSet(address oldFeed, address newFeed);
    /// @notice A trusted price was recorded as the asset's last good price.
    event LastGoodPriceRecorded(bytes32 indexed asset, uint256 usdWad, uint256 updatedAt);

    /// @notice No feed is configured for `asset`.
    error PriceOracleUnknownAsset(bytes32 asset);
    /// @notice The answer of `feed` was updated at `updatedAt`, more than `maxAge` seconds before `nowTime`.
    error PriceOracleStalePrice(bytes32 asset, address feed, uint256 updatedAt, uint256 maxAge, uint256 nowTime);
    /// @notice The answer of `feed` claims a time after the current block.
    error PriceOracleFutureTimestamp(bytes32 asset, address feed, uint256 updatedAt, uint256 nowTime);
    /// @notice The answer of `feed` is zero or negative.
    error PriceOracleNonPositivePrice(bytes32 asset, address feed, int256 answer);
    /// @notice The normalised price (USD wad) lies outside the governed bounds [minPrice, maxPrice].
    error PriceOracleOutOfBounds(bytes32 asset, address feed, uint256 usdWad, uint256 minPrice, uint256 maxPrice);
    /// @notice Calling `feed` reverted (deprecated or broken feed).
    error PriceOracleFeedReverted(bytes32 asset, address feed);
    /// @notice Primary and fallback both failed; each carries its own encoded error.
    error PriceOracleFeedsFailed(bytes32 asset, bytes primaryError, bytes fallbackError);
    /// @notice The L2 sequencer is down (since `since`, unix seconds; 0 if the feed has no valid round).
    error PriceOracleSequencerDown(address sequencerFeed, uint256 since);
    /// @notice The sequencer uptime feed reverted: the sequencer's state is unknown, so no price is trusted.
    error PriceOracleSequencerFeedReverted(address sequencerFeed);
    /// @notice The sequencer is up again since `upSince`; prices are not trusted before `graceEndsAt`.
    error PriceOracleSequencerGracePeriod(address sequencerFeed, uint256 upSince, uint256 graceEndsAt);
    /// @notice Round `roundId` of the asset's primary feed does not exist (the feed reverted or has no answer).
    error PriceOracleRoundUnavailable(bytes32 asset, address feed, uint80 roundId);
    /// @notice Round `roundId` was published at `updatedAt`, before `timestamp`.
    error PriceOracleRoundBeforeTime(bytes32 asset, uint80 roundId, uint256 updatedAt, uint256 timestamp);
    /// @notice Round `roundId` is not the first at or after `timestamp`: the round before it, published at
    /// `previousUpdatedAt`, already was.
    error PriceOracleRoundNotFirst(bytes32 asset, uint80 roundId, uint256 previousUpdatedAt, uint256 timestamp);
    /// @notice Round `roundId` is the first of its Chainlink phase (or round 0), or has phase bits on a feed that has
    /// no phases (no `phaseId()`): nothing on chain shows it is the first of a phase that answered before the time
    /// asked, so it cannot settle anything.
    error PriceOracleRoundUnprovable(bytes32 asset, uint80 roundId);
    /// @notice Round `roundId` is not in the latest Chainlink phase that answered before `timestamp`: a later phase's
    /// first round `laterRoundId` answered at `laterUpdatedAt`, before it, so the settlement round is in that phase.
    error PriceOracleRoundNotLatestPhase(
        bytes32 asset,
        uint80 roundId,
        uint80 laterRoundId,
        uint256 laterUpdatedAt,
        uint256 timestamp
    );
    /// @notice A configured feed has no code.
    error PriceOracleInvalidFeed(address feed);
    /// @notice A feed reports more than 36 decimals, which normalisation does not support.
    error PriceOracleUnsupportedDecimals(address feed, uint8 decimals);
    /// @notice The tag is empty, longer than 8 bytes or not left-aligned.
    error PriceOracleInvalidTag(bytes8 tag);
    /// @notice A parameter the asset needs is not registered in the ParameterStore.
    error PriceOracleUnregisteredParameter(bytes32 key);

    /// @notice Configure `asset`: primary feed, optional fallback feed (zero for none) and the tag its parameter
    /// keys derive from. A zero `feed` removes the asset. Feed decimals are read now.
    /// @dev Restricted: ADMIN (the Timelock). Every derived parameter must already be registered.
    function setAsset(
        bytes32 asset,
        AggregatorV3Interface feed,
        AggregatorV3Interface fallbackFeed,
        bytes8 tag
    ) external;

    /// @notice Set the L2 sequencer uptime feed (answer 0 = up, 1 = down); zero disables the check.
    /// @dev Restricted: ADMIN (the Timelock).
    function setSequencerUptimeFeed(AggregatorV3Interface feed) external;

    /// @notice Record the current trusted price of `asset` as its last good price (for monitors and reviewers).
    /// @dev Restricted to PUBLIC_ROLE: anyone, pausable by the guardians. Reverts as `price` does.
    function recordLastGoodPrice(bytes32 asset) external returns (uint256 usdWad, uint256 updatedAt);

    /// @notice Prices of two assets (USD wad) under one sequencer check, e.g. CU/USD and COLLATERAL/USD for a
    /// collateral valuation. Each reverts or falls back exactly as `price` does.
    function prices(bytes32 assetA, bytes32 assetB) external view returns (uint256 usdWadA, uint256 usdWadB);

    /// @notice The configuration of `asset`.
    function assetConfig(bytes32 asset) external view returns (AssetConfig memory);

    /// @notice The sequencer uptime feed (zero: no check).
    function sequencerUptimeFeed() external view returns (AggregatorV3Interface);

    /// @notice The last good price recorded for `asset` (USD wad) and the feed time it carried (0, 0 if none).
    function lastGoodPrice(bytes32 asset) external view returns (uint256 usdWad, uint256 updatedAt);

    /// @notice The ParameterStore key `oracle.<tag><suffix>` (suffix such as ".heartbeat").
    function parameterKey(bytes8 tag, bytes16 suffix) external pure returns (bytes32);
}
