// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";
import {IParameterStore} from "../params/IParameterStore.sol";
import {ParameterKeys} from "../params/ParameterKeys.sol";

/// @title RSTBToken
/// @notice rSTB, STAB3L's governance token: ERC-20 with EIP-2612 permit and ERC20Votes checkpoints on a
/// timestamp clock (ERC-6372 `mode=timestamp`; on Arbitrum block.number follows L1 and is not a usable clock).
/// @dev New rSTB only through `mint`, restricted to the RSTB_MINTER role (the rewards distributor) and capped
/// by the governed parameter `rstb.supplyCap`. Transfers and delegation are never pausable: a guardian must
/// not be able to freeze governance itself.
contract RSTBToken is ERC20, ERC20Permit, ERC20Votes, Stab3lManaged {
    /// @notice Minting `amount` on top of `supply` would pass the governed cap `cap` (token wei).
    error RSTBSupplyCapExceeded(uint256 supply, uint256 amount, uint256 cap);
    /// @notice Genesis recipients and amounts differ in length.
    error RSTBGenesisLengthMismatch(uint256 recipients, uint256 amounts);
    /// @notice A mint of zero tokens.
    error RSTBZeroAmount();

    /// @notice The store holding `rstb.supplyCap`.
    IParameterStore public immutable parameters;

    /// @param initialAuthority The STAB3L authority.
    /// @param parameterStore The ParameterStore; `rstb.supplyCap` must be registered.
    /// @param recipients Genesis holders.
    /// @param amounts Genesis amounts (token wei), one per recipient; their sum must not pass the cap.
    constructor(
        address initialAuthority,
        IParameterStore parameterStore,
        address[] memory recipients,
        uint256[] memory amounts
    ) ERC20("STAB3L Governance", "rSTB") ERC20Permit("STAB3L Governance") Stab3lManaged(initialAuthority) {
        if (recipients.length != amounts.length) revert RSTBGenesisLengthMismatch(recipients.length, amounts.length);
        parameters = parameterStore;
        for (uint256 i = 0; i < recipients.length; ++i) {
            _cappedMint(recipients[i], amounts[i]);
        }
    }

    /// @notice Mint `amount` rSTB (wei) to `to`. Restricted to RSTB_MINTER; reverts past `rstb.supplyCap`.
    function mint(address to, uint256 amount) external restricted {
        _cappedMint(to, amount);
    }

    /// @notice The governed ceiling on total supply (token wei).
    function supplyCap() public view returns (uint256) {
        return parameters.get(ParameterKeys.RSTB_SUPPLY_CAP);
    }

    /// @notice ERC-6372 clock: block timestamp.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _cappedMint(address to, uint256 amount) internal {
        if (amount == 0) revert RSTBZeroAmount();
        uint256 cap = supplyCap();
        uint256 supply = totalSupply();
        if (supply + amount > cap) revert RSTBSupplyCapExceeded(supply, amount, cap);
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
