// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ISSTBToken} from "./ISSTBToken.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";

/// @title SSTBToken
/// @notice sSTB, the standardised compute token: 1 sSTB (1e18 wei) = 1 CU. ERC-20 with EIP-2612 permit.
/// @dev Supply changes only through `mint` (SSTB_MINTER: the MintingAgent, the bridge on remote chains) and
/// `burnFrom` (SSTB_BURNER: Redemption, CollateralManager for liquidations, the bridge on remote chains), which
/// burns a holder's balance within the allowance the holder gave the burner.
/// Transfers are plain ERC-20 and never pausable: pausing them would freeze markets and holders; guardians
/// pause the mint and burn paths instead.
contract SSTBToken is ISSTBToken, ERC20, ERC20Permit, Stab3lManaged {
    mapping(address minter => uint256) private _mintedBy;
    mapping(address burner => uint256) private _burnedBy;

    /// @param initialAuthority The STAB3L authority.
    constructor(
        address initialAuthority
    ) ERC20("STAB3L Compute", "sSTB") ERC20Permit("STAB3L Compute") Stab3lManaged(initialAuthority) {}

    /// @inheritdoc ISSTBToken
    function mint(address to, uint256 amount) external restricted {
        if (amount == 0) revert SSTBZeroAmount();
        _mintedBy[msg.sender] += amount;
        _mint(to, amount);
        emit SSTBMinted(msg.sender, to, amount);
    }

    /// @inheritdoc ISSTBToken
    function burnFrom(address from, uint256 amount) external restricted {
        if (amount == 0) revert SSTBZeroAmount();
        if (from != msg.sender) _spendAllowance(from, msg.sender, amount);
        _burnedBy[msg.sender] += amount;
        _burn(from, amount);
        emit SSTBBurned(msg.sender, from, amount);
    }

    /// @inheritdoc ISSTBToken
    function mintedBy(address minter) external view returns (uint256) {
        return _mintedBy[minter];
    }

    /// @inheritdoc ISSTBToken
    function burnedBy(address burner) external view returns (uint256) {
        return _burnedBy[burner];
    }
}
