// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IProviderStaking} from "./IProviderStaking.sol";
import {IRewardsHook} from "./IRewardsDistributor.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title ProviderStaking
/// @notice sSTB stake positions with a governed minimum period and amount (see IProviderStaking).
contract ProviderStaking is IProviderStaking, Stab3lManaged {
    using SafeERC20 for IERC20;

    bytes32 public constant MIN_PERIOD_KEY = "staking.minPeriod";
    bytes32 public constant MAX_PERIOD_KEY = "staking.maxPeriod";
    bytes32 public constant MIN_AMOUNT_KEY = "staking.minAmount";
    /// @notice Lock ends are rounded up to a multiple of this (seconds): one UTC day. A structural constant, not a
    /// tunable: changing it would only change which stakes share a position.
    uint256 public constant UNLOCK_GRANULARITY = 1 days;

    /// @notice The store holding the staking parameters.
    IParameterStore public immutable parameters;
    IERC20 private immutable _sstb;
    /// @inheritdoc IProviderStaking
    address public immutable mintingAgent;

    IRewardsHook private _rewardsHook;
    uint256 private _totalStaked;
    mapping(address account => uint256) private _stakeOf;
    mapping(address account => Position[]) private _positions;

    /// @param initialAuthority The STAB3L authority.
    /// @param parameterStore The ParameterStore.
    /// @param sstbToken sSTB.
    /// @param agent The MintingAgent (its address predicted at deployment), wired for `stakeFor`.
    constructor(
        address initialAuthority,
        IParameterStore parameterStore,
        IERC20 sstbToken,
        address agent
    ) Stab3lManaged(initialAuthority) {
        parameters = parameterStore;
        _sstb = sstbToken;
        mintingAgent = agent;
    }

    /// @inheritdoc IProviderStaking
    function stake(uint256 amount, uint256 period) external restricted returns (uint256 index) {
        index = _open(msg.sender, amount, period);
        _sstb.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IProviderStaking
    function stakeFor(
        address account,
        uint256 amount,
        uint256 period
    ) external restrictedOrWired(mintingAgent) returns (uint256 index) {
        uint256 required = _totalStaked + amount;
        uint256 balance = _sstb.balanceOf(address(this));
        if (balance < required) revert StakingUnbackedIssue(balance, required);
        index = _open(account, amount, period);
    }

    /// @inheritdoc IProviderStaking
    function unstake(uint256 index) external restricted returns (uint256 amount) {
        Position[] storage list = _positions[msg.sender];
        if (index >= list.length || list[index].amount == 0) revert StakingNoPosition(msg.sender, index);
        Position storage p = list[index];
        if (block.timestamp < p.unlockAt) revert StakingPositionLocked(msg.sender, index, p.unlockAt, block.timestamp);
        amount = p.amount;
        _notify(msg.sender);
        p.amount = 0;
        _stakeOf[msg.sender] -= amount;
        _totalStaked -= amount;
        emit Unstaked(msg.sender, index, amount);
        _sstb.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IProviderStaking
    function setRewardsHook(IRewardsHook hook) external restricted {
        _setRewardsHook(hook);
    }

    /// @inheritdoc IProviderStaking
    function sstb() external view returns (IERC20) {
        return _sstb;
    }

    /// @inheritdoc IProviderStaking
    function rewardsHook() external view returns (IRewardsHook) {
        return _rewardsHook;
    }

    /// @inheritdoc IProviderStaking
    function stakeOf(address account) external view returns (uint256) {
        return _stakeOf[account];
    }

    /// @inheritdoc IProviderStaking
    function totalStaked() external view returns (uint256) {
        return _totalStaked;
    }

    /// @inheritdoc IProviderStaking
    function positionCount(address account) external view returns (uint256) {
        return _positions[account].length;
    }

    /// @inheritdoc IProviderStaking
    function position(address account, uint256 index) external view returns (Position memory) {
        return _positions[account][index];
    }

    function _open(address account, uint256 amount, uint256 period) internal returns (uint256 index) {
        uint256 minAmount = parameters.get(MIN_AMOUNT_KEY);
        if (amount < minAmount || amount == 0) revert StakingAmountTooLow(amount, minAmount);
        uint256 minPeriod = parameters.get(MIN_PERIOD_KEY);
        if (period < minPeriod) revert StakingPeriodTooShort(period, minPeriod);
        uint256 maxPeriod = parameters.get(MAX_PERIOD_KEY);
        if (period > maxPeriod) revert StakingPeriodTooLong(period, maxPeriod);
        _notify(account);
        _stakeOf[account] += amount;
        _totalStaked += amount;
        // Lock ends are rounded up to a UTC day (as vote-escrow designs round to a week): a stake ending the same day
        // as the account's latest position joins it, one slot updated instead of a position created.
        uint64 unlockAt = _unlockAt(period);
        Position[] storage list = _positions[account];
        index = list.length;
        if (index != 0) {
            Position storage last = list[index - 1];
            if (last.unlockAt == unlockAt && last.amount != 0) {
                last.amount = SafeCast.toUint128(last.amount + amount);
                emit Staked(account, index - 1, amount, unlockAt, msg.sender);
                return index - 1;
            }
        }
        list.push(Position(SafeCast.toUint128(amount), uint64(block.timestamp), unlockAt));
        emit Staked(account, index, amount, unlockAt, msg.sender);
    }

    /// @dev The first UTC day boundary at or after now + `period`.
    function _unlockAt(uint256 period) private view returns (uint64) {
        uint256 end = block.timestamp + period;
        uint256 rest = end % UNLOCK_GRANULARITY;
        return SafeCast.toUint64(rest == 0 ? end : end + (UNLOCK_GRANULARITY - rest));
    }

    /// @dev Rewards accrue on the stake held until now, before it changes.
    function _notify(address account) internal {
        IRewardsHook hook = _rewardsHook;
        if (address(hook) != address(0)) hook.checkpoint(account);
    }

    function _setRewardsHook(IRewardsHook hook) internal {
        if (address(hook) != address(0) && address(hook).code.length == 0) revert StakingInvalidHook(address(hook));
        emit RewardsHookSet(address(_rewardsHook), address(hook));
        _rewardsHook = hook;
    }
}
