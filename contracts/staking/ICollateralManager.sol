// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ICollateralManager
/// @notice Provider collateral (an ERC-20 priced by the oracle) against the CU the provider backs (its sSTB
/// minted and not yet redeemed). Collateral value must stay at least `collateral.minRatioBps` (default 120%) of
/// the backed CU's value (CU × CU/USD). Providers top up and withdraw the excess; a provider below the ratio
/// (only a price move can put it there) can be liquidated with a governed penalty.
/// @dev Values are USD wad. Valuation reverts with the oracle's named error when a price cannot be trusted.
interface ICollateralManager {
    /// @notice Per provider: backing (CU-wei), reserved (CU-wei under redemption), collateral (token units).
    /// @dev backing and reserved share a slot: reserving for a redemption then writes one slot that is already
    /// non-zero, instead of creating one each time a provider with nothing reserved is assigned a request.
    struct Account {
        uint128 backing;
        uint128 reserved;
        uint128 collateral;
    }

    /// @notice A missed delivery to settle (see `compensate`).
    struct Compensation {
        address provider;
        uint256 cuAmount; // reserved backing settled (CU-wei)
        address recipient; // the user, paid in collateral
        uint256 compensationBps; // of the CU value
        uint256 pricedAt; // unix seconds: both prices are the first feed answers at or after it
        uint80 cuRoundId; // the CU/USD feed's first round at or after `pricedAt`
        uint80 collateralRoundId; // the COLLATERAL/USD feed's first round at or after `pricedAt`
    }

    event CollateralDeposited(address indexed provider, uint256 amount, uint256 collateral);
    event CollateralWithdrawn(address indexed provider, uint256 amount, uint256 collateral);
    event BackingAdded(address indexed provider, uint256 cuAmount, uint256 backing);
    event BackingReserved(address indexed provider, uint256 cuAmount, uint256 reserved);
    /// @notice Delivery confirmed: `cuAmount` of backing settled and `collateralReleased` returned pro rata.
    event BackingReleased(address indexed provider, uint256 cuAmount, uint256 collateralReleased);
    /// @notice Delivery missed: `cuAmount` settled by paying `collateralPaid` to `recipient`.
    event BackingCompensated(
        address indexed provider,
        address indexed recipient,
        uint256 cuAmount,
        uint256 collateralPaid
    );
    event Liquidated(address indexed provider, address indexed liquidator, uint256 cuRepaid, uint256 collateralSeized);

    error CollateralZeroAmount();
    /// @notice After the action `provider` would hold `collateralUsd` of collateral against `requiredUsd` needed.
    error CollateralBelowMinRatio(address provider, uint256 collateralUsd, uint256 requiredUsd);
    /// @notice `provider` holds `collateral` token units, `amount` asked.
    error CollateralInsufficient(address provider, uint256 collateral, uint256 amount);
    /// @notice `provider` is at or above the ratio: `collateralUsd` ≥ `requiredUsd`.
    error CollateralNotLiquidatable(address provider, uint256 collateralUsd, uint256 requiredUsd);
    /// @notice `provider` has `available` unreserved backing (CU-wei), `amount` asked.
    error CollateralInsufficientBacking(address provider, uint256 available, uint256 amount);
    /// @notice Top-ups (`deposit`) are paused until `pausedUntil`, so `provider` cannot defend its ratio: it cannot
    /// be liquidated either.
    error CollateralTopUpsPaused(address provider, uint64 pausedUntil);
    /// @notice `provider` has `reserved` CU-wei under redemption, `amount` asked to settle.
    error CollateralInsufficientReserved(address provider, uint256 reserved, uint256 amount);

    /// @notice Top up the caller's collateral with `amount` token units (approved).
    /// @dev Restricted to PUBLIC_ROLE: anyone (for itself), pausable by the guardians.
    function deposit(uint256 amount) external;

    /// @notice Withdraw `amount` token units of the caller's collateral; the ratio must hold afterwards.
    /// @dev Restricted to PUBLIC_ROLE, pausable.
    function withdraw(uint256 amount) external;

    /// @notice Repay `cuAmount` of `provider`'s unreserved backing with the caller's sSTB (burned) and receive
    /// collateral worth its value plus `collateral.liqPenaltyBps`, capped at the provider's collateral. Only while
    /// the provider is below the ratio, and not while top-ups are paused (`CollateralTopUpsPaused`): a pause that
    /// stops a provider defending its ratio holds its liquidation too. @dev Restricted to PUBLIC_ROLE, pausable.
    function liquidate(address provider, uint256 cuAmount) external returns (uint256 seized);

    /// @notice Add `cuAmount` of backing to `provider`; the ratio must hold afterwards.
    /// @dev Wired: the MintingAgent (`mintingAgent`); any other caller needs BACKING_ISSUER through the authority.
    function addBacking(address provider, uint256 cuAmount) external;

    /// @notice Reserve `cuAmount` of `provider`'s backing for a redemption.
    /// @dev Restricted: BACKING_SETTLER (Redemption).
    function reserveBacking(address provider, uint256 cuAmount) external;

    /// @notice Settle `cuAmount` of reserved backing as delivered: collateral released to the provider pro rata.
    /// @dev Restricted: BACKING_SETTLER (Redemption).
    function releaseReserved(address provider, uint256 cuAmount) external returns (uint256 released);

    /// @notice Settle `c.cuAmount` of reserved backing as missed: pay `c.recipient` collateral worth the CU value
    /// times `c.compensationBps`, capped at the provider's collateral, both assets priced at `c.pricedAt` (the first
    /// feed rounds at or after it, IPriceOracle.firstPriceAtOrAfter; a wrong round id reverts with the oracle's
    /// error). @dev Restricted: BACKING_SETTLER (Redemption).
    function compensate(Compensation calldata c) external returns (uint256 paid);

    /// @notice The collateral token.
    function collateralToken() external view returns (IERC20);

    /// @notice The account of `provider`.
    function accountOf(address provider) external view returns (Account memory);

    /// @notice How many providers have backing > 0 (the candidates for an automatically assigned redemption).
    function backedProviderCount() external view returns (uint256);

    /// @notice The backed provider at `index` (< backedProviderCount; order changes as providers leave).
    function backedProviderAt(uint256 index) external view returns (address);

    /// @notice Backing of `provider` not reserved by redemptions (CU-wei).
    function availableBacking(address provider) external view returns (uint256);

    /// @notice USD wad value of `provider`'s collateral now.
    function collateralValueUsd(address provider) external view returns (uint256);

    /// @notice USD wad of collateral `provider` must hold now: backing × CU/USD × minRatio.
    function requiredCollateralUsd(address provider) external view returns (uint256);

    /// @notice Whether `provider` is below the ratio now (liquidatable).
    function isLiquidatable(address provider) external view returns (bool);

    /// @notice The MintingAgent wired in at construction: it calls `addBacking` with one address comparison instead of an
    /// authority look-up; any other caller needs the function's role through the authority.
    function mintingAgent() external view returns (address);
}
