// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ICUToken
/// @notice The compute unit as a token that lives for one transaction: the MintingAgent mints verified CU, then
/// burns it in exchange for sSTB 1:1, so the supply is zero between transactions (INV-CU). Not transferable:
/// there is no transfer or approval at all, only balances, supply and Transfer events for indexers.
interface ICUToken {
    /// @notice ERC-20 compatible event: mint (from zero) and burn (to zero) only.
    event Transfer(address indexed from, address indexed to, uint256 value);

    /// @notice A mint or burn of zero.
    error CUTokenZeroAmount();
    /// @notice Burning `amount` from `account`, which holds only `balance`.
    error CUTokenInsufficientBalance(address account, uint256 balance, uint256 amount);

    /// @notice Mint `amount` CU-wei (18 decimals) to `to`. @dev Wired: the MintingAgent; others need CU_MINTER.
    function mint(address to, uint256 amount) external;

    /// @notice Burn `amount` CU-wei from `from`. @dev Wired: the MintingAgent; others need CU_MINTER.
    function burn(address from, uint256 amount) external;

    /// @notice "STAB3L Compute Unit".
    function name() external view returns (string memory);

    /// @notice "CU".
    function symbol() external view returns (string memory);

    /// @notice 18.
    function decimals() external view returns (uint8);

    /// @notice CU-wei in existence (zero between transactions).
    function totalSupply() external view returns (uint256);

    /// @notice CU-wei held by `account`.
    function balanceOf(address account) external view returns (uint256);

    /// @notice The MintingAgent wired in at construction: it calls `mint` and `burn` with one address comparison instead of an
    /// authority look-up; any other caller needs the function's role through the authority.
    function mintingAgent() external view returns (address);
}
