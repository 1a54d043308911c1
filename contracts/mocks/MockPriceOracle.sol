// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPriceOracle} from "../oracles/IPriceOracle.sol";

/// @title MockPriceOracle
/// @notice Test double of IPriceOracle with settable prices and failure modes. Deployed only on local chains when
/// no PriceOracle (issue 3) is part of the deployment; its setters are deliberately open to anyone.
contract MockPriceOracle is IPriceOracle {
    /// @notice How `price` fails for an asset.
    enum Failure {
        None,
        Stale, // reverts MockOracleStalePrice
        Down // reverts MockOracleDown
    }

    struct Answer {
        uint256 priceWad;
        uint256 updatedAt;
        Failure failure;
    }

    /// @notice A price was set.
    event MockPriceSet(bytes32 indexed asset, uint256 priceWad, uint256 updatedAt);
    /// @notice A failure mode was set.
    event MockFailureSet(bytes32 indexed asset, Failure failure);

    /// @notice No price was ever set for `asset`.
    error MockOracleNoPrice(bytes32 asset);
    /// @notice The answer for `asset` (from `updatedAt`) is treated as stale.
    error MockOracleStalePrice(bytes32 asset, uint256 updatedAt);
    /// @notice The feed for `asset` is down.
    error MockOracleDown(bytes32 asset);

    mapping(bytes32 asset => Answer) private _answers;

    /// @notice Set `asset`'s price (USD wad), answered now. Anyone (test double).
    function setPrice(bytes32 asset, uint256 priceWad) external {
        setPriceAt(asset, priceWad, block.timestamp);
    }

    /// @notice Set `asset`'s price with an explicit answer time. Anyone (test double).
    function setPriceAt(bytes32 asset, uint256 priceWad, uint256 updatedAt) public {
        Answer storage a = _answers[asset];
        a.priceWad = priceWad;
        a.updatedAt = updatedAt;
        emit MockPriceSet(asset, priceWad, updatedAt);
    }

    /// @notice Make `asset` fail (or recover with Failure.None). Anyone (test double).
    function setFailure(bytes32 asset, Failure failure) external {
        _answers[asset].failure = failure;
        emit MockFailureSet(asset, failure);
    }

    /// @inheritdoc IPriceOracle
    function price(bytes32 asset) external view returns (uint256 usdWad) {
        (usdWad, ) = priceWithTime(asset);
    }

    /// @inheritdoc IPriceOracle
    function priceWithTime(bytes32 asset) public view returns (uint256 usdWad, uint256 updatedAt) {
        Answer memory a = _answers[asset];
        if (a.failure == Failure.Down) revert MockOracleDown(asset);
        if (a.failure == Failure.Stale) revert MockOracleStalePrice(asset, a.updatedAt);
        if (a.priceWad == 0) revert MockOracleNoPrice(asset);
        return (a.priceWad, a.updatedAt);
    }
}
