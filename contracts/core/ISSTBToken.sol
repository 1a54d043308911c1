// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ISSTBToken
/// @notice sSTB: 1 sSTB = 1 CU. Minted only by the MintingAgent (home chain) or the bridge (remote chains),
/// burned only by Redemption and the bridge, as the authority allows.
/// @dev Cumulative counters per minter and per burner make INV-BACKING checkable on chain:
/// totalSupply = totalMinted - totalBurned, and per source (MintingAgent, Redemption, bridge, ...).
interface ISSTBToken is IERC20 {
    /// @notice `minter` minted `amount` (wei) to `to`.
    event SSTBMinted(address indexed minter, address indexed to, uint256 amount);
    /// @notice `burner` burned `amount` (wei) of its own balance.
    event SSTBBurned(address indexed burner, uint256 amount);

    /// @notice A mint or burn of zero tokens.
    error SSTBZeroAmount();

    /// @notice Mint `amount` (wei, 18 decimals) to `to`. Restricted to the SSTB_MINTER role.
    function mint(address to, uint256 amount) external;

    /// @notice Burn `amount` of the caller's own balance. Restricted to the SSTB_BURNER role.
    function burn(uint256 amount) external;

    /// @notice Every sSTB ever minted (wei).
    function totalMinted() external view returns (uint256);

    /// @notice Every sSTB ever burned (wei).
    function totalBurned() external view returns (uint256);

    /// @notice sSTB ever minted by `minter` (wei).
    function mintedBy(address minter) external view returns (uint256);

    /// @notice sSTB ever burned by `burner` (wei).
    function burnedBy(address burner) external view returns (uint256);
}
