// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICUToken} from "./ICUToken.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";

/// @title CUToken
/// @notice The transient compute-unit token (see ICUToken). Minted and burned only by the MintingAgent, inside
/// the one transaction that turns a verified report into sSTB.
/// @dev Balances and supply live in EIP-1153 transient storage, which the EVM clears at the end of every
/// transaction: INV-CU (no CU exists between transactions) holds by construction, and a mint-then-burn costs a
/// few hundred gas instead of two storage slots created and refunded.
contract CUToken is ICUToken, Stab3lManaged {
    /// @dev Transient slot of the total supply; a balance lives at keccak256(account, _BALANCE_SEED).
    bytes32 private constant _SUPPLY_SLOT = keccak256("stab3l.CUToken.totalSupply");
    bytes32 private constant _BALANCE_SEED = keccak256("stab3l.CUToken.balance");

    /// @inheritdoc ICUToken
    address public immutable mintingAgent;

    /// @param initialAuthority The STAB3L authority.
    /// @param agent The MintingAgent (its address predicted at deployment), wired for `mint` and `burn`.
    constructor(address initialAuthority, address agent) Stab3lManaged(initialAuthority) {
        mintingAgent = agent;
    }

    /// @inheritdoc ICUToken
    function mint(address to, uint256 amount) external restrictedOrWired(mintingAgent) {
        if (amount == 0) revert CUTokenZeroAmount();
        _store(_SUPPLY_SLOT, _load(_SUPPLY_SLOT) + amount);
        bytes32 slot = _balanceSlot(to);
        _store(slot, _load(slot) + amount);
        emit Transfer(address(0), to, amount);
    }

    /// @inheritdoc ICUToken
    function burn(address from, uint256 amount) external restrictedOrWired(mintingAgent) {
        if (amount == 0) revert CUTokenZeroAmount();
        bytes32 slot = _balanceSlot(from);
        uint256 balance = _load(slot);
        if (balance < amount) revert CUTokenInsufficientBalance(from, balance, amount);
        unchecked {
            _store(slot, balance - amount);
            _store(_SUPPLY_SLOT, _load(_SUPPLY_SLOT) - amount);
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
        return _load(_SUPPLY_SLOT);
    }

    /// @inheritdoc ICUToken
    function balanceOf(address account) external view returns (uint256) {
        return _load(_balanceSlot(account));
    }

    function _balanceSlot(address account) private pure returns (bytes32) {
        return keccak256(abi.encode(account, _BALANCE_SEED));
    }

    function _load(bytes32 slot) private view returns (uint256 value) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            value := tload(slot)
        }
    }

    function _store(bytes32 slot, uint256 value) private {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            tstore(slot, value)
        }
    }
}
