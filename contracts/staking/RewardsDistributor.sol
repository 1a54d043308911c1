// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IProviderStaking} from "./IProviderStaking.sol";
import {IRewardsDistributor, IRewardsHook, IRSTBMinter} from "./IRewardsDistributor.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title RewardsDistributor
/// @notice rSTB rewards R = S × T × M for staked sSTB (see IRewardsDistributor).
/// @dev A global index accumulates ∫ M dt; an account accrues stake × (index − its index at last checkpoint).
/// The index follows the ParameterStore's history of `rewards.multiplier` exactly: a cursor remembers which
/// history entry was in force at the last update and walks forward over entries that took effect since
/// (future scheduled entries are never consumed, so cancelling them cannot desynchronise the cursor).
contract RewardsDistributor is IRewardsDistributor, Stab3lManaged {
    /// @notice rSTB wei per sSTB wei per second, as a wad.
    bytes32 public constant MULTIPLIER_KEY = "rewards.multiplier";
    uint256 private constant _WAD = 1e18;

    struct Cursor {
        uint48 updatedAt; // time the index was last brought up to
        uint32 entry; // history entry of MULTIPLIER_KEY in force at updatedAt
        uint176 multiplier; // its value
    }

    struct Holder {
        uint128 accrued; // rSTB wei owed
        uint128 paid; // rSTB wei paid
        uint256 index; // global index at the last checkpoint
    }

    /// @notice The store holding `rewards.multiplier`.
    IParameterStore public immutable parameters;
    /// @notice The staking contract whose stakes earn.
    IProviderStaking public immutable staking;
    /// @notice rSTB.
    IRSTBMinter public immutable rstb;

    uint256 private _index;
    Cursor private _cursor;
    uint256 private _totalPaid;
    mapping(address account => Holder) private _holders;

    /// @param initialAuthority The STAB3L authority.
    /// @param parameterStore The ParameterStore (`rewards.multiplier` registered).
    /// @param stakingContract ProviderStaking.
    /// @param rstbToken rSTB (this contract must hold RSTB_MINTER).
    constructor(
        address initialAuthority,
        IParameterStore parameterStore,
        IProviderStaking stakingContract,
        IRSTBMinter rstbToken
    ) Stab3lManaged(initialAuthority) {
        parameters = parameterStore;
        staking = stakingContract;
        rstb = rstbToken;
        IParameterStore.Info memory info = parameterStore.parameterInfo(MULTIPLIER_KEY);
        uint256 entry = info.historyLength - (info.hasPending ? 2 : 1);
        _cursor = Cursor(uint48(block.timestamp), uint32(entry), SafeCast.toUint176(info.value));
    }

    /// @inheritdoc IRewardsHook
    function checkpoint(address account) external restricted {
        _checkpoint(account);
    }

    /// @inheritdoc IRewardsDistributor
    function claim() external restricted returns (uint256 paid) {
        Holder storage h = _checkpoint(msg.sender);
        uint256 owed = h.accrued;
        if (owed == 0) revert RewardsNothingToClaim(msg.sender);
        uint256 cap = rstb.supplyCap();
        uint256 supply = rstb.totalSupply();
        uint256 room = cap > supply ? cap - supply : 0;
        if (room == 0) revert RewardsSupplyCapReached(msg.sender, owed, supply, cap);
        paid = owed < room ? owed : room;
        h.accrued = uint128(owed - paid);
        h.paid += uint128(paid);
        _totalPaid += paid;
        emit RewardsClaimed(msg.sender, paid, owed - paid);
        rstb.mint(msg.sender, paid);
    }

    /// @inheritdoc IRewardsDistributor
    function accruedOf(address account) external view returns (uint256) {
        (uint256 index, ) = _indexNow();
        Holder storage h = _holders[account];
        return h.accrued + (staking.stakeOf(account) * (index - h.index)) / _WAD;
    }

    /// @inheritdoc IRewardsDistributor
    function rewardIndex() external view returns (uint256 index) {
        (index, ) = _indexNow();
    }

    /// @inheritdoc IRewardsDistributor
    function totalPaid() external view returns (uint256) {
        return _totalPaid;
    }

    /// @inheritdoc IRewardsDistributor
    function paidTo(address account) external view returns (uint256) {
        return _holders[account].paid;
    }

    function _checkpoint(address account) internal returns (Holder storage h) {
        uint256 index = _index;
        if (_cursor.updatedAt != block.timestamp) {
            Cursor memory c;
            (index, c) = _indexNow();
            _index = index;
            _cursor = c;
        }
        h = _holders[account];
        uint256 last = h.index;
        if (last != index) {
            h.accrued += SafeCast.toUint128((staking.stakeOf(account) * (index - last)) / _WAD);
            h.index = index;
        }
    }

    /// @dev The index brought up to now, walking the multiplier's history entries that took effect since.
    function _indexNow() internal view returns (uint256 index, Cursor memory c) {
        index = _index;
        c = _cursor;
        uint256 t = c.updatedAt;
        if (t == block.timestamp) return (index, c);
        for (;;) {
            try parameters.historyAt(MULTIPLIER_KEY, uint256(c.entry) + 1) returns (uint48 effectiveAt, uint256 value) {
                if (effectiveAt > block.timestamp) break; // scheduled, not yet in force
                // Entries are appended with effectiveAt >= the time they are added, hence >= t.
                index += uint256(c.multiplier) * (effectiveAt - t);
                t = effectiveAt;
                c.entry += 1;
                c.multiplier = SafeCast.toUint176(value);
            } catch Panic(uint256 code) {
                // 0x32: index out of bounds, i.e. no later entry. Anything else (and any non-Panic failure,
                // such as running out of gas) propagates: the index must never skip a multiplier change.
                if (code != 0x32) revert RewardsHistoryUnreadable(code);
                break;
            }
        }
        index += uint256(c.multiplier) * (block.timestamp - t);
        c.updatedAt = uint48(block.timestamp);
    }
}
