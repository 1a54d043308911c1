// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IReserveRatioSource} from "../market/IPegController.sol";

/// @title MockRatioSource
/// @notice Test double publishing a settable R_actual for the peg controller's governance term.
contract MockRatioSource is IReserveRatioSource {
    uint256 private _ratioWad;

    /// @notice Set R_actual (wad). Anyone (test double).
    function setRatio(uint256 ratioWad) external {
        _ratioWad = ratioWad;
    }

    /// @inheritdoc IReserveRatioSource
    function reserveRatioWad() external view returns (uint256) {
        return _ratioWad;
    }
}
