// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IExpirySettlement} from "./IExpirySettlement.sol";

/// @title IFuturesMarket
/// @notice Cash-settled futures on the CU price, margined in the quote token, with the market (its insurance
/// fund) as counterparty. Fills are priced at the oracle index plus a skew premium: index × (1 + skew /
/// `futures.skewScaleCu`), with skew = long − short open interest averaged over the trade and bounded to ±half the
/// scale (the factor stays in [0.5, 1.5]); open interest per side is capped at `futures.maxOpenInterestCu` and at
/// half the scale; an open's margin must also cover the premium paid on the crowded side; `futuresPrice()` is
/// that premium-adjusted price at the current skew, read by the peg controller. Positions are marked at the
/// index: equity = margin + size × (index − entry) (negated for shorts). Below `futures.maintMarginBps` of
/// notional anyone may liquidate; at expiry each position settles at the CU/USD feed's first answer at or after
/// expiry, fixed once with its round id as proof. Profits are paid from the insurance fund, never from other
/// traders' margin. See docs/MARKETS.md.
interface IFuturesMarket is IExpirySettlement {
    /// @notice One position. Amounts: size in CU wad, prices in USD wad, margin in quote units.
    /// @dev Two storage slots: (owner, margin) and (expiry, side, size, entry price); 96 bits hold 7.9e28.
    struct Position {
        address owner;
        uint96 marginQuote;
        uint40 expiry;
        bool isLong;
        uint96 sizeCu;
        uint96 entryPriceWad;
    }

    /// @notice A position was opened at `entryPriceWad` with `marginQuote` after the fee `feeQuote`.
    event PositionOpened(
        uint256 indexed id,
        address indexed owner,
        uint40 indexed expiry,
        bool isLong,
        uint256 sizeCu,
        uint256 entryPriceWad,
        uint256 marginQuote,
        uint256 feeQuote
    );
    /// @notice Margin was added (by anyone) or removed (by the owner); `marginQuote` is the new margin.
    event MarginChanged(uint256 indexed id, address indexed by, int256 deltaQuote, uint256 marginQuote);
    /// @notice The owner closed the position before expiry at `exitPriceWad`.
    event PositionClosed(uint256 indexed id, uint256 exitPriceWad, int256 pnlQuote, uint256 feeQuote, uint256 payout);
    /// @notice A position below maintenance margin was liquidated at the index `indexWad`.
    event PositionLiquidated(
        uint256 indexed id,
        address indexed liquidator,
        uint256 indexWad,
        int256 equityQuote,
        uint256 maintenanceQuote,
        uint256 rewardQuote
    );
    /// @notice A position settled at its expiry's settlement price.
    event PositionSettled(uint256 indexed id, uint256 settlementPriceWad, int256 pnlQuote, uint256 payout);
    /// @notice `from` added `amount` (quote units) to the insurance fund.
    event InsuranceFunded(address indexed from, uint256 amount);
    /// @notice Governance collected `amount` of accrued fees (quote units) to `to`.
    event FeesCollected(address indexed to, uint256 amount);

    /// @notice An amount or size of zero.
    error FuturesZeroAmount();
    /// @notice `expiry` is not a multiple of `interval` or lies outside [earliest, latest].
    error FuturesInvalidExpiry(uint256 expiry, uint256 interval, uint256 earliest, uint256 latest);
    /// @notice Open interest on the side (`isLong`) would reach `openInterestAfter`, above `cap` (CU wad): the
    /// smaller of `futures.maxOpenInterestCu` and half of `futures.skewScaleCu`.
    error FuturesOpenInterestCap(bool isLong, uint256 openInterestAfter, uint256 cap);
    /// @notice Margin (equity after the change, quote units; for an open, after the fee and the premium paid on
    /// the crowded side) `equityQuote` is below `requiredQuote`.
    error FuturesInsufficientMargin(int256 equityQuote, uint256 requiredQuote);
    /// @notice No open position has id `id`.
    error FuturesUnknownPosition(uint256 id);
    /// @notice Only the owner may do this to position `id`.
    error FuturesNotOwner(uint256 id, address caller, address owner);
    /// @notice Position `id` expired at `expiry` (now `nowTs`): it can only be settled.
    error FuturesExpired(uint256 id, uint256 expiry, uint256 nowTs);
    /// @notice Position `id` has equity `equityQuote`, not below its maintenance margin `maintenanceQuote`.
    error FuturesNotLiquidatable(uint256 id, int256 equityQuote, uint256 maintenanceQuote);
    /// @notice `addMargin` is paused until `pausedUntil`: position `id` cannot be defended, so it cannot be liquidated.
    error FuturesMarginTopUpsPaused(uint256 id, uint64 pausedUntil);
    /// @notice Paying `requiredQuote` out of the insurance fund needs more than its `insuranceQuote`.
    error FuturesInsufficientLiquidity(uint256 requiredQuote, uint256 insuranceQuote);
    /// @notice The peg breaker is tripped: new positions are halted (closing, margin, liquidation, settlement go on).
    error FuturesBreakerTripped(uint256 pegPriceWad);
    /// @notice The quote token has more than 18 decimals.
    error FuturesUnsupportedQuoteDecimals(uint8 decimals);

    /// @notice Open a position. `marginQuote` is pulled from the caller; the fee (`futures.feeBps` of notional at
    /// the fill) is taken from it, and what remains must cover `futures.initialMarginBps` of notional at the
    /// index. @dev PUBLIC_ROLE via the authority. Reverts FuturesBreakerTripped while the peg breaker is tripped.
    /// @param expiry Unix seconds, a multiple of `futures.expiryInterval`, in (now, now + `futures.maxHorizon`].
    /// @param isLong True for long. @param sizeCu Size in CU (wad). @param marginQuote Margin in quote units.
    /// @return id The new position's id.
    function openPosition(
        uint40 expiry,
        bool isLong,
        uint256 sizeCu,
        uint256 marginQuote
    ) external returns (uint256 id);

    /// @notice Add `amountQuote` margin to position `id` (anyone may top up). @dev PUBLIC_ROLE.
    function addMargin(uint256 id, uint256 amountQuote) external;

    /// @notice Withdraw `amountQuote` margin; equity afterwards must cover initial margin. Owner only.
    /// @dev PUBLIC_ROLE via the authority; the position's owner check is in the function.
    function removeMargin(uint256 id, uint256 amountQuote) external;

    /// @notice Close position `id` before expiry at the fill price for its size; pays margin + PnL − fee (floored
    /// at zero) to the owner. Owner only. @dev PUBLIC_ROLE via the authority.
    function closePosition(uint256 id) external returns (uint256 payout);

    /// @notice Liquidate position `id` whose equity at the index is below maintenance margin; the caller earns
    /// `futures.liqRewardBps` of notional (at most the margin), the rest of the margin goes to the insurance fund.
    /// Not while `addMargin` is paused (FuturesMarginTopUpsPaused): a pause that stops owners defending a position
    /// holds its liquidation too. @dev PUBLIC_ROLE via the authority. Reverts FuturesNotLiquidatable otherwise.
    function liquidate(uint256 id) external returns (uint256 rewardQuote);

    /// @notice Settle expired position `id` at its expiry's settlement price; pays the owner. Anyone may call.
    /// @dev PUBLIC_ROLE via the authority.
    function settle(uint256 id) external returns (uint256 payout);

    /// @notice Add `amountQuote` to the insurance fund that pays traders' profits. @dev PUBLIC_ROLE.
    function fundInsurance(uint256 amountQuote) external;

    /// @notice Send accrued fees to `to`. @dev Restricted: ADMIN (the Timelock).
    function collectFees(address to) external returns (uint256 amount);

    /// @notice The futures price (USD wad): index × (1 + skew / skewScale). Reverts MarketOracleFailed.
    function futuresPrice() external view returns (uint256 priceWad);

    /// @notice The futures price for a given index price (USD wad): `indexWad` × (1 + skew / skewScale). Lets the
    /// peg controller price futures from the index it already read, with one oracle read per poke.
    function futuresPriceAt(uint256 indexWad) external view returns (uint256 priceWad);

    /// @notice Position `id` (owner zero when none).
    function position(uint256 id) external view returns (Position memory);

    /// @notice Equity at the index (quote units, may be negative) and maintenance requirement of `id`.
    function health(uint256 id) external view returns (int256 equityQuote, uint256 maintenanceQuote);

    /// @notice Open interest per side (CU wad).
    function openInterest() external view returns (uint256 longCu, uint256 shortCu);

    /// @notice Accounting, quote units: sum of open margins, insurance fund, fees not yet collected.
    function accounts() external view returns (uint256 totalMargin, uint256 insurance, uint256 fees);

    /// @notice Id the next position will get.
    function nextPositionId() external view returns (uint256);
}
