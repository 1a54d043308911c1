// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICUToken} from "./ICUToken.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";

/// @title CUToken
/// @notice The transient compute-unit token (see ICUToken). Minted and burned only by the MintingAgent, inside
/// the one transaction that turns a verified report into sSTB.
contract CUToken is ICUToken, Stab3lManaged {
    mapping(address account => uint256) private _balances;
    uint256 private _totalSupply;

    /// @param initialAuthority The STAB3L authority.
    constructor(address initialAuthority) Stab3lManaged(initialAuthority) {}

    /// @inheritdoc ICUToken
    function mint(address to, uint256 amount) external restricted {
        if (amount == 0) revert CUTokenZeroAmount();
        _totalSupply += amount;
        _balances[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    /// @inheritdoc ICUToken
    function burn(address from, uint256 amount) external restricted {
        if (amount == 0) revert CUTokenZeroAmount();
        uint256 balance = _balances[from];
        if (balance < amount) revert CUTokenInsufficientBalance(from, balance, amount);
        unchecked {
            _balances[from] = balance - amount;
            _totalSupply -= amount;
        }
        emit Transfer(from, address(0), amount);
    }

    /// @inheritdoc ICUToken
    function name() external pure returns (string memory) {
        return "STAB3L Compute Unit";
    }

    /// @inheritdoc ICUToken
    function symbol() external pure returns (string memory) {
        return "CU";
    }

    /// @inheritdoc ICUToken
    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @inheritdoc ICUToken
    function totalSupply() external view returns (uint256) {
        return _totalSupply;
    }

    /// @inheritdoc ICUToken
    function balanceOf(address account) external view returns (uint256) {
        return _balances[account];
    }
}
