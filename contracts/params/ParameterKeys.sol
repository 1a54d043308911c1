// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ParameterKeys
/// @notice ParameterStore keys read by the governance core. Each is an ASCII name packed into bytes32; the
/// SDK's catalog (governance/catalog) describes every key, and a test checks the two agree.
library ParameterKeys {
    /// @notice Longest a guardian pause lasts unless governance confirms it (seconds).
    bytes32 internal constant GUARDIAN_MAX_PAUSE_DURATION = "guardian.maxPauseDuration";
    /// @notice Wait after a guardian pause expires before guardians may pause the same key again (seconds).
    bytes32 internal constant GUARDIAN_REPAUSE_COOLDOWN = "guardian.repauseCooldown";
    /// @notice Ceiling on rSTB total supply (token wei); minting beyond it reverts.
    bytes32 internal constant RSTB_SUPPLY_CAP = "rstb.supplyCap";
}
