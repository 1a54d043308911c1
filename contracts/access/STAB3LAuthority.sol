// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {IStab3lAuthority} from "./IStab3lAuthority.sol";
import {Roles} from "./Roles.sol";
import {IParameterStore} from "../params/IParameterStore.sol";
import {ParameterKeys} from "../params/ParameterKeys.sol";

/// @title STAB3LAuthority
/// @notice The protocol's one authority: OpenZeppelin AccessManager, administered by the Timelock, plus
/// guardian pauses that expire by themselves.
/// @dev Why pauses are not AccessManager's `setTargetClosed`: that switch is ADMIN-only and has no expiry, and
/// giving guardians access to it would let them unpause too. Here guardians can only add a bounded pause;
/// only the ADMIN role (the Timelock) confirms or lifts one. A pause blocks every caller except ADMIN
/// holders, so governance can still repair a paused contract. The guardian functions are hard-wired to
/// their roles (not remappable with setTargetFunctionRole) so the "pause, never unpause" rule cannot be
/// configured away by accident.
contract STAB3LAuthority is IStab3lAuthority, AccessManager {
    /// @inheritdoc IStab3lAuthority
    bytes4 public constant WHOLE_TARGET = bytes4(0);
    /// @dev pausedUntil value of a pause confirmed by governance.
    uint64 private constant _CONFIRMED = type(uint64).max;

    /// @dev What every restricted call asks about its target, in one slot: `latestPauseEnd` is the upper bound of
    /// every pause ever set on the target (never lowered), so one read answers "not paused" and only a bound in
    /// the future makes the exact keys be read; `closed` mirrors AccessManager's flag, which sits in a slot of
    /// its own there. The hot path reads one cold slot here instead of two.
    struct TargetState {
        uint64 latestPauseEnd;
        bool closed;
    }

    /// @dev A target's current or last guardian window (see `_guardianWindow`), in one slot. `live` counts the
    /// guardian pauses of the window that governance has neither confirmed nor lifted: every one of them ends at
    /// `end`. `closed`: governance lifted a pause while others of the window still run, so no pause may join the
    /// window any more, and the re-pause cooldown runs from `end`, when the last of them ends.
    struct GuardianWindow {
        uint64 end;
        uint32 live;
        bool closed;
    }

    /// @dev A key's pause in one slot: `until` as `pausedUntil` reports it (0 once lifted), and when governance last
    /// lifted one, so `pauseEnd` can tell how long a lifted pause lasted.
    struct Pause {
        uint64 until;
        uint64 liftedAt;
    }

    mapping(address target => mapping(bytes4 selector => Pause)) private _pauses;
    mapping(address target => TargetState) private _targetState;
    mapping(address target => GuardianWindow) private _guardianWindows;
    IParameterStore private _parameterStore;

    /// @param initialAdmin Holds ADMIN_ROLE during deployment; the deployment hands it to the Timelock and
    /// renounces (checked by the deployment tests).
    constructor(address initialAdmin) AccessManager(initialAdmin) {}

    modifier onlyRoleNow(uint64 roleId) {
        (bool member, uint32 executionDelay) = hasRole(roleId, _msgSender());
        if (!member || executionDelay != 0) revert AuthorityUnauthorized(_msgSender(), roleId);
        _;
    }

    // ---------------------------------------------------------------- guardian

    /// @inheritdoc IStab3lAuthority
    function guardianPause(
        address target,
        bytes4[] calldata selectors,
        string calldata reason
    ) external onlyRoleNow(Roles.GUARDIAN) {
        if (target == address(this)) revert AuthorityCannotPauseSelf();
        _checkManaged(target);
        GuardianWindow storage window = _guardianWindows[target];
        uint64 until = _guardianWindow(window, target, selectors.length == 0 ? WHOLE_TARGET : selectors[0]);
        if (selectors.length == 0) {
            _guardianPauseOne(target, WHOLE_TARGET, until, reason);
        } else {
            for (uint256 i = 0; i < selectors.length; ++i) {
                bytes4 selector = selectors[i];
                if (selector == WHOLE_TARGET) revert AuthorityInvalidSelector(target, selector);
                // A selector the target does not map to a role answers only to ADMIN, whom no pause stops (and
                // so does one mapped to ADMIN): pausing it would change nothing but the guardian window.
                if (getTargetFunctionRole(target, selector) == ADMIN_ROLE) {
                    revert AuthoritySelectorNotPausable(target, selector);
                }
                _guardianPauseOne(target, selector, until, reason);
            }
        }
        window.live += uint32(selectors.length == 0 ? 1 : selectors.length);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IStab3lAuthority
    function confirmPause(address target, bytes4[] calldata selectors) external onlyRoleNow(Roles.ADMIN) {
        if (target == address(this)) revert AuthorityCannotPauseSelf();
        if (selectors.length == 0) {
            _confirmOne(target, WHOLE_TARGET);
        } else {
            for (uint256 i = 0; i < selectors.length; ++i) {
                if (selectors[i] == WHOLE_TARGET) revert AuthorityInvalidSelector(target, selectors[i]);
                _confirmOne(target, selectors[i]);
            }
        }
    }

    /// @inheritdoc IStab3lAuthority
    function unpause(address target, bytes4[] calldata selectors) external onlyRoleNow(Roles.ADMIN) {
        if (selectors.length == 0) {
            _unpauseOne(target, WHOLE_TARGET);
        } else {
            for (uint256 i = 0; i < selectors.length; ++i) {
                if (selectors[i] == WHOLE_TARGET) revert AuthorityInvalidSelector(target, selectors[i]);
                _unpauseOne(target, selectors[i]);
            }
        }
    }

    /// @inheritdoc IStab3lAuthority
    function setParameterStore(IParameterStore store) external onlyRoleNow(Roles.ADMIN) {
        if (address(store).code.length == 0) revert AuthorityInvalidParameterStore(address(store));
        emit ParameterStoreSet(address(_parameterStore), address(store));
        _parameterStore = store;
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IStab3lAuthority
    function parameterStore() external view returns (IParameterStore) {
        return _parameterStore;
    }

    /// @inheritdoc IStab3lAuthority
    function pausedUntil(address target, bytes4 selector) external view returns (uint64) {
        return _pauses[target][selector].until;
    }

    /// @inheritdoc IStab3lAuthority
    function guardianWindowEnd(address target) external view returns (uint64) {
        return _guardianWindows[target].end;
    }

    /// @inheritdoc IStab3lAuthority
    function pauseEnd(address target, bytes4 selector) external view returns (uint64) {
        if (_targetState[target].latestPauseEnd == 0) return 0; // never paused: one slot answers
        uint64 whole = _endOf(_pauses[target][WHOLE_TARGET]);
        uint64 own = _endOf(_pauses[target][selector]);
        return whole > own ? whole : own;
    }

    /// @inheritdoc IStab3lAuthority
    function isPaused(address target, bytes4 selector) public view returns (bool) {
        if (!_active(_targetState[target].latestPauseEnd)) return false;
        return _active(_pauses[target][WHOLE_TARGET].until) || _active(_pauses[target][selector].until);
    }

    /// @notice AccessManager's answer, except that an active pause blocks every caller without ADMIN_ROLE.
    /// @dev Calls relayed by this manager (`execute`) were already checked with the real caller.
    function canCall(
        address caller,
        address target,
        bytes4 selector
    ) public view virtual override(AccessManager, IAccessManager) returns (bool immediate, uint32 delay) {
        if (caller != address(this) && isPaused(target, selector)) {
            (bool isAdmin, ) = hasRole(ADMIN_ROLE, caller);
            if (!isAdmin) return (false, 0);
        }
        return super.canCall(caller, target, selector);
    }

    /// @notice Whether `target` is closed (AccessManager's `setTargetClosed`), read from this contract's mirror.
    function isTargetClosed(address target) public view virtual override(AccessManager, IAccessManager) returns (bool) {
        return _targetState[target].closed;
    }

    // ---------------------------------------------------------------- internals

    /// @dev AccessManager's setter, mirrored into `_targetState` so `canCall` finds pause and closed in one slot.
    function _setTargetClosed(address target, bool closed) internal virtual override {
        super._setTargetClosed(target, closed);
        _targetState[target].closed = closed;
    }

    /// @dev The end of the guardian window a new guardian pause of `target` joins. A window lasts
    /// `guardian.maxPauseDuration`; pauses added while it is open end with it, never later. Once it has closed
    /// (expired, or governance lifted a pause of the target) guardians wait `guardian.repauseCooldown` before
    /// the next one. Kept per target, not per function: otherwise alternating between the whole contract and
    /// its functions would chain pauses into a freeze that never ends.
    function _guardianWindow(GuardianWindow storage window, address target, bytes4 firstKey) private returns (uint64) {
        uint64 end = window.end;
        if (_active(end) && !window.closed) return end;
        if (end != 0) {
            uint256 availableAt = uint256(end) + _parameterStore.get(ParameterKeys.GUARDIAN_REPAUSE_COOLDOWN);
            if (block.timestamp < availableAt) revert AuthorityRepauseTooSoon(target, firstKey, uint64(availableAt));
        }
        end = uint64(block.timestamp + _parameterStore.get(ParameterKeys.GUARDIAN_MAX_PAUSE_DURATION));
        window.end = end;
        window.live = 0; // the last window's pauses have all ended, been confirmed or lifted
        window.closed = false;
        return end;
    }

    function _guardianPauseOne(address target, bytes4 selector, uint64 until, string calldata reason) internal {
        Pause storage pause = _pauses[target][selector];
        uint64 current = pause.until;
        if (_active(current)) revert AuthorityPauseAlreadyActive(target, selector, current);
        pause.until = until;
        _raiseLatestPauseEnd(target, until);
        emit GuardianPaused(_msgSender(), target, selector, until, reason);
    }

    function _confirmOne(address target, bytes4 selector) internal {
        Pause storage pause = _pauses[target][selector];
        uint64 previous = pause.until;
        // A running guardian pause becomes governance's: it no longer counts among the window's.
        if (_active(previous) && previous != _CONFIRMED) _guardianWindows[target].live -= 1;
        pause.until = _CONFIRMED;
        _raiseLatestPauseEnd(target, _CONFIRMED);
        emit PauseConfirmed(target, selector, previous);
    }

    function _unpauseOne(address target, bytes4 selector) internal {
        Pause storage pause = _pauses[target][selector];
        uint64 previous = pause.until;
        if (!_active(previous)) revert AuthorityNotPaused(target, selector);
        // The pause ends now; the time stays readable (`pauseEnd`), so consumers can tell it lasted until now.
        pause.until = 0;
        pause.liftedAt = uint64(block.timestamp);
        // Governance decided on this target: guardians cannot overrule it by pausing again at once. The window
        // closes now and the re-pause cooldown runs from here, unless other guardian pauses of the window still
        // run: then the window takes no new pause and the cooldown runs from its end, when the last one ends (a
        // window end moved to now would let the next window open while they still run, and chain them).
        GuardianWindow storage window = _guardianWindows[target];
        uint32 live = window.live;
        if (previous != _CONFIRMED) live -= 1; // an active guardian pause is one of the open window's
        if (live != 0 && _active(window.end)) {
            window.live = live;
            window.closed = true;
        } else {
            window.end = uint64(block.timestamp);
            window.live = 0;
            window.closed = false;
        }
        emit Unpaused(target, selector, previous);
    }

    function _raiseLatestPauseEnd(address target, uint64 until) private {
        TargetState storage state = _targetState[target];
        if (until > state.latestPauseEnd) state.latestPauseEnd = until;
    }

    function _checkManaged(address target) internal view {
        if (target.code.length == 0) revert AuthorityTargetNotManaged(target);
        try IAccessManaged(target).authority() returns (address a) {
            if (a != address(this)) revert AuthorityTargetNotManaged(target);
        } catch {
            revert AuthorityTargetNotManaged(target);
        }
    }

    /// @dev When a key's latest pause ends or ended: a later pause always ends after an earlier lift.
    function _endOf(Pause storage pause) private view returns (uint64) {
        uint64 until = pause.until;
        uint64 liftedAt = pause.liftedAt;
        return until > liftedAt ? until : liftedAt;
    }

    function _active(uint64 until) private view returns (bool) {
        return until > block.timestamp;
    }
}
