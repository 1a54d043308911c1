// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPriceOracle} from "../oracles/IPriceOracle.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title IMarketBase
/// @notice What every market-domain contract (spot, futures, options, peg controller) shares: the governed
/// ParameterStore it reads its numbers from, and the price oracle it reads the CU price from.
interface IMarketBase {
    /// @notice The price oracle changed (governance only).
    event PriceOracleSet(address indexed oldOracle, address indexed newOracle);

    /// @notice The oracle could not give a trusted price for `asset`; `reason` is the oracle's own revert data
    /// (decode it with the oracle's ABI). Every market function that needs a price halts with this error.
    error MarketOracleFailed(bytes32 asset, bytes reason);
    /// @notice An address setting was given an address with no code (or zero where one is required).
    error MarketInvalidAddress(address value);

    /// @notice Replace the price oracle. @dev Restricted: ADMIN (the Timelock).
    function setPriceOracle(IPriceOracle newOracle) external;

    /// @notice The price oracle in use.
    function priceOracle() external view returns (IPriceOracle);

    /// @notice The ParameterStore this contract reads its governed numbers from (fixed at deployment).
    function parameterStore() external view returns (IParameterStore);
}
