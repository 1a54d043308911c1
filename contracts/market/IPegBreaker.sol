// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPegBreaker
/// @notice What markets (and, later, minting) read from the peg controller's circuit breaker.
interface IPegBreaker {
    /// @notice Whether the breaker is tripped, and the peg price (USD wad) of the poke that last updated it.
    function breakerState() external view returns (bool tripped, uint256 pegPriceWad);
}

/// @title IPegConsumer
/// @notice A market that consults the peg breaker; governance points it at the peg controller.
interface IPegConsumer {
    /// @notice The peg controller consulted changed (governance only; zero disables the breaker check).
    event PegControllerSet(address indexed oldController, address indexed newController);

    /// @notice Point the market at the peg controller whose breaker it consults (zero: none).
    /// @dev Restricted: ADMIN (the Timelock).
    function setPegController(IPegBreaker controller) external;

    /// @notice The peg controller consulted (zero: none).
    function pegController() external view returns (IPegBreaker);
}
