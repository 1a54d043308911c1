// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ISSTBToken} from "./ISSTBToken.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";

/// @title SSTBToken
/// @notice sSTB, the standardised compute token: 1 sSTB (1e18 wei) = 1 CU. ERC-20 with EIP-2612 permit.
/// @dev Supply changes only through `mint` (SSTB_MINTER: the MintingAgent, the bridge on remote chains) and
/// `burn` of the caller's own balance (SSTB_BURNER: Redemption, CollateralManager for liquidations, the bridge).
/// Transfers are plain ERC-20 and never pausable: pausing them would freeze markets and holders; guardians
/// pause the mint and burn paths instead.
contract SSTBToken is ISSTBToken, ERC20, ERC20Permit, Stab3lManaged {
    uint256 private _totalMinted;
    uint256 private _totalBurned;
    mapping(address minter => uint256) private _mintedBy;
    mapping(address burner => uint256) private _burnedBy;

    /// @param initialAuthority The STAB3L authority.
    constructor(
        address initialAuthority
    ) ERC20("STAB3L Compute", "sSTB") ERC20Permit("STAB3L Compute") Stab3lManaged(initialAuthority) {}

    /// @inheritdoc ISSTBToken
    function mint(address to, uint256 amount) external restricted {
        if (amount == 0) revert SSTBZeroAmount();
        _totalMinted += amount;
        _mintedBy[msg.sender] += amount;
        _mint(to, amount);
        emit SSTBMinted(msg.sender, to, amount);
    }

    /// @inheritdoc ISSTBToken
    function burn(uint256 amount) external restricted {
        if (amount == 0) revert SSTBZeroAmount();
        _totalBurned += amount;
        _burnedBy[msg.sender] += amount;
        _burn(msg.sender, amount);
        emit SSTBBurned(msg.sender, amount);
    }

    /// @inheritdoc ISSTBToken
    function totalMinted() external view returns (uint256) {
        return _totalMinted;
    }

    /// @inheritdoc ISSTBToken
    function totalBurned() external view returns (uint256) {
        return _totalBurned;
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
