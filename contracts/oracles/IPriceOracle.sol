// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPriceOracle
/// @notice What every STAB3L consumer (collateral valuation, markets, peg controller) asks of the price layer:
/// a USD price with 18 decimals that passed every safety check, or a named revert.
/// @dev Implemented over Chainlink AggregatorV3Interface feeds in contracts/oracles (issue 3). Assets are
/// bytes32 ASCII ids, see `Assets`.
interface IPriceOracle {
    /// @notice Price of `asset` in USD with 18 decimals. Reverts with a named error when the price cannot be
    /// trusted (stale, non-positive, out of bounds, sequencer down or in grace period) and no fallback applies.
    function price(bytes32 asset) external view returns (uint256 usdWad);

    /// @notice As `price`, with the timestamp of the answer used.
    function priceWithTime(bytes32 asset) external view returns (uint256 usdWad, uint256 updatedAt);

    /// @notice The price `asset`'s primary feed published first at or after `timestamp`: round `roundId` must be
    /// at or after it, the round before it earlier, and its Chainlink phase the latest that had answered before
    /// `timestamp` (no later phase's first round is earlier than `timestamp`), so exactly one round qualifies even
    /// when phases overlap. Settlement at an expiry uses it, so the price is fixed by
    /// the feed's history, not by when somebody asks (find `roundId` off chain, e.g. oracles/rounds.ts).
    /// @dev The answer passes the positivity and bounds checks; age does not apply (it is the first answer,
    /// whenever it came). A round that is the first of its Chainlink phase (aggregator round 1) has no previous
    /// round to compare and is refused (PriceOracleRoundUnprovable); the markets then let governance set the price
    /// after a governed delay.
    function firstPriceAtOrAfter(
        bytes32 asset,
        uint256 timestamp,
        uint80 roundId
    ) external view returns (uint256 usdWad, uint256 updatedAt);
}

/// @title Assets
/// @notice Asset ids of the price layer.
library Assets {
    /// @notice USD price of one compute unit (1 CU = 10^15 FLOPs).
    bytes32 internal constant CU_USD = "CU/USD";
    /// @notice USD price of the collateral token providers post.
    bytes32 internal constant COLLATERAL_USD = "COLLATERAL/USD";
}
