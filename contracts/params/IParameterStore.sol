// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IParameterStore
/// @notice Every governed uint parameter of STAB3L, with its unit, hard bounds, step limit, cooldown,
/// at most one scheduled future change, and a readable history.
/// @dev Keys are short ASCII names packed into bytes32 (e.g. "staking.minPeriod"), readable in events with
/// ethers' decodeBytes32String. Values are stored as uint208, so bounds never exceed type(uint208).max.
interface IParameterStore {
    /// @notice How a value is to be read by people and tools.
    enum Unit {
        None, // plain number
        Bps, // basis points, 10_000 = 100%
        Seconds,
        Wad, // 18-decimal fixed point, 1e18 = 1.0
        Flops, // floating-point operations
        Usd8, // USD with 8 decimals (Chainlink convention)
        TokenWei, // an 18-decimal token amount in wei
        Count,
        Percent // whole percent, 100 = 100%
    }

    /// @notice How the size of a single change is limited.
    enum StepKind {
        None, // any change within bounds
        Absolute, // |new - old| <= maxStep
        RelativeBps // |new - old| <= old * maxStep / 10_000
    }

    /// @notice The rules of one parameter.
    struct Rules {
        uint256 min; // hard lower bound, inclusive
        uint256 max; // hard upper bound, inclusive
        StepKind stepKind;
        uint256 maxStep; // absolute amount or bps of the old value, per stepKind
        uint32 cooldown; // minimum seconds between the effective times of two updates
    }

    /// @notice A registration request (deployment and governance proposals that add parameters).
    struct Registration {
        bytes32 key;
        Unit unit;
        Rules rules;
        uint256 initialValue;
    }

    /// @notice Everything known about one parameter, for tools.
    struct Info {
        bytes32 key;
        Unit unit;
        Rules rules;
        uint256 value; // in force now
        uint48 lastUpdateAt; // effective time of the last update (0 = never updated since registration)
        bool hasPending;
        uint256 pendingValue;
        uint48 pendingEffectiveAt;
        uint256 historyLength;
    }

    /// @notice A parameter was created.
    event ParameterRegistered(bytes32 indexed key, Unit unit, Rules rules);
    /// @notice The value of `key` changes from `oldValue` to `newValue` at `effectiveAt` (now or future).
    event ParameterSet(bytes32 indexed key, uint256 oldValue, uint256 newValue, uint48 effectiveAt);
    /// @notice A scheduled change was withdrawn before it took effect.
    event ParameterScheduleCancelled(bytes32 indexed key, uint256 cancelledValue, uint48 effectiveAt);
    /// @notice The hard bounds of `key` changed.
    event ParameterBoundsSet(bytes32 indexed key, uint256 oldMin, uint256 oldMax, uint256 newMin, uint256 newMax);
    /// @notice The step limit or cooldown of `key` changed.
    event ParameterChangeRulesSet(
        bytes32 indexed key,
        StepKind oldStepKind,
        uint256 oldMaxStep,
        uint32 oldCooldown,
        StepKind newStepKind,
        uint256 newMaxStep,
        uint32 newCooldown
    );

    /// @notice No parameter is registered under `key`.
    error ParameterUnknown(bytes32 key);
    /// @notice `key` is already registered.
    error ParameterAlreadyRegistered(bytes32 key);
    /// @notice The key is empty.
    error ParameterInvalidKey(bytes32 key);
    /// @notice `value` lies outside the hard bounds [min, max] of `key`.
    error ParameterOutOfBounds(bytes32 key, uint256 value, uint256 min, uint256 max);
    /// @notice Bounds are inverted or exceed what the store can hold (type(uint208).max).
    error ParameterInvalidBounds(bytes32 key, uint256 min, uint256 max);
    /// @notice A step rule that would forbid every change (a limit of 0).
    error ParameterInvalidStepRule(bytes32 key, StepKind stepKind, uint256 maxStep);
    /// @notice Moving from `oldValue` to `newValue` exceeds the allowed change `maxDelta`.
    error ParameterStepTooLarge(bytes32 key, uint256 oldValue, uint256 newValue, uint256 maxDelta);
    /// @notice The change would take effect at `effectiveAt`, before `earliestAt` (last update + cooldown).
    error ParameterCooldownActive(bytes32 key, uint256 effectiveAt, uint256 earliestAt);
    /// @notice A scheduled change is pending; cancel it or wait until it takes effect.
    error ParameterChangePending(bytes32 key, uint256 pendingValue, uint48 effectiveAt);
    /// @notice A schedule must lie strictly in the future and no further than the store's horizon.
    error ParameterInvalidEffectiveTime(bytes32 key, uint256 effectiveAt, uint256 earliest, uint256 latest);
    /// @notice There is no scheduled change to cancel.
    error ParameterNoPendingChange(bytes32 key);
    /// @notice The parameter did not exist yet at `timepoint`.
    error ParameterNotYetRegistered(bytes32 key, uint256 timepoint, uint256 registeredAt);

    /// @notice Create parameters with their rules and initial values (emitted as ParameterSet from 0).
    /// @dev Restricted: the ADMIN role (Timelock; the deployer only until it renounces).
    function registerParameters(Registration[] calldata registrations) external;

    /// @notice Set `key` to `newValue` now. Restricted (Timelock).
    /// @dev Reverts unless within bounds, within the step limit and past the cooldown, with nothing pending.
    function setParameter(bytes32 key, uint256 newValue) external;

    /// @notice Schedule `key` to become `newValue` at `effectiveAt` (unix seconds). Restricted (Timelock).
    /// @dev Validated now against the value in force now; at most one pending change per key.
    function scheduleParameter(bytes32 key, uint256 newValue, uint48 effectiveAt) external;

    /// @notice Withdraw the pending scheduled change of `key`. Restricted (Timelock).
    function cancelScheduledParameter(bytes32 key) external;

    /// @notice Change the hard bounds of `key`; the value in force and any pending value must lie within them.
    /// @dev Restricted (Timelock).
    function setParameterBounds(bytes32 key, uint256 newMin, uint256 newMax) external;

    /// @notice Change the step limit and cooldown of `key`. Restricted (Timelock).
    function setParameterChangeRules(bytes32 key, StepKind stepKind, uint256 maxStep, uint32 cooldown) external;

    /// @notice The value of `key` in force now. Reverts ParameterUnknown for an unregistered key.
    function get(bytes32 key) external view returns (uint256);

    /// @notice The value of `key` in force at `timepoint` (unix seconds, past or future).
    function getAt(bytes32 key, uint48 timepoint) external view returns (uint256);

    /// @notice Everything known about `key`.
    function parameterInfo(bytes32 key) external view returns (Info memory);

    /// @notice One history entry of `key`: the value that took (or takes) effect at `effectiveAt`.
    function historyAt(bytes32 key, uint256 index) external view returns (uint48 effectiveAt, uint256 value);

    /// @notice All registered keys, in registration order.
    function parameterKeys() external view returns (bytes32[] memory);

    /// @notice Whether `key` is registered.
    function isRegistered(bytes32 key) external view returns (bool);
}
