// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Stab3lManaged} from "../access/Stab3lManaged.sol";

/// @title ManagedTarget
/// @notice Test-only: a minimal protocol contract under the STAB3L authority, with one user-facing function
/// (mapped to PUBLIC_ROLE by governance in tests) and one admin setter, to exercise pauses end to end.
contract ManagedTarget is Stab3lManaged {
    event Pinged(address indexed caller, uint256 count);
    event ValueSet(uint256 oldValue, uint256 newValue);

    uint256 public pings;
    uint256 public value;

    constructor(address initialAuthority) Stab3lManaged(initialAuthority) {}

    /// @notice User-facing action. Restricted: PUBLIC_ROLE once governance maps it.
    function ping() external restricted {
        emit Pinged(msg.sender, ++pings);
    }

    /// @notice Admin setter. Restricted: ADMIN (the Timelock).
    function setValue(uint256 newValue) external restricted {
        emit ValueSet(value, newValue);
        value = newValue;
    }
}
