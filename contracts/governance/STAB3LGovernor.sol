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

/// @title STAB3LGovernor
/// @notice The rSTB Governor: OpenZeppelin Governor with settings, simple counting, token votes, a quorum
/// fraction, a Timelock, late-quorum protection, a proposal guardian (the guardian Safe, which can cancel a
/// malicious proposal) and sequential proposal ids.
/// @dev Each governed setting has a hard floor and ceiling enforced on every write, the constructor included,
/// so governance cannot vote itself a one-second vote or a 0% quorum. The Timelock's minimum delay is kept
/// within [MIN_TIMELOCK_DELAY, MAX_TIMELOCK_DELAY]: checked on construction, on `updateTimelock`, and on every
/// proposal that calls the Timelock's `updateDelay` (the only way its delay can change, since only this
/// Governor may schedule operations).
contract STAB3LGovernor is
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

    /// @notice A governed setting (named as in its setter, e.g. "votingPeriod") was given `value` outside
    /// [min, max].
    error GovernorSettingOutOfBounds(bytes32 setting, uint256 value, uint256 min, uint256 max);
    /// @notice The Timelock's minimum delay would be `delay`, outside [min, max] seconds.
    error GovernorTimelockDelayOutOfBounds(uint256 delay, uint256 min, uint256 max);

    /// @param token rSTB (IVotes with a timestamp clock).
    /// @param timelockController The Timelock; its minimum delay must be within the hard bounds.
    /// @param settings Initial governed settings, each within its hard bounds.
    /// @param guardian The proposal guardian (guardian Safe).
    constructor(
        IVotes token,
        TimelockController timelockController,
        Settings memory settings,
        address guardian
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
    }

    /// @notice Switch to another Timelock (governance only); its minimum delay must be within the hard bounds.
    function updateTimelock(TimelockController newTimelock) public override onlyGovernance {
        _checkTimelockDelay(newTimelock.getMinDelay());
        super.updateTimelock(newTimelock);
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

    /// @dev Rejects, at proposal time, any action that would move the Timelock's delay out of bounds.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override(Governor, GovernorSequentialProposalId) returns (uint256) {
        address timelockAddress = timelock();
        for (uint256 i = 0; i < targets.length; ++i) {
            bytes memory data = calldatas[i];
            if (
                targets[i] == timelockAddress &&
                data.length >= 36 &&
                bytes4(data) == TimelockController.updateDelay.selector
            ) {
                uint256 newDelay;
                // solhint-disable-next-line no-inline-assembly
                assembly {
                    newDelay := mload(add(data, 36))
                }
                _checkTimelockDelay(newDelay);
            }
        }
        return super._propose(targets, values, calldatas, description, proposer);
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
