// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ISSTBToken
/// @notice sSTB: 1 sSTB = 1 CU. Minted only by the MintingAgent (home chain) or the bridge (remote chains),
/// burned only by Redemption and the bridge, as the authority allows.
interface ISSTBToken is IERC20 {
    /// @notice Mint `amount` (wei, 18 decimals) to `to`. Restricted to the SSTB_MINTER role.
    function mint(address to, uint256 amount) external;

    /// @notice Burn `amount` of the caller's own balance. Restricted to the SSTB_BURNER role.
    function burn(uint256 amount) external;
}
