// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title BenchTarget
/// @notice Benchmark-only: a neutral proposal target, so our Governor and the baseline execute identical actions.
contract BenchTarget {
    mapping(uint256 slot => uint256 value) public values;

    function store(uint256 slot, uint256 value) external {
        values[slot] = value;
    }
}
