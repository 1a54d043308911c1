// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Test and local-network only: makes Hardhat build an artifact for Chainlink's own MockV3Aggregator, used for
// the local CU/USD and collateral feeds and, with 0 decimals, as the L2 sequencer uptime feed (0 = up, 1 = down).
// solhint-disable-next-line no-unused-import
import {MockV3Aggregator} from "@chainlink/contracts/src/v0.8/tests/MockV3Aggregator.sol";

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
