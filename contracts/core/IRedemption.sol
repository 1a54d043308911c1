// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRedemption
/// @notice Flow 3: a holder redeems sSTB for compute. The sSTB is burned (less the governed fee, sent to the fee
/// recipient), the request is assigned to a provider with enough unreserved backing, and the provider is
/// notified (RedemptionRequested, indexed by provider). The provider confirms delivery by the governed deadline
/// and its collateral is released pro rata; a request not confirmed in time compensates the holder from that
/// provider's collateral (CU value × `redemption.compensationBps`).
interface IRedemption {
    enum Status {
        None,
        Pending,
        Delivered,
        Compensated
    }

    /// @notice One redemption request.
    struct Request {
        address user; // who redeemed and is owed the compute (or the compensation)
        uint48 deadline; // unix seconds; delivery must be confirmed by then
        Status status;
        address provider; // assigned provider
        uint96 amount; // CU-wei to deliver (the sSTB burned)
    }

    event RedemptionRequested(
        uint256 indexed requestId,
        address indexed user,
        address indexed provider,
        uint256 amount,
        uint256 fee,
        uint256 deadline
    );
    event DeliveryConfirmed(uint256 indexed requestId, address indexed provider, uint256 collateralReleased);
    event RedemptionCompensated(
        uint256 indexed requestId,
        address indexed user,
        address indexed provider,
        uint256 collateralPaid
    );
    event FeeRecipientSet(address oldRecipient, address newRecipient);

    /// @notice Zero amount, or nothing left after the fee.
    error RedemptionAmountTooSmall(uint256 amount, uint256 fee);
    /// @notice No active provider with `amount` of unreserved backing among the candidates scanned.
    error RedemptionNoProviderAvailable(uint256 amount, uint256 scanned);
    /// @notice `provider` is not an active (registered, unsuspended) provider.
    error RedemptionInactiveProvider(address provider);
    error RedemptionUnknownRequest(uint256 requestId);
    error RedemptionNotPending(uint256 requestId, Status status);
    error RedemptionNotAssignedProvider(uint256 requestId, address caller, address provider);
    error RedemptionDeadlinePassed(uint256 requestId, uint256 deadline, uint256 nowTime);
    error RedemptionDeadlineNotReached(uint256 requestId, uint256 deadline, uint256 nowTime);
    error RedemptionInvalidFeeRecipient(address recipient);
    /// @notice A function on the delivery path (`confirmDelivery`, CollateralManager.`releaseReserved`, or either whole
    /// contract) is paused until `pausedUntil`, so compensation for `requestId` cannot be claimed.
    error RedemptionConfirmationsPaused(uint256 requestId, uint64 pausedUntil);

    /// @notice Redeem `amount` sSTB wei (approved) for compute. `provider` zero: assigned automatically (round
    /// robin over providers with enough unreserved backing); otherwise that provider.
    /// @dev Restricted to PUBLIC_ROLE: anyone, pausable by the guardians.
    function redeem(uint256 amount, address provider) external returns (uint256 requestId);

    /// @notice The assigned provider confirms it delivered the compute of `requestId`, by the deadline
    /// (see `deliveryDeadline`).
    /// @dev Restricted to PUBLIC_ROLE, pausable; only the assigned provider succeeds.
    function confirmDelivery(uint256 requestId) external returns (uint256 collateralReleased);

    /// @notice After the deadline of an unconfirmed request, pay its user compensation from the provider's
    /// collateral: the CU value × `redemption.compensationBps`, priced at the deadline (`deliveryDeadline`), i.e. at
    /// the first CU/USD and COLLATERAL/USD rounds published at or after it (PriceOracle.firstPriceAtOrAfter), so
    /// the amount does not depend on when, or by whom, it is claimed. Anyone may trigger it (the provider too);
    /// the user is paid. Refused while the delivery path is paused (`RedemptionConfirmationsPaused`), so a pause
    /// never turns into a provider's penalty — up to the capped deadline (`redemption.maxDeadlineExtension` past
    /// the request's own): beyond it a running delivery-path pause no longer holds the claim. Find the round ids
    /// off chain (oracles/rounds.ts, `firstRoundAtOrAfter(feed, deadline)`); a wrong one reverts with the
    /// oracle's named error.
    /// @dev Restricted to PUBLIC_ROLE, pausable.
    /// @param cuRoundId The CU/USD primary feed's first round at or after the deadline.
    /// @param collateralRoundId The COLLATERAL/USD primary feed's first round at or after the deadline.
    function claimCompensation(
        uint256 requestId,
        uint80 cuRoundId,
        uint80 collateralRoundId
    ) external returns (uint256 collateralPaid);

    /// @notice The deadline `requestId` is held to (unix seconds): its own, moved to a full delivery window after
    /// the end of the latest pause of the delivery path (`deliveryPathPauseEnd`) when that ended later, at most
    /// `redemption.maxDeadlineExtension` seconds beyond its own. Compensation is priced at it.
    function deliveryDeadline(uint256 requestId) external view returns (uint256);

    /// @notice The end of the latest pause of a function that `confirmDelivery` runs through (this contract's
    /// `confirmDelivery`, CollateralManager.`releaseReserved`, or either whole contract): in the future while one
    /// is paused (type(uint64).max: until governance lifts it), 0 if none ever was.
    function deliveryPathPauseEnd() external view returns (uint64);

    /// @notice Set the recipient of redemption fees (sSTB). @dev Restricted: ADMIN (the Timelock).
    function setFeeRecipient(address recipient) external;

    function feeRecipient() external view returns (address);

    function request(uint256 requestId) external view returns (Request memory);

    function requestCount() external view returns (uint256);

    /// @notice sSTB wei burned by redemptions in total.
    function totalRedeemed() external view returns (uint256);
}
