// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Roles
/// @notice The protocol's AccessManager role ids, in one place so that deployment scripts, the SDK and the
/// access tests agree. Role 0 (ADMIN) and type(uint64).max (PUBLIC) are AccessManager's own.
/// @dev Only roles named in ARCHITECTURE.md are listed. Adding a role is a governed action (grantRole by the
/// Timelock), and the deployment test asserts that no other role has members.
library Roles {
    /// @notice AccessManager's ADMIN_ROLE, held by the Timelock alone after deployment.
    uint64 internal constant ADMIN = 0;
    /// @notice Emergency guardians (the guardian Safe): may pause a target or named functions, nothing else.
    uint64 internal constant GUARDIAN = 1;
    /// @notice May mint rSTB under the governed supply cap (the rewards distributor).
    uint64 internal constant RSTB_MINTER = 2;
    /// @notice May mint sSTB: the MintingAgent, and the bridge on remote chains.
    uint64 internal constant SSTB_MINTER = 10;
    /// @notice May burn its own sSTB balance: Redemption, and the bridge on remote chains.
    uint64 internal constant SSTB_BURNER = 11;
    // Ids 12-29: the minting and staking domain (issue 3). 30-49: markets and the bridge.
    /// @notice May mint and burn the transient CU token: the MintingAgent alone.
    uint64 internal constant CU_MINTER = 12;
    /// @notice May consume (mark as used) a verified benchmark report: the MintingAgent alone.
    uint64 internal constant REPORT_CONSUMER = 13;
    /// @notice May open a stake position on a provider's behalf from freshly minted sSTB: the MintingAgent.
    uint64 internal constant STAKE_ISSUER = 14;
    /// @notice May add CU backing to a provider (checked against the collateral ratio): the MintingAgent.
    uint64 internal constant BACKING_ISSUER = 15;
    /// @notice May settle a provider's backing on redemption (release or seize collateral): Redemption.
    uint64 internal constant BACKING_SETTLER = 16;
    /// @notice May checkpoint an account's rewards before its stake changes: ProviderStaking.
    uint64 internal constant REWARDS_NOTIFIER = 17;
    // 30-49 are reserved for markets and the bridge.

    /// @notice AccessManager's PUBLIC_ROLE: every address. User-facing functions are mapped to it so the
    /// authority can still pause them.
    uint64 internal constant PUBLIC = type(uint64).max;
}
