// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title BridgeKeys
/// @notice ParameterStore keys read by the bridge (described in governance/catalog/bridge.ts).
library BridgeKeys {
    /// @notice Distinct relayer signatures a message needs (count).
    bytes32 internal constant RELAYER_THRESHOLD = "bridge.relayerThreshold";
    /// @notice Length of a rate-limit window (seconds).
    bytes32 internal constant RATE_WINDOW = "bridge.rateWindow";
    /// @notice Most sSTB (wei) that may leave for, or arrive from, one chain in one window.
    bytes32 internal constant RATE_LIMIT = "bridge.rateLimitPerWindow";
}
