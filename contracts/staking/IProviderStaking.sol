// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IRewardsHook} from "./IRewardsDistributor.sol";

/// @title IProviderStaking
/// @notice sSTB staked in positions locked for a chosen period: at least `staking.minPeriod` (default 7 days), at
/// most `staking.maxPeriod`, of at least `staking.minAmount`. Freshly minted sSTB is staked here for the
/// provider by the MintingAgent; anyone may stake sSTB they hold. Stakes earn rSTB (RewardsDistributor).
interface IProviderStaking {
    /// @notice One stake position of an account.
    struct Position {
        uint128 amount; // sSTB wei; 0 once unstaked
        uint64 stakedAt; // unix seconds the position was opened (later stakes may join it)
        uint64 unlockAt; // unix seconds, a UTC day boundary; unstaking is possible from then on
    }

    /// @notice `account` staked `amount` in position `index` until `unlockAt`; `issuer` is the caller
    /// (the account itself, or the MintingAgent for minted sSTB). Several events may name one index: a stake whose
    /// lock ends the same day as the account's latest open position joins it (its amount: the sum of the events).
    event Staked(
        address indexed account,
        uint256 indexed index,
        uint256 amount,
        uint64 unlockAt,
        address indexed issuer
    );
    /// @notice `account` took back `amount` from position `index`.
    event Unstaked(address indexed account, uint256 indexed index, uint256 amount);
    /// @notice The rewards hook called before every stake change.
    event RewardsHookSet(address oldHook, address newHook);

    /// @notice `amount` is below the governed minimum `minAmount` (sSTB wei).
    error StakingAmountTooLow(uint256 amount, uint256 minAmount);
    /// @notice `period` (seconds) is shorter than the governed minimum.
    error StakingPeriodTooShort(uint256 period, uint256 minPeriod);
    /// @notice `period` (seconds) is longer than the governed maximum.
    error StakingPeriodTooLong(uint256 period, uint256 maxPeriod);
    /// @notice Position `index` of `account` is locked until `unlockAt`.
    error StakingPositionLocked(address account, uint256 index, uint256 unlockAt, uint256 nowTime);
    /// @notice `account` has no open position `index`.
    error StakingNoPosition(address account, uint256 index);
    /// @notice An issued stake must already be held: the contract holds `balance`, `required` is needed.
    error StakingUnbackedIssue(uint256 balance, uint256 required);
    /// @notice The rewards hook must be a contract (or zero).
    error StakingInvalidHook(address hook);

    /// @notice Stake `amount` sSTB wei of the caller's (approved) balance for at least `period` seconds: the lock
    /// ends at the first UTC day boundary at or after now + `period`. Returns the position (new or joined).
    /// @dev Restricted to PUBLIC_ROLE: anyone, pausable by the guardians.
    function stake(uint256 amount, uint256 period) external returns (uint256 index);

    /// @notice Stake for `account` `amount` sSTB already transferred to this contract, as `stake` does (same lock
    /// rounding and joining of the latest position).
    /// @dev Wired: the MintingAgent (`mintingAgent`, which mints the sSTB here in the same transaction); any other
    /// caller needs STAKE_ISSUER through the authority.
    function stakeFor(address account, uint256 amount, uint256 period) external returns (uint256 index);

    /// @notice Take back the caller's position `index` once unlocked; returns the sSTB wei sent.
    /// @dev Restricted to PUBLIC_ROLE: anyone (for their own positions), pausable by the guardians.
    function unstake(uint256 index) external returns (uint256 amount);

    /// @notice Set the rewards hook (zero: none). @dev Restricted: ADMIN (the Timelock).
    function setRewardsHook(IRewardsHook hook) external;

    /// @notice The staked token (sSTB).
    function sstb() external view returns (IERC20);

    /// @notice The rewards hook.
    function rewardsHook() external view returns (IRewardsHook);

    /// @notice sSTB wei staked by `account` across its open positions.
    function stakeOf(address account) external view returns (uint256);

    /// @notice sSTB wei staked in total.
    function totalStaked() external view returns (uint256);

    /// @notice Number of positions `account` ever opened.
    function positionCount(address account) external view returns (uint256);

    /// @notice Position `index` of `account`.
    function position(address account, uint256 index) external view returns (Position memory);

    /// @notice The MintingAgent wired in at construction: it calls `stakeFor` with one address comparison instead of an
    /// authority look-up; any other caller needs the function's role through the authority.
    function mintingAgent() external view returns (address);
}
