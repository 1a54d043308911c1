// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title MockCollateralToken
/// @notice Local and test only: a USDC-like collateral token (6 decimals) with an open faucet. On real networks
/// the collateral token is an existing ERC-20 named in the deployment config.
contract MockCollateralToken is ERC20, ERC20Permit {
    constructor() ERC20("Mock USD Coin", "mUSDC") ERC20Permit("Mock USD Coin") {}

    /// @notice 6 decimals, as USDC.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mint `amount` (6-decimal units) to `to`. Anyone: local faucet.
    function faucet(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
