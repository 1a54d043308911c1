// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";

/// @title ISTAB3LGovernor
/// @notice The STAB3L-specific part of the rSTB Governor's API (the rest is OpenZeppelin's IGovernor and its
/// modules): the errors of its hard bounds, of the Timelock's protection and of the guardian's limits.
interface ISTAB3LGovernor {
    /// @notice A governed setting (named as in its setter, e.g. "votingPeriod") was given `value` outside
    /// [min, max].
    error GovernorSettingOutOfBounds(bytes32 setting, uint256 value, uint256 min, uint256 max);
    /// @notice The Timelock's minimum delay would be `delay`, outside [min, max] seconds.
    error GovernorTimelockDelayOutOfBounds(uint256 delay, uint256 min, uint256 max);
    /// @notice Action number `action` (0-based) calls the Timelock's function `selector`. A proposal may call
    /// the Timelock only to change its delay within the bounds (`updateDelay`): its roles, operations and
    /// scheduling are out of reach of proposals.
    error GovernorTimelockCallRefused(uint256 action, bytes4 selector);
    /// @notice Action number `action` (0-based) relays a call to the Timelock through `selector` (the
    /// Governor's `relay`, or the authority's `execute` / `schedule`), which would schedule, execute or cancel
    /// Timelock operations outside the proposal that queued them.
    error GovernorTimelockRelayRefused(uint256 action, bytes4 selector);
    /// @notice The proposal guardian `guardian` tried to cancel proposal `proposalId`, which only replaces or
    /// removes guardians: a guardian cannot veto its own replacement.
    error GovernorGuardianChangeNotCancellable(uint256 proposalId, address guardian);

    /// @notice The protocol's authority (AccessManager) whose GUARDIAN role changes are guardian changes. Not named
    /// `authority()`: the Governor is not managed by it, and guardians must not be able to "pause" it.
    function protocolAuthority() external view returns (IAccessManager);
}
