// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IExpirySettlement
/// @notice How the futures and options markets fix one settlement price per expiry: from the CU/USD feed's first
/// round at or after the expiry, proven by its round id, or, when the feed cannot give one, by governance after a
/// governed delay. See docs/MARKETS.md.
interface IExpirySettlement {
    /// @notice The settlement price of `expiry` was fixed from a feed answer given at `updatedAt`.
    event SettlementPriceFixed(uint40 indexed expiry, uint256 priceWad, uint256 updatedAt);
    /// @notice Governance set the settlement price of `expiry`, which the feed could not give.
    event SettlementPriceSetByGovernance(uint40 indexed expiry, uint256 priceWad);

    /// @notice `expiry` is not reached yet (now `nowTs`): its settlement price cannot be fixed.
    error MarketExpiryNotReached(uint256 expiry, uint256 nowTs);
    /// @notice The settlement price of `expiry` is not fixed yet: call `fixSettlementPrice(expiry, roundId)` first.
    error MarketSettlementPriceNotFixed(uint256 expiry);
    /// @notice The settlement price of `expiry` is already fixed at `priceWad`.
    error MarketSettlementAlreadyFixed(uint256 expiry, uint256 priceWad);
    /// @notice Governance may set the settlement price of `expiry` only from `availableAt` on.
    error MarketSettlementFallbackTooEarly(uint256 expiry, uint256 availableAt);
    /// @notice A settlement price must be positive.
    error MarketInvalidSettlementPrice(uint256 priceWad);

    /// @notice Fix the settlement price of `expiry`: the CU/USD feed's first answer at or after `expiry`, proven
    /// by its round id `roundId` (the oracle checks that round is at or after expiry, the one before is not, and
    /// its Chainlink phase is the latest that answered before the expiry, so exactly one round qualifies),
    /// so the price does not depend on when, or by whom, it is fixed. Find the round with
    /// oracles/settlement-round.ts.
    /// @dev PUBLIC_ROLE via the authority; idempotent once fixed (a later call returns the fixed price).
    function fixSettlementPrice(uint40 expiry, uint80 roundId) external returns (uint256 priceWad);

    /// @notice Set the settlement price of `expiry` when the feed could not fix it: its first round at or after
    /// the expiry cannot be proven (the first of a Chainlink phase) or fails the oracle's checks, so no round ever
    /// will. Only for an expiry still unfixed the market's `settlementFallbackDelay` parameter after it.
    /// @dev Restricted: ADMIN (the Timelock), i.e. a passed proposal.
    function setSettlementPrice(uint40 expiry, uint256 priceWad) external;

    /// @notice Settlement price of `expiry` (zero until fixed).
    function settlementPrice(uint40 expiry) external view returns (uint256);
}
