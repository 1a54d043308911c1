// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IParameterStore} from "./IParameterStore.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";

/// @title ParameterStore
/// @notice The one place where every governed number of STAB3L lives, with its rules and its history.
/// @dev History per key is an append-only list of (effectiveAt, value) with non-decreasing effectiveAt; its
/// last entry may lie in the future (the one pending scheduled change). Reading the current value is O(1):
/// the last entry, or the one before it while a change is pending. Every mutating function is `restricted`;
/// after deployment only the Timelock (ADMIN role) may call them.
contract ParameterStore is IParameterStore, Stab3lManaged {
    /// @notice How far ahead a change may be scheduled (seconds). Keeps schedules reviewable.
    uint256 public constant MAX_SCHEDULE_HORIZON = 400 days;
    /// @notice Denominator of RelativeBps step limits.
    uint256 private constant _BPS = 10_000;

    struct Checkpoint {
        uint48 effectiveAt;
        uint208 value;
    }

    struct Parameter {
        bool registered;
        Unit unit;
        StepKind stepKind;
        uint32 cooldown;
        uint256 min;
        uint256 max;
        uint256 maxStep;
        Checkpoint[] history; // history[0] is the registration
    }

    mapping(bytes32 key => Parameter) private _parameters;
    bytes32[] private _keys;
    // Read path, one slot per key: the last history entry, and the value in force before it. Every consumer
    // calls `get` on its hot path; these spare it the struct and array reads (history stays the record).
    mapping(bytes32 key => Checkpoint) private _latest;
    mapping(bytes32 key => uint256) private _beforeLatest;

    /// @param initialAuthority The STAB3L authority (AccessManager).
    constructor(address initialAuthority) Stab3lManaged(initialAuthority) {}

    // ---------------------------------------------------------------- governed writes

    /// @inheritdoc IParameterStore
    function registerParameters(Registration[] calldata registrations) external restricted {
        for (uint256 i = 0; i < registrations.length; ++i) {
            _register(registrations[i]);
        }
    }

    /// @inheritdoc IParameterStore
    function setParameter(bytes32 key, uint256 newValue) external restricted {
        _setValue(key, newValue, uint48(block.timestamp));
    }

    /// @inheritdoc IParameterStore
    function scheduleParameter(bytes32 key, uint256 newValue, uint48 effectiveAt) external restricted {
        uint256 earliest = block.timestamp + 1;
        uint256 latest = block.timestamp + MAX_SCHEDULE_HORIZON;
        if (effectiveAt < earliest || effectiveAt > latest) {
            revert ParameterInvalidEffectiveTime(key, effectiveAt, earliest, latest);
        }
        _setValue(key, newValue, effectiveAt);
    }

    /// @inheritdoc IParameterStore
    function cancelScheduledParameter(bytes32 key) external restricted {
        Parameter storage p = _existing(key);
        Checkpoint memory last = p.history[p.history.length - 1];
        if (last.effectiveAt <= block.timestamp) revert ParameterNoPendingChange(key);
        p.history.pop();
        uint256 n = p.history.length;
        _latest[key] = p.history[n - 1];
        _beforeLatest[key] = n > 1 ? p.history[n - 2].value : 0;
        emit ParameterScheduleCancelled(key, last.value, last.effectiveAt);
    }

    /// @inheritdoc IParameterStore
    function setParameterBounds(bytes32 key, uint256 newMin, uint256 newMax) external restricted {
        Parameter storage p = _existing(key);
        _checkBounds(key, newMin, newMax);
        // The value in force and a pending value must both satisfy the new bounds.
        uint256 current = get(key);
        if (current < newMin || current > newMax) revert ParameterOutOfBounds(key, current, newMin, newMax);
        Checkpoint memory last = p.history[p.history.length - 1];
        if (last.effectiveAt > block.timestamp && (last.value < newMin || last.value > newMax)) {
            revert ParameterOutOfBounds(key, last.value, newMin, newMax);
        }
        emit ParameterBoundsSet(key, p.min, p.max, newMin, newMax);
        p.min = newMin;
        p.max = newMax;
    }

    /// @inheritdoc IParameterStore
    function setParameterChangeRules(
        bytes32 key,
        StepKind stepKind,
        uint256 maxStep,
        uint32 cooldown
    ) external restricted {
        Parameter storage p = _existing(key);
        _checkStepRule(key, stepKind, maxStep);
        emit ParameterChangeRulesSet(key, p.stepKind, p.maxStep, p.cooldown, stepKind, maxStep, cooldown);
        p.stepKind = stepKind;
        p.maxStep = maxStep;
        p.cooldown = cooldown;
    }

    // ---------------------------------------------------------------- reads

    /// @inheritdoc IParameterStore
    function get(bytes32 key) public view returns (uint256) {
        Checkpoint memory last = _latest[key];
        // Registration happens at a non-zero timestamp, so a zero effectiveAt means an unknown key.
        if (last.effectiveAt == 0) revert ParameterUnknown(key);
        if (last.effectiveAt <= block.timestamp) return last.value;
        // At most one entry is in the future, and the registration never is.
        return _beforeLatest[key];
    }

    /// @inheritdoc IParameterStore
    function getAt(bytes32 key, uint48 timepoint) external view returns (uint256) {
        Parameter storage p = _existing(key);
        Checkpoint[] storage h = p.history;
        if (timepoint < h[0].effectiveAt) revert ParameterNotYetRegistered(key, timepoint, h[0].effectiveAt);
        // Upper bound search: the last entry with effectiveAt <= timepoint.
        uint256 low = 0;
        uint256 high = h.length;
        while (low < high) {
            uint256 mid = (low + high) / 2;
            if (h[mid].effectiveAt > timepoint) high = mid;
            else low = mid + 1;
        }
        return h[low - 1].value;
    }

    /// @inheritdoc IParameterStore
    function parameterInfo(bytes32 key) external view returns (Info memory info) {
        Parameter storage p = _existing(key);
        uint256 n = p.history.length;
        Checkpoint memory last = p.history[n - 1];
        info.key = key;
        info.unit = p.unit;
        info.rules = Rules(p.min, p.max, p.stepKind, p.maxStep, p.cooldown);
        info.value = get(key);
        info.lastUpdateAt = n > 1 ? last.effectiveAt : 0;
        info.historyLength = n;
        if (last.effectiveAt > block.timestamp) {
            info.hasPending = true;
            info.pendingValue = last.value;
            info.pendingEffectiveAt = last.effectiveAt;
            info.lastUpdateAt = n > 2 ? p.history[n - 2].effectiveAt : 0;
        }
    }

    /// @inheritdoc IParameterStore
    function historyAt(bytes32 key, uint256 index) external view returns (uint48 effectiveAt, uint256 value) {
        Checkpoint memory c = _existing(key).history[index];
        return (c.effectiveAt, c.value);
    }

    /// @inheritdoc IParameterStore
    function parameterKeys() external view returns (bytes32[] memory) {
        return _keys;
    }

    /// @inheritdoc IParameterStore
    function isRegistered(bytes32 key) external view returns (bool) {
        return _parameters[key].registered;
    }

    // ---------------------------------------------------------------- internals

    function _register(Registration calldata r) internal {
        if (r.key == bytes32(0)) revert ParameterInvalidKey(r.key);
        Parameter storage p = _parameters[r.key];
        if (p.registered) revert ParameterAlreadyRegistered(r.key);
        _checkBounds(r.key, r.rules.min, r.rules.max);
        _checkStepRule(r.key, r.rules.stepKind, r.rules.maxStep);
        if (r.initialValue < r.rules.min || r.initialValue > r.rules.max) {
            revert ParameterOutOfBounds(r.key, r.initialValue, r.rules.min, r.rules.max);
        }
        p.registered = true;
        p.unit = r.unit;
        p.stepKind = r.rules.stepKind;
        p.cooldown = r.rules.cooldown;
        p.min = r.rules.min;
        p.max = r.rules.max;
        p.maxStep = r.rules.maxStep;
        p.history.push(Checkpoint(uint48(block.timestamp), uint208(r.initialValue)));
        _latest[r.key] = Checkpoint(uint48(block.timestamp), uint208(r.initialValue));
        _keys.push(r.key);
        emit ParameterRegistered(r.key, r.unit, r.rules);
        emit ParameterSet(r.key, 0, r.initialValue, uint48(block.timestamp));
    }

    /// @dev Validates and appends one update taking effect at `effectiveAt` (now or future).
    function _setValue(bytes32 key, uint256 newValue, uint48 effectiveAt) internal {
        Parameter storage p = _existing(key);
        uint256 n = p.history.length;
        Checkpoint memory last = p.history[n - 1];
        if (last.effectiveAt > block.timestamp) revert ParameterChangePending(key, last.value, last.effectiveAt);
        if (newValue < p.min || newValue > p.max) revert ParameterOutOfBounds(key, newValue, p.min, p.max);

        uint256 oldValue = last.value;
        uint256 maxDelta = _maxDelta(p, oldValue);
        uint256 delta = newValue > oldValue ? newValue - oldValue : oldValue - newValue;
        if (delta > maxDelta) revert ParameterStepTooLarge(key, oldValue, newValue, maxDelta);

        // The registration is not an update: the first update is never held back by the cooldown.
        if (n > 1) {
            uint256 earliest = uint256(last.effectiveAt) + p.cooldown;
            if (effectiveAt < earliest) revert ParameterCooldownActive(key, effectiveAt, earliest);
        }

        p.history.push(Checkpoint(effectiveAt, uint208(newValue)));
        _beforeLatest[key] = oldValue;
        _latest[key] = Checkpoint(effectiveAt, uint208(newValue));
        emit ParameterSet(key, oldValue, newValue, effectiveAt);
    }

    function _maxDelta(Parameter storage p, uint256 oldValue) internal view returns (uint256) {
        if (p.stepKind == StepKind.Absolute) return p.maxStep;
        if (p.stepKind == StepKind.RelativeBps) return (oldValue * p.maxStep) / _BPS;
        return type(uint256).max;
    }

    function _existing(bytes32 key) internal view returns (Parameter storage p) {
        p = _parameters[key];
        if (!p.registered) revert ParameterUnknown(key);
    }

    function _checkBounds(bytes32 key, uint256 min, uint256 max) internal pure {
        if (min > max || max > type(uint208).max) revert ParameterInvalidBounds(key, min, max);
    }

    function _checkStepRule(bytes32 key, StepKind stepKind, uint256 maxStep) internal pure {
        if (stepKind != StepKind.None && maxStep == 0) revert ParameterInvalidStepRule(key, stepKind, maxStep);
    }
}
