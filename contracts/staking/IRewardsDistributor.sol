// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRewardsHook
/// @notice Called by ProviderStaking before an account's stake changes, so rewards accrue on the old stake.
interface IRewardsHook {
    /// @notice Accrue `account`'s rewards up to now. @dev Wired: ProviderStaking (immutable `staking`); any
    /// other caller needs REWARDS_NOTIFIER through the authority.
    function checkpoint(address account) external;
}

/// @title IRSTBMinter
/// @notice The part of rSTB the distributor uses: capped minting.
interface IRSTBMinter {
    function mint(address to, uint256 amount) external;

    function supplyCap() external view returns (uint256);

    function totalSupply() external view returns (uint256);
}

/// @title IRewardsDistributor
/// @notice rSTB rewards for staked sSTB: R = S × T × M, stake (sSTB wei) × time staked (seconds) × the governed
/// multiplier M (`rewards.multiplier`, rSTB wei per sSTB wei per second, as a wad). M may change over time; each
/// second is paid at the M in force during it (the ParameterStore's history is integrated).
/// @dev Paid by minting rSTB under the token's governed supply cap; when the cap leaves less room than owed,
/// the room is paid and the rest stays owed.
interface IRewardsDistributor is IRewardsHook {
    /// @notice `account` was paid `paid` rSTB wei; `stillOwed` remains (cap reached).
    event RewardsClaimed(address indexed account, uint256 paid, uint256 stillOwed);

    /// @notice Nothing has accrued to `account`.
    error RewardsNothingToClaim(address account);
    /// @notice `owed` is accrued but rSTB supply `supply` has reached the governed cap `cap`.
    error RewardsSupplyCapReached(address account, uint256 owed, uint256 supply, uint256 cap);
    /// @notice Reading the multiplier's history failed with Panic `code` (never expected).
    error RewardsHistoryUnreadable(uint256 code);

    /// @notice Pay the caller's accrued rewards in rSTB. @dev Restricted to PUBLIC_ROLE: anyone, pausable.
    function claim() external returns (uint256 paid);

    /// @notice rSTB wei accrued to `account` and not yet paid, up to now.
    function accruedOf(address account) external view returns (uint256);

    /// @notice ∫ M dt since deployment up to now (wad × seconds): the reward of one sSTB wei, times 1e18.
    function rewardIndex() external view returns (uint256);

    /// @notice rSTB wei paid in total (per account: the RewardsClaimed events).
    function totalPaid() external view returns (uint256);
}
