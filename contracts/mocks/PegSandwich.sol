// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IPegController} from "../market/IPegController.sol";
import {ISpotMarket} from "../market/ISpotMarket.sol";

/// @title PegSandwich
/// @notice Test-only attacker: moves the spot pool, pokes the peg controller and (optionally) trades back, all in
/// one transaction, to show that a poke cannot be steered by the price of its own block.
contract PegSandwich {
    ISpotMarket private immutable _spot;
    IPegController private immutable _peg;

    /// @param spot The spot market. @param peg The peg controller.
    constructor(ISpotMarket spot, IPegController peg) {
        _spot = spot;
        _peg = peg;
        spot.sstb().approve(address(spot), type(uint256).max);
        spot.quoteToken().approve(address(spot), type(uint256).max);
    }

    /// @notice Swap `amountIn` (selling sSTB if `sellSstb`), poke, and if `swapBack` sell all the output back.
    /// Anyone may call (a test double). @return deviationBps What the poke returned.
    function sandwich(bool sellSstb, uint256 amountIn, bool swapBack) external returns (uint256 deviationBps) {
        uint256 out = _spot.swap(sellSstb, amountIn, 0);
        deviationBps = _peg.poke();
        if (swapBack) _spot.swap(!sellSstb, out, 0);
    }

    /// @notice Send this contract's balance of `token` to `to` (the attacker takes its proceeds). Anyone may call.
    function withdraw(IERC20 token, address to) external {
        token.transfer(to, token.balanceOf(address(this)));
    }
}
