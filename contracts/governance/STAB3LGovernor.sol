// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorProposalGuardian} from "@openzeppelin/contracts/governance/extensions/GovernorProposalGuardian.sol";
import {GovernorSequentialProposalId} from "@openzeppelin/contracts/governance/extensions/GovernorSequentialProposalId.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {Roles} from "../access/Roles.sol";
import {ISTAB3LGovernor} from "./ISTAB3LGovernor.sol";

/// @title STAB3LGovernor
/// @notice The rSTB Governor: OpenZeppelin Governor with settings, simple counting, token votes, a quorum
/// fraction, a Timelock, late-quorum protection, a proposal guardian (the guardian Safe, which can cancel a
/// malicious proposal) and sequential proposal ids.
/// @dev Each governed setting has a hard floor and ceiling enforced on every write, the constructor included,
/// so governance cannot vote itself a one-second vote or a 0% quorum. The Timelock's minimum delay is kept
/// within [MIN_TIMELOCK_DELAY, MAX_TIMELOCK_DELAY]: checked on construction, on `updateTimelock`, and on every
/// proposal action calling the Timelock, at proposal and again at queue time. A proposal may call the Timelock
/// only for `updateDelay` within those bounds, and may not relay calls to it (the Governor's `relay`, the
/// authority's `execute` / `schedule`): the Timelock acts on itself only through operations it executes, and
/// this Governor, its only proposer, schedules nothing else (docs/PROTOCOL.md, "Governor hardening").
/// The proposal guardian may cancel any proposal except one that only replaces or removes guardians.
contract STAB3LGovernor is
    ISTAB3LGovernor,
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl,
    GovernorPreventLateQuorum,
    GovernorProposalGuardian,
    GovernorSequentialProposalId
{
    /// @notice Initial values of the governed settings.
    struct Settings {
        uint48 votingDelay; // seconds between proposal and vote start
        uint32 votingPeriod; // seconds of voting
        uint256 proposalThreshold; // rSTB wei of votes needed to propose
        uint256 quorumNumerator; // percent of total supply (denominator 100)
        uint48 lateQuorumVoteExtension; // seconds added when quorum is reached late
    }

    uint48 public constant MIN_VOTING_DELAY = 1 hours;
    uint48 public constant MAX_VOTING_DELAY = 14 days;
    uint32 public constant MIN_VOTING_PERIOD = 1 days;
    uint32 public constant MAX_VOTING_PERIOD = 30 days;
    uint256 public constant MIN_PROPOSAL_THRESHOLD = 1_000e18;
    uint256 public constant MAX_PROPOSAL_THRESHOLD = 10_000_000e18;
    uint256 public constant MIN_QUORUM_NUMERATOR = 1; // 1%
    uint256 public constant MAX_QUORUM_NUMERATOR = 30; // 30%
    uint48 public constant MIN_LATE_QUORUM_EXTENSION = 1 hours;
    uint48 public constant MAX_LATE_QUORUM_EXTENSION = 7 days;
    uint256 public constant MIN_TIMELOCK_DELAY = 1 days;
    uint256 public constant MAX_TIMELOCK_DELAY = 30 days;

    IAccessManager private immutable _authority;

    /// @param token rSTB (IVotes with a timestamp clock).
    /// @param timelockController The Timelock; its minimum delay must be within the hard bounds.
    /// @param settings Initial governed settings, each within its hard bounds.
    /// @param guardian The proposal guardian (guardian Safe).
    /// @param protocolAuthority The protocol's authority, whose GUARDIAN role a guardian change may grant or revoke.
    constructor(
        IVotes token,
        TimelockController timelockController,
        Settings memory settings,
        address guardian,
        IAccessManager protocolAuthority
    )
        Governor("STAB3L Governor")
        GovernorSettings(settings.votingDelay, settings.votingPeriod, settings.proposalThreshold)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(settings.quorumNumerator)
        GovernorTimelockControl(timelockController)
        GovernorPreventLateQuorum(settings.lateQuorumVoteExtension)
    {
        _checkTimelockDelay(timelockController.getMinDelay());
        _setProposalGuardian(guardian);
        _authority = protocolAuthority;
    }

    /// @inheritdoc ISTAB3LGovernor
    function protocolAuthority() external view returns (IAccessManager) {
        return _authority;
    }

    /// @notice Cancel a proposal (IGovernor.cancel): its proposer while it is Pending, the proposal guardian at any
    /// stage before execution, except that the guardian cannot cancel a guardian change (a proposal whose every
    /// action sets the proposal guardian or grants/revokes the authority's GUARDIAN role, without value), so a
    /// captured guardian cannot veto its own replacement. Reverts GovernorGuardianChangeNotCancellable then.
    /// @dev Anyone may call; the rules above decide. Only the guardian pays for the guardian-change test.
    function cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) public override returns (uint256) {
        address caller = _msgSender();
        if (caller == proposalGuardian() && _isGuardianChange(targets, values, calldatas)) {
            uint256 proposalId = getProposalId(targets, values, calldatas, descriptionHash);
            // The guardian keeps only what every proposer has: withdrawing its own proposal while Pending.
            if (!Governor._validateCancel(proposalId, caller)) {
                revert GovernorGuardianChangeNotCancellable(proposalId, caller);
            }
            return _cancel(targets, values, calldatas, descriptionHash);
        }
        return super.cancel(targets, values, calldatas, descriptionHash);
    }

    /// @notice Switch to another Timelock (governance only); its minimum delay must be within the hard bounds.
    /// @dev The new Timelock's roles are its deployer's choice: switching is a transfer of power, which the
    /// simulation flags as critical; only its delay is checked here. No `onlyGovernance` of its own: the parent's
    /// runs first (a second one would pop the governance-call queue twice and always revert), then the check.
    function updateTimelock(TimelockController newTimelock) public override {
        super.updateTimelock(newTimelock);
        _checkTimelockDelay(newTimelock.getMinDelay());
    }

    // ------------------------------------------------------------ bounded setters (internal hooks)

    function _setVotingDelay(uint48 newVotingDelay) internal override {
        _checkSetting("votingDelay", newVotingDelay, MIN_VOTING_DELAY, MAX_VOTING_DELAY);
        super._setVotingDelay(newVotingDelay);
    }

    function _setVotingPeriod(uint32 newVotingPeriod) internal override {
        _checkSetting("votingPeriod", newVotingPeriod, MIN_VOTING_PERIOD, MAX_VOTING_PERIOD);
        super._setVotingPeriod(newVotingPeriod);
    }

    function _setProposalThreshold(uint256 newProposalThreshold) internal override {
        _checkSetting("proposalThreshold", newProposalThreshold, MIN_PROPOSAL_THRESHOLD, MAX_PROPOSAL_THRESHOLD);
        super._setProposalThreshold(newProposalThreshold);
    }

    function _updateQuorumNumerator(uint256 newQuorumNumerator) internal override {
        _checkSetting("quorumNumerator", newQuorumNumerator, MIN_QUORUM_NUMERATOR, MAX_QUORUM_NUMERATOR);
        super._updateQuorumNumerator(newQuorumNumerator);
    }

    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal override {
        _checkSetting(
            "lateQuorumVoteExtension",
            newVoteExtension,
            MIN_LATE_QUORUM_EXTENSION,
            MAX_LATE_QUORUM_EXTENSION
        );
        super._setLateQuorumVoteExtension(newVoteExtension);
    }

    /// @dev Rejects, at proposal time, any action that calls or relays to the Timelock other than `updateDelay`
    /// within bounds (see _checkTimelockActions).
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override(Governor, GovernorSequentialProposalId) returns (uint256) {
        _checkTimelockActions(targets, calldatas);
        return super._propose(targets, values, calldatas, description, proposer);
    }

    /// @dev Reads the first ABI word after the selector of `data` (the first argument); `data` must hold it.
    function _firstArgument(bytes memory data) private pure returns (uint256 word) {
        // solhint-disable-next-line no-inline-assembly
        assembly {
            word := mload(add(data, 36))
        }
    }

    /// @dev The Timelock's own protection, checked when proposed and again when queued (the Timelock may have
    /// changed in between through `updateTimelock`). Direct calls to the Timelock: only `updateDelay` with a
    /// delay within bounds. Relays to the Timelock — the Governor's `relay` (the Governor is the Timelock's
    /// proposer, executor and canceller) and the authority's `execute` / `schedule` — are refused outright.
    function _checkTimelockActions(address[] memory targets, bytes[] memory calldatas) private view {
        address timelockAddress = timelock();
        address authorityAddress = address(_authority);
        for (uint256 i = 0; i < targets.length; ++i) {
            address target = targets[i];
            bytes memory data = calldatas[i];
            if (target == timelockAddress) {
                bytes4 selector = bytes4(data);
                if (selector != TimelockController.updateDelay.selector || data.length < 36) {
                    revert GovernorTimelockCallRefused(i, selector);
                }
                _checkTimelockDelay(_firstArgument(data));
            } else if (target == address(this) || target == authorityAddress) {
                bytes4 selector = bytes4(data);
                bool relays =
                    target == address(this)
                        ? selector == this.relay.selector
                        : selector == IAccessManager.execute.selector || selector == IAccessManager.schedule.selector;
                if (relays && data.length >= 36 && _firstArgument(data) == uint256(uint160(timelockAddress))) {
                    revert GovernorTimelockRelayRefused(i, selector);
                }
            }
        }
    }

    /// @dev True when every action is a guardian change without value: `setProposalGuardian` on this Governor, or
    /// `grantRole` / `revokeRole` of the GUARDIAN role on the authority.
    function _isGuardianChange(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas
    ) private view returns (bool) {
        if (targets.length == 0 || targets.length != values.length || targets.length != calldatas.length) {
            return false;
        }
        for (uint256 i = 0; i < targets.length; ++i) {
            bytes memory data = calldatas[i];
            if (values[i] != 0 || data.length < 36) return false;
            bytes4 selector = bytes4(data);
            if (targets[i] == address(this)) {
                if (selector != this.setProposalGuardian.selector) return false;
            } else if (targets[i] == address(_authority)) {
                bool roleCall =
                    selector == IAccessManager.grantRole.selector || selector == IAccessManager.revokeRole.selector;
                if (!roleCall || _firstArgument(data) != Roles.GUARDIAN) return false;
            } else {
                return false;
            }
        }
        return true;
    }

    function _checkSetting(bytes32 setting, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert GovernorSettingOutOfBounds(setting, value, min, max);
    }

    function _checkTimelockDelay(uint256 delay) private pure {
        if (delay < MIN_TIMELOCK_DELAY || delay > MAX_TIMELOCK_DELAY) {
            revert GovernorTimelockDelayOutOfBounds(delay, MIN_TIMELOCK_DELAY, MAX_TIMELOCK_DELAY);
        }
    }

    // ------------------------------------------------------------ overrides required by Solidity

    /// @inheritdoc Governor
    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    /// @inheritdoc Governor
    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    /// @inheritdoc Governor
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc Governor
    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(timepoint);
    }

    /// @inheritdoc Governor
    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc Governor
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @inheritdoc Governor
    function proposalDeadline(
        uint256 proposalId
    ) public view override(Governor, GovernorPreventLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    /// @inheritdoc Governor
    function getProposalId(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) public view override(Governor, GovernorSequentialProposalId) returns (uint256) {
        return super.getProposalId(targets, values, calldatas, descriptionHash);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        super._tallyUpdated(proposalId);
    }

    function _validateCancel(
        uint256 proposalId,
        address caller
    ) internal view override(Governor, GovernorProposalGuardian) returns (bool) {
        return super._validateCancel(proposalId, caller);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        _checkTimelockActions(targets, calldatas);
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
