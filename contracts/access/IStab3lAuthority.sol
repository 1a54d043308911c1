// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title IStab3lAuthority
/// @notice The protocol's single authority: OpenZeppelin's AccessManager (function-level roles, admin = the
/// Timelock) plus guardian pauses that expire on their own unless governance confirms them.
/// @dev A pause is keyed by (target, selector). The selector `WHOLE_TARGET` (bytes4(0)) pauses every
/// restricted function of the target. While a pause is active, `canCall` answers false for every caller but
/// the ADMIN role, so governance can still repair a paused contract.
interface IStab3lAuthority is IAccessManager {
    /// @notice A guardian paused `selector` (or the whole target when selector is bytes4(0)) until `pausedUntil`.
    event GuardianPaused(
        address indexed guardian,
        address indexed target,
        bytes4 indexed selector,
        uint64 pausedUntil,
        string reason
    );
    /// @notice Governance confirmed a pause (or paused directly): it no longer expires.
    event PauseConfirmed(address indexed target, bytes4 indexed selector, uint64 previousPausedUntil);
    /// @notice Governance lifted a pause.
    event Unpaused(address indexed target, bytes4 indexed selector, uint64 previousPausedUntil);
    /// @notice The ParameterStore the authority reads its pause durations from changed.
    event ParameterStoreSet(address indexed oldStore, address indexed newStore);

    /// @notice The caller lacks `roleId` (without execution delay) for this authority function.
    error AuthorityUnauthorized(address caller, uint64 roleId);
    /// @notice The target is not governed by this authority, so pausing it would have no effect.
    error AuthorityTargetNotManaged(address target);
    /// @notice The authority cannot pause itself: that would lock governance out of its own controls.
    error AuthorityCannotPauseSelf();
    /// @notice bytes4(0) is reserved for "whole target" and cannot appear in a selector list.
    error AuthorityInvalidSelector(address target, bytes4 selector);
    /// @notice The pause is already active; guardians cannot extend a pause.
    error AuthorityPauseAlreadyActive(address target, bytes4 selector, uint64 pausedUntil);
    /// @notice A guardian pause on this key expired too recently to be re-applied by a guardian.
    error AuthorityRepauseTooSoon(address target, bytes4 selector, uint64 availableAt);
    /// @notice Nothing is paused at (target, selector).
    error AuthorityNotPaused(address target, bytes4 selector);
    /// @notice `selector` answers only to ADMIN on `target` (it is mapped to no other role, e.g. the target has no
    /// such function), and no pause stops ADMIN: pausing it would change nothing but the guardian window.
    error AuthoritySelectorNotPausable(address target, bytes4 selector);
    /// @notice The ParameterStore address has no code.
    error AuthorityInvalidParameterStore(address store);

    /// @notice Selector value standing for "every restricted function of the target".
    // solhint-disable-next-line func-name-mixedcase
    function WHOLE_TARGET() external view returns (bytes4);

    /// @notice Pause `selectors` of `target`, or the whole target when `selectors` is empty, for the governed
    /// maximum pause duration (parameter `guardian.maxPauseDuration`, seconds).
    /// @dev Only the GUARDIAN role. Pauses of one target share a guardian window: the first opens it for the
    /// maximum duration, later ones end with it (never extending it). After the window closes (it expired, or
    /// governance lifted a pause of the target) guardians cannot pause the target again for the governed
    /// cooldown (`guardian.repauseCooldown`, seconds): `AuthorityRepauseTooSoon(target, firstKey, availableAt)`.
    /// A selector must be mapped to a role other than ADMIN on the target (`AuthoritySelectorNotPausable`).
    /// Governance lifting one pause while others of the window still run closes the window to new pauses; the
    /// cooldown then runs from the window's end.
    /// @param target An AccessManaged contract whose authority is this contract.
    /// @param selectors Function selectors to pause; empty for the whole target.
    /// @param reason Free text recorded in the event for reviewers.
    function guardianPause(address target, bytes4[] calldata selectors, string calldata reason) external;

    /// @notice Make pauses permanent until governance unpauses; also pauses keys that were not paused.
    /// @dev Only the ADMIN role (the Timelock).
    function confirmPause(address target, bytes4[] calldata selectors) external;

    /// @notice Lift pauses; closes the target's guardian window, so the re-pause cooldown runs from now.
    /// @dev Only the ADMIN role (the Timelock); guardians can never unpause.
    function unpause(address target, bytes4[] calldata selectors) external;

    /// @notice Point the authority at the ParameterStore holding the guardian pause settings.
    /// @dev Only the ADMIN role (the Timelock).
    function setParameterStore(IParameterStore store) external;

    /// @notice The ParameterStore the authority reads from.
    function parameterStore() external view returns (IParameterStore);

    /// @notice Timestamp until which (target, selector) is paused: 0 if never/unpaused, type(uint64).max if
    /// confirmed by governance. A value in the past means an expired guardian pause.
    function pausedUntil(address target, bytes4 selector) external view returns (uint64);

    /// @notice The end of the latest pause that covers `selector` on `target`, itself or the whole target: in the
    /// future while a call is paused (type(uint64).max: until governance lifts it), in the past when the last such
    /// pause ended (expired or lifted), 0 if none ever did. Consumers use it to hold deadlines and liquidations
    /// that a pause may have made unfair (Redemption, CollateralManager, FuturesMarket).
    function pauseEnd(address target, bytes4 selector) external view returns (uint64);

    /// @notice End of `target`'s current or last guardian window (0 if guardians never paused it). While it is in
    /// the future, new guardian pauses of the target end with it; after it, guardians wait the re-pause cooldown.
    function guardianWindowEnd(address target) external view returns (uint64);

    /// @notice Whether a call to `selector` on `target` is blocked by a pause right now (for non-admin callers).
    function isPaused(address target, bytes4 selector) external view returns (bool);
}
