// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IExpirySettlement} from "./IExpirySettlement.sol";

/// @title IOptionsMarket
/// @notice Cash-settled European calls and puts on the CU price, written by fully collateralised writers and
/// bought at the writer's premium. A call is collateralised with sSTB (1 sSTB per CU written) and pays its holder
/// (S − K) / S sSTB per CU, at most the 1 sSTB locked; a put is collateralised with K quote per CU and pays
/// (K − S) quote per CU. S is the settlement price: the CU/USD feed's first answer at or after expiry
/// (fixed once, with its round id as proof). Holders exercise
/// after expiry; writers reclaim what the holders are not owed. See docs/MARKETS.md.
interface IOptionsMarket is IExpirySettlement {
    /// @notice One writer's offer. Amounts in CU wad; strike in USD wad; premium in quote units per CU.
    /// @dev Writing fills two storage slots; `soldCu` has a slot of its own, first written by a purchase.
    struct Offer {
        address writer;
        uint40 expiry;
        bool isCall;
        bool reclaimed;
        uint96 strikeWad;
        uint96 amountCu;
        uint64 premiumPerCuQuote;
        uint128 soldCu;
    }

    /// @notice `writer` wrote `amountCu` options, locking `collateral` (sSTB wei for calls, quote for puts).
    event OptionWritten(
        uint256 indexed id,
        address indexed writer,
        bool isCall,
        uint256 strikeWad,
        uint40 indexed expiry,
        uint256 amountCu,
        uint256 premiumPerCuQuote,
        uint256 collateral
    );
    /// @notice `buyer` bought `amountCu` of offer `id`, paying `premiumQuote` to the writer and `feeQuote`.
    event OptionBought(
        uint256 indexed id,
        address indexed buyer,
        uint256 amountCu,
        uint256 premiumQuote,
        uint256 feeQuote
    );
    /// @notice The writer withdrew the unsold `amountCu` of offer `id` and got `collateral` back.
    event OfferCancelled(uint256 indexed id, uint256 amountCu, uint256 collateral);
    /// @notice `holder` exercised `amountCu` of offer `id` at `settlementPriceWad` for `payout`.
    event OptionExercised(
        uint256 indexed id,
        address indexed holder,
        uint256 amountCu,
        uint256 settlementPriceWad,
        uint256 payout
    );
    /// @notice The writer of offer `id` reclaimed `collateral` after expiry.
    event CollateralReclaimed(uint256 indexed id, address indexed writer, uint256 collateral);
    /// @notice Governance collected `amount` of accrued fees (quote units) to `to`.
    event FeesCollected(address indexed to, uint256 amount);

    /// @notice An amount of zero (or a strike of zero).
    error OptionsZeroAmount();
    /// @notice No offer has id `id`.
    error OptionsUnknownOffer(uint256 id);
    /// @notice `strikeWad` lies outside [minWad, maxWad], the governed band around the CU price.
    error OptionsStrikeOutOfRange(uint256 strikeWad, uint256 minWad, uint256 maxWad);
    /// @notice `expiry` is not a multiple of `interval` or lies outside [earliest, latest].
    error OptionsInvalidExpiry(uint256 expiry, uint256 interval, uint256 earliest, uint256 latest);
    /// @notice One offer may write at most `maxCu`; `amountCu` was asked.
    error OptionsAmountTooLarge(uint256 amountCu, uint256 maxCu);
    /// @notice Offer `id` expired at `expiry` (now `nowTs`).
    error OptionsExpired(uint256 id, uint256 expiry, uint256 nowTs);
    /// @notice Offer `id` expires at `expiry`, still in the future (now `nowTs`).
    error OptionsNotExpired(uint256 id, uint256 expiry, uint256 nowTs);
    /// @notice Offer `id` has `availableCu` left, less than the `requestedCu`.
    error OptionsInsufficientAvailable(uint256 id, uint256 requestedCu, uint256 availableCu);
    /// @notice Only the writer of offer `id` may do this.
    error OptionsNotWriter(uint256 id, address caller, address writer);
    /// @notice `holder` holds none of offer `id`.
    error OptionsNothingToExercise(uint256 id, address holder);
    /// @notice The collateral of offer `id` was already reclaimed.
    error OptionsAlreadyReclaimed(uint256 id);
    /// @notice The quote token has more than 18 decimals.
    error OptionsUnsupportedQuoteDecimals(uint8 decimals);

    /// @notice Write `amountCu` options and lock their full collateral from the caller.
    /// @dev PUBLIC_ROLE via the authority. Reverts OptionsStrikeOutOfRange, OptionsInvalidExpiry,
    /// OptionsAmountTooLarge, or MarketOracleFailed when the oracle has no trusted price.
    /// @param isCall Call (sSTB collateral) or put (quote collateral).
    /// @param strikeWad Strike, USD wad, within `options.strikeBandBps` of the CU price.
    /// @param expiry Unix seconds, a multiple of `options.expiryInterval`, within [now + `options.minExpiry`,
    /// now + `options.maxExpiry`].
    /// @param amountCu CU (wad), at most `options.maxOfferCu`.
    /// @param premiumPerCuQuote Price per CU in quote units the writer asks.
    /// @return id The offer id.
    function write(
        bool isCall,
        uint256 strikeWad,
        uint40 expiry,
        uint256 amountCu,
        uint256 premiumPerCuQuote
    ) external returns (uint256 id);

    /// @notice Buy `amountCu` of offer `id` before expiry: premium to the writer, `options.feeBps` of it to the
    /// market. @dev PUBLIC_ROLE via the authority.
    function buy(uint256 id, uint256 amountCu) external;

    /// @notice The writer withdraws the unsold part of offer `id` before expiry. @dev PUBLIC_ROLE; writer only.
    function cancelUnsold(uint256 id) external returns (uint256 collateral);

    /// @notice After expiry, pay the caller's holding of offer `id` at the settlement price (zero if out of the
    /// money; the holding is consumed either way). @dev PUBLIC_ROLE via the authority.
    function exercise(uint256 id) external returns (uint256 payout);

    /// @notice After expiry, return to the writer the collateral not owed to holders. @dev PUBLIC_ROLE; anyone may
    /// call, the writer is paid.
    function reclaim(uint256 id) external returns (uint256 collateral);

    /// @notice Send accrued fees to `to`. @dev Restricted: ADMIN (the Timelock).
    function collectFees(address to) external returns (uint256 amount);

    /// @notice Offer `id` (writer zero when unknown).
    function offer(uint256 id) external view returns (Offer memory);

    /// @notice How much of offer `id` `holder` holds (CU wad).
    function holding(uint256 id, address holder) external view returns (uint256);

    /// @notice Fees accrued and not yet collected (quote units).
    function feesAccrued() external view returns (uint256);

    /// @notice Id the next offer will get.
    function nextOfferId() external view returns (uint256);
}
