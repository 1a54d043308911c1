// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ISpotMarket
/// @notice sSTB against a quote token (a USD stablecoin) in an oracle-banded constant-product pool.
/// @dev Prices are USD per sSTB with 18 decimals, taking one quote token as one USD. Every swap must leave the
/// pool price within `spot.bandBps` of the oracle's CU price (1 sSTB = 1 CU), or, if the pool is outside the band
/// (the oracle moved further than one trade can follow), move it towards the band; swaps are capped at
/// `spot.maxTradeSstb`; a fee of `spot.feeBps` on the input stays in the pool for liquidity providers. While the
/// peg controller's breaker is tripped, swaps that move the pool price further from the peg price revert.
/// See docs/MARKETS.md.
interface ISpotMarket {
    /// @notice `provider` deposited `sstbAmount` (wei) and `quoteAmount` (quote units) for `shares`.
    event LiquidityAdded(address indexed provider, uint256 sstbAmount, uint256 quoteAmount, uint256 shares);
    /// @notice `provider` burned `shares` for `sstbAmount` (wei) and `quoteAmount` (quote units).
    event LiquidityRemoved(address indexed provider, uint256 sstbAmount, uint256 quoteAmount, uint256 shares);
    /// @notice A swap: `amountIn` of the input token for `amountOut`, `fee` (input units) kept by the pool.
    event Swapped(
        address indexed trader,
        bool indexed sellSstb,
        uint256 amountIn,
        uint256 amountOut,
        uint256 fee,
        uint256 priceAfterWad
    );

    /// @notice An amount of zero.
    error SpotZeroAmount();
    /// @notice The pool has no liquidity yet.
    error SpotNoLiquidity();
    /// @notice The swap moves `sstbAmount` (wei), more than the governed `maxTradeSstb`.
    error SpotTradeTooLarge(uint256 sstbAmount, uint256 maxTradeSstb);
    /// @notice The pool price after the operation, `priceWad`, lies outside the oracle band [lowerWad, upperWad]
    /// and (for a swap) is not closer to it than before.
    error SpotPriceOutsideBand(uint256 priceWad, uint256 lowerWad, uint256 upperWad);
    /// @notice The output `amountOut` is below the caller's minimum `minAmountOut`.
    error SpotSlippage(uint256 amountOut, uint256 minAmountOut);
    /// @notice The breaker is tripped and this swap would move the pool price from `priceBeforeWad` to
    /// `priceAfterWad`, further from the peg price `pegPriceWad`.
    error SpotBreakerTripped(uint256 priceBeforeWad, uint256 priceAfterWad, uint256 pegPriceWad);
    /// @notice `provider` holds `balance` shares, fewer than `shares`.
    error SpotInsufficientShares(address provider, uint256 shares, uint256 balance);
    /// @notice The deposit would mint `shares`, fewer than `minShares` (zero is never accepted).
    error SpotInsufficientSharesMinted(uint256 shares, uint256 minShares);
    /// @notice The quote token has more than 18 decimals.
    error SpotUnsupportedQuoteDecimals(uint8 decimals);

    /// @notice Deposit liquidity. The first deposit sets the price (which must lie in the oracle band) and locks
    /// MINIMUM_SHARES forever; later deposits take the largest amounts at the pool ratio not exceeding the ones
    /// given. @dev PUBLIC_ROLE via the authority (pausable by guardians).
    /// @param sstbAmount sSTB offered (wei). @param quoteAmount Quote offered (quote units).
    /// @param minShares Smallest acceptable number of shares.
    /// @return shares Shares minted to the caller.
    function addLiquidity(uint256 sstbAmount, uint256 quoteAmount, uint256 minShares) external returns (uint256 shares);

    /// @notice Burn `shares` for the pro-rata reserves. Needs no price: works while the oracle is down or the
    /// breaker is tripped. @dev PUBLIC_ROLE via the authority.
    /// @param minSstb Smallest acceptable sSTB out (wei). @param minQuote Smallest acceptable quote out.
    function removeLiquidity(
        uint256 shares,
        uint256 minSstb,
        uint256 minQuote
    ) external returns (uint256 sstbAmount, uint256 quoteAmount);

    /// @notice Swap `amountIn` of sSTB (sellSstb) or of the quote token for the other one, to the caller.
    /// @dev PUBLIC_ROLE via the authority. Reverts SpotTradeTooLarge, SpotPriceOutsideBand, SpotSlippage,
    /// SpotBreakerTripped, or MarketOracleFailed when the oracle has no trusted price.
    /// @param sellSstb True to sell sSTB for quote, false to buy sSTB with quote.
    /// @param amountIn Input amount (sSTB wei or quote units).
    /// @param minAmountOut Smallest acceptable output.
    /// @return amountOut Output sent to the caller.
    function swap(bool sellSstb, uint256 amountIn, uint256 minAmountOut) external returns (uint256 amountOut);

    /// @notice Output of a swap at the current reserves and fee (no band or breaker check).
    function quoteSwap(bool sellSstb, uint256 amountIn) external view returns (uint256 amountOut, uint256 fee);

    /// @notice The pool's marginal price, USD per sSTB (wad). Reverts SpotNoLiquidity on an empty pool.
    function spotPrice() external view returns (uint256 priceWad);

    /// @notice The time integral of the pool price up to now (USD wad × seconds), in the manner of Uniswap v2's
    /// price0CumulativeLast: (value now − value then) / (seconds between) is the time-weighted average price over
    /// that interval. A price set in the current block counts only from the next block on, so a trade and its
    /// reversal in one block leave it unchanged. Only differences are meaningful. Reverts SpotNoLiquidity on an
    /// empty pool.
    function priceCumulative() external view returns (uint256 cumulativeWadSeconds);

    /// @notice Reserves: sSTB (wei) and quote (quote units).
    function reserves() external view returns (uint256 sstbReserve, uint256 quoteReserve);

    /// @notice When the reserves last changed (unix seconds; the deployment time before the first deposit).
    function reservesUpdatedAt() external view returns (uint256);

    /// @notice Shares held by `provider`, and all shares.
    function sharesOf(address provider) external view returns (uint256);

    /// @notice Total shares, including the MINIMUM_SHARES locked by the first deposit.
    function totalShares() external view returns (uint256);

    /// @notice The sSTB token.
    function sstb() external view returns (IERC20);

    /// @notice The quote token.
    function quoteToken() external view returns (IERC20);
}
