// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IMarketBase} from "./IMarketBase.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";
import {IPriceOracle, Assets} from "../oracles/IPriceOracle.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title MarketBase
/// @notice Shared plumbing of the market domain: authority, ParameterStore reads and oracle reads that fail
/// with one named error.
abstract contract MarketBase is IMarketBase, Stab3lManaged {
    /// @dev 1.0 in 18-decimal fixed point.
    uint256 internal constant _WAD = 1e18;
    /// @dev Basis-point denominator.
    uint256 internal constant _BPS = 10_000;

    IParameterStore internal immutable _params;
    IPriceOracle internal _oracle;

    /// @param initialAuthority The STAB3L authority.
    /// @param params The ParameterStore with this contract's keys registered.
    /// @param oracle The price oracle (IPriceOracle).
    constructor(address initialAuthority, IParameterStore params, IPriceOracle oracle) Stab3lManaged(initialAuthority) {
        if (address(params).code.length == 0) revert MarketInvalidAddress(address(params));
        _params = params;
        _setPriceOracle(oracle);
    }

    /// @inheritdoc IMarketBase
    function setPriceOracle(IPriceOracle newOracle) external restricted {
        _setPriceOracle(newOracle);
    }

    /// @inheritdoc IMarketBase
    function priceOracle() external view returns (IPriceOracle) {
        return _oracle;
    }

    /// @inheritdoc IMarketBase
    function parameterStore() external view returns (IParameterStore) {
        return _params;
    }

    function _setPriceOracle(IPriceOracle newOracle) internal {
        if (address(newOracle).code.length == 0) revert MarketInvalidAddress(address(newOracle));
        emit PriceOracleSet(address(_oracle), address(newOracle));
        _oracle = newOracle;
    }

    /// @dev The CU price in USD (wad), or MarketOracleFailed with the oracle's reason.
    function _cuPrice() internal view returns (uint256 priceWad) {
        try _oracle.price(Assets.CU_USD) returns (uint256 p) {
            return p;
        } catch (bytes memory reason) {
            revert MarketOracleFailed(Assets.CU_USD, reason);
        }
    }

    /// @dev The CU/USD feed's first answer at or after `timestamp` (round `roundId`), or MarketOracleFailed.
    function _cuPriceAtOrAfter(
        uint256 timestamp,
        uint80 roundId
    ) internal view returns (uint256 priceWad, uint256 updatedAt) {
        try _oracle.firstPriceAtOrAfter(Assets.CU_USD, timestamp, roundId) returns (uint256 p, uint256 t) {
            return (p, t);
        } catch (bytes memory reason) {
            revert MarketOracleFailed(Assets.CU_USD, reason);
        }
    }

    /// @dev A governed number.
    function _param(bytes32 key) internal view returns (uint256) {
        return _params.get(key);
    }
}
