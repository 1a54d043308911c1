// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title BridgeKeys
/// @notice ParameterStore keys read by the bridge (described in governance/catalog/bridge.ts).
library BridgeKeys {
    /// @notice Distinct relayer signatures a message needs (count).
    bytes32 internal constant RELAYER_THRESHOLD = "bridge.relayerThreshold";
    /// @notice Time in which a full rate bucket drains (seconds): the bucket refills at limit per window.
    bytes32 internal constant RATE_WINDOW = "bridge.rateWindow";
    /// @notice Capacity of the rate bucket per chain and direction (sSTB wei): the most that may move at once.
    bytes32 internal constant RATE_LIMIT = "bridge.rateLimitPerWindow";
}
