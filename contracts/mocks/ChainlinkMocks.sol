// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Test and local-network only: makes Hardhat build an artifact for Chainlink's own MockV3Aggregator, used for
// the local CU/USD and collateral feeds and, with 0 decimals, as the L2 sequencer uptime feed (0 = up, 1 = down).
// solhint-disable-next-line no-unused-import
import {MockV3Aggregator} from "@chainlink/contracts/src/v0.8/tests/MockV3Aggregator.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @title RevertingFeed
/// @notice Test only: an AggregatorV3Interface whose reads revert, standing for a deprecated or broken feed.
contract RevertingFeed {
    /// @notice Reverts always.
    error RevertingFeedDown();

    /// @notice Feed decimals (8, as most Chainlink USD feeds).
    function decimals() external pure returns (uint8) {
        return 8;
    }

    /// @notice Always reverts.
    function latestRoundData() external pure returns (uint80, int256, uint256, uint256, uint80) {
        revert RevertingFeedDown();
    }
}

/// @title MockPhasedAggregatorProxy
/// @notice Test only: the round-id arithmetic of Chainlink's AggregatorProxy over several phases, so tests can build
/// overlapping phases (an old aggregator still answering after the proxy moved on). Round ids are
/// (phaseId << 64) | aggregator round id; `getRoundData` reads the phase's own aggregator, whichever is current.
contract MockPhasedAggregatorProxy {
    /// @notice Round `roundId` names a phase that has no aggregator.
    error MockProxyUnknownPhase(uint80 roundId);

    /// @notice The current phase (the proxy's latest aggregator).
    uint16 public phaseId;
    /// @notice The aggregator of each phase, from 1.
    mapping(uint16 phase => AggregatorV3Interface) public phaseAggregators;

    /// @param first The aggregator of phase 1.
    constructor(AggregatorV3Interface first) {
        addPhase(first);
    }

    /// @notice Move the proxy to `next` as a new phase (Chainlink's confirmAggregator). Anyone: test only.
    function addPhase(AggregatorV3Interface next) public {
        phaseAggregators[++phaseId] = next;
    }

    /// @notice Decimals of the current aggregator.
    function decimals() external view returns (uint8) {
        return phaseAggregators[phaseId].decimals();
    }

    /// @notice The current aggregator's latest round, with the phase in its round ids.
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        (roundId, answer, startedAt, updatedAt, answeredInRound) = phaseAggregators[phaseId].latestRoundData();
        return (_id(phaseId, roundId), answer, startedAt, updatedAt, _id(phaseId, answeredInRound));
    }

    /// @notice Round `roundId` of the phase it names, read from that phase's aggregator.
    function getRoundData(
        uint80 roundId
    ) external view returns (uint80 id, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) {
        uint16 phase = uint16(roundId >> 64);
        AggregatorV3Interface aggregator = phaseAggregators[phase];
        if (address(aggregator) == address(0)) revert MockProxyUnknownPhase(roundId);
        (id, answer, startedAt, updatedAt, answeredInRound) = aggregator.getRoundData(uint80(uint64(roundId)));
        return (_id(phase, id), answer, startedAt, updatedAt, _id(phase, answeredInRound));
    }

    function _id(uint16 phase, uint80 aggregatorRound) private pure returns (uint80) {
        return uint80((uint256(phase) << 64) | uint64(aggregatorRound));
    }
}
