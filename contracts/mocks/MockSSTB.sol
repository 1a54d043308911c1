// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ISSTBToken} from "../core/ISSTBToken.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";

/// @title MockSSTB
/// @notice Stand-in for issue 3's SSTBToken until it lands: the same ISSTBToken surface with the same roles
/// (mint: SSTB_MINTER, burn: SSTB_BURNER), plus a `faucet` that the local home deployment maps to PUBLIC_ROLE so
/// tests and demos can get sSTB. On remote chains the faucet stays ADMIN-only, so only the bridge mints there.
contract MockSSTB is ERC20, ISSTBToken, Stab3lManaged {
    /// @param initialAuthority The STAB3L authority.
    constructor(address initialAuthority) ERC20("Staked Compute Unit (mock)", "sSTB") Stab3lManaged(initialAuthority) {}

    /// @inheritdoc ISSTBToken
    function mint(address to, uint256 amount) external restricted {
        _mint(to, amount);
    }

    /// @inheritdoc ISSTBToken
    function burn(uint256 amount) external restricted {
        _burn(msg.sender, amount);
    }

    /// @notice Mint `amount` (wei) to `to` for tests and demos. @dev Restricted; PUBLIC_ROLE on local home chains.
    function faucet(address to, uint256 amount) external restricted {
        _mint(to, amount);
    }
}
