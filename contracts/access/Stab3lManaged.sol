// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {AuthorityUtils} from "@openzeppelin/contracts/access/manager/AuthorityUtils.sol";
import {IStab3lAuthority} from "./IStab3lAuthority.sol";

/// @title Stab3lManaged
/// @notice Base of every protocol contract governed by the STAB3L authority. Access goes through OpenZeppelin's
/// `restricted` hook only; this base adds a precise error when a call fails because of a pause.
/// @dev On the success path this costs exactly what AccessManaged costs (one `canCall`); only a rejected call
/// pays for the second look-up that tells a pause from a missing role.
abstract contract Stab3lManaged is AccessManaged {
    /// @notice `selector` on `target` is paused until `pausedUntil` (type(uint64).max: until governance unpauses).
    error Stab3lPaused(address target, bytes4 selector, uint64 pausedUntil);

    constructor(address initialAuthority) AccessManaged(initialAuthority) {}

    /// @dev `restricted`, except for `wired`: the one protocol contract this contract was built to be called by
    /// (an immutable set at construction). The wired peer passes with one comparison; every other caller, and
    /// a wired address of zero, goes through the authority exactly as `restricted` (roles, pauses, delays).
    /// Only internal hops of a flow use it: their user entry point (e.g. `MintingAgent.mint`) stays `restricted`,
    /// so guardians pause the flow there. This is the only place a caller is compared with an address.
    modifier restrictedOrWired(address wired) {
        _checkWiredCaller(wired);
        _;
    }

    /// @dev The check behind `restrictedOrWired`.
    function _checkWiredCaller(address wired) internal virtual {
        if (msg.sender != wired || wired == address(0)) _checkCanCall(_msgSender(), _msgData());
    }

    /// @dev Same semantics as AccessManaged._checkCanCall, with the pause reported by name.
    function _checkCanCall(address caller, bytes calldata data) internal virtual override {
        bytes4 selector = bytes4(data[0:4]);
        (bool immediate, uint32 delay) = AuthorityUtils.canCallWithDelay(authority(), caller, address(this), selector);
        if (immediate) return;
        if (delay == 0) {
            (bool paused, uint64 until) = _pauseOf(selector);
            if (paused) revert Stab3lPaused(address(this), selector, until);
        }
        // Not a pause: a missing role or a delayed role; AccessManaged reverts or consumes the schedule.
        super._checkCanCall(caller, data);
    }

    /// @dev Whether `selector` of this contract is paused (itself or the whole contract), and until when.
    function _pauseOf(bytes4 selector) internal view returns (bool paused, uint64 until) {
        until = _pauseEndOf(selector);
        paused = until > block.timestamp;
    }

    /// @dev The end of the latest pause covering `selector` of this contract (see IStab3lAuthority.pauseEnd): in
    /// the future while paused, in the past once ended, 0 if never paused.
    function _pauseEndOf(bytes4 selector) internal view returns (uint64) {
        return IStab3lAuthority(authority()).pauseEnd(address(this), selector);
    }
}
