// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ISSTBToken
/// @notice sSTB: 1 sSTB = 1 CU. Minted only by the MintingAgent (home chain) or the bridge (remote chains),
/// burned only by Redemption, the CollateralManager (liquidations) and the bridge on remote chains, as the
/// authority allows.
/// @dev Cumulative counters per minter and per burner make INV-BACKING checkable on chain: totalSupply equals the
/// sum of `mintedBy` over the minters less the sum of `burnedBy` over the burners (MintingAgent, Redemption,
/// CollateralManager, bridge). No global counters: they would cost every mint and burn a storage write and say
/// nothing the per-source counters do not.
interface ISSTBToken is IERC20 {
    /// @notice `minter` minted `amount` (wei) to `to`.
    event SSTBMinted(address indexed minter, address indexed to, uint256 amount);
    /// @notice `burner` burned `amount` (wei) of `from`'s balance.
    event SSTBBurned(address indexed burner, address indexed from, uint256 amount);

    /// @notice A mint or burn of zero tokens.
    error SSTBZeroAmount();

    /// @notice Mint `amount` (wei, 18 decimals) to `to`. Restricted to the SSTB_MINTER role.
    function mint(address to, uint256 amount) external;

    /// @notice Burn `amount` of `from`'s balance, spending `from`'s allowance to the caller unless `from` is the
    /// caller. Restricted to the SSTB_BURNER role (Redemption, CollateralManager, the bridge on remote chains):
    /// burning straight from the holder spares the round trip through the burner's own balance.
    function burnFrom(address from, uint256 amount) external;

    /// @notice sSTB ever minted by `minter` (wei).
    function mintedBy(address minter) external view returns (uint256);

    /// @notice sSTB ever burned by `burner` (wei).
    function burnedBy(address burner) external view returns (uint256);
}
