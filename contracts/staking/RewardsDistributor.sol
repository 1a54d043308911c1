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
    /// @notice rSTB wei per sSTB wei per second, as a wad. Stored here in 64 bits: a value above 2^64 (the
    /// catalog bounds it at ~3.2e11) would make checkpoints revert, so its bounds must stay below that.
    bytes32 public constant MULTIPLIER_KEY = "rewards.multiplier";
    uint256 private constant _WAD = 1e18;

    /// @dev One slot: the global index with the multiplier history cursor it was computed with. The index
    /// (∫ M dt) fits 112 bits for M up to 2^64 wad per second over 10^13 seconds.
    struct Cursor {
        uint48 updatedAt; // time the index was last brought up to
        uint32 entry; // history entry of MULTIPLIER_KEY in force at updatedAt
        uint64 multiplier; // its value
        uint112 index; // ∫ M dt up to updatedAt
    }

    /// @dev One slot per account.
    struct Holder {
        uint112 index; // global index at the account's last checkpoint
        uint128 accrued; // rSTB wei owed
    }

    /// @notice The store holding `rewards.multiplier`.
    IParameterStore public immutable parameters;
    /// @notice The staking contract whose stakes earn.
    IProviderStaking public immutable staking;
    /// @notice rSTB.
    IRSTBMinter public immutable rstb;

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
        _cursor = Cursor(uint48(block.timestamp), uint32(entry), SafeCast.toUint64(info.value), 0);
    }

    /// @inheritdoc IRewardsHook
    function checkpoint(address account) external restrictedOrWired(address(staking)) {
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
        _totalPaid += paid;
        emit RewardsClaimed(msg.sender, paid, owed - paid);
        rstb.mint(msg.sender, paid);
    }

    /// @inheritdoc IRewardsDistributor
    function accruedOf(address account) external view returns (uint256) {
        uint256 index = _indexNow().index;
        Holder storage h = _holders[account];
        return h.accrued + (staking.stakeOf(account) * (index - h.index)) / _WAD;
    }

    /// @inheritdoc IRewardsDistributor
    function rewardIndex() external view returns (uint256) {
        return _indexNow().index;
    }

    /// @inheritdoc IRewardsDistributor
    function totalPaid() external view returns (uint256) {
        return _totalPaid;
    }

    function _checkpoint(address account) internal returns (Holder storage h) {
        Cursor memory c = _cursor;
        if (c.updatedAt != block.timestamp) {
            c = _indexNow();
            _cursor = c;
        }
        h = _holders[account];
        uint256 last = h.index;
        if (last != c.index) {
            h.accrued += SafeCast.toUint128((staking.stakeOf(account) * (c.index - last)) / _WAD);
            h.index = c.index;
        }
    }

    /// @dev The index brought up to now, walking the multiplier's history entries that took effect since.
    function _indexNow() internal view returns (Cursor memory c) {
        c = _cursor;
        uint256 t = c.updatedAt;
        if (t == block.timestamp) return c;
        uint256 index = c.index;
        for (;;) {
            try parameters.historyAt(MULTIPLIER_KEY, uint256(c.entry) + 1) returns (uint48 effectiveAt, uint256 value) {
                if (effectiveAt > block.timestamp) break; // scheduled, not yet in force
                // Entries are appended with effectiveAt >= the time they are added, hence >= t.
                index += uint256(c.multiplier) * (effectiveAt - t);
                t = effectiveAt;
                c.entry += 1;
                c.multiplier = SafeCast.toUint64(value);
            } catch Panic(uint256 code) {
                // 0x32: index out of bounds, i.e. no later entry. Anything else (and any non-Panic failure,
                // such as running out of gas) propagates: the index must never skip a multiplier change.
                if (code != 0x32) revert RewardsHistoryUnreadable(code);
                break;
            }
        }
        index += uint256(c.multiplier) * (block.timestamp - t);
        c.index = SafeCast.toUint112(index);
        c.updatedAt = uint48(block.timestamp);
    }
}
