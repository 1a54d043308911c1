// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// OpenZeppelin's TimelockController, deployed as is. Imported here only so Hardhat builds its artifact.
// solhint-disable-next-line no-unused-import
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
