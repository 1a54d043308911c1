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
}

/// @title Assets
/// @notice Asset ids of the price layer.
library Assets {
    /// @notice USD price of one compute unit (1 CU = 10^15 FLOPs).
    bytes32 internal constant CU_USD = "CU/USD";
    /// @notice USD price of the collateral token providers post.
    bytes32 internal constant COLLATERAL_USD = "COLLATERAL/USD";
}
