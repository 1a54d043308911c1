// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IRedemption} from "./IRedemption.sol";
import {IComputeUnitVerifier} from "./IComputeUnitVerifier.sol";
import {ISSTBToken} from "./ISSTBToken.sol";
import {IStab3lAuthority} from "../access/IStab3lAuthority.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";
import {IParameterStore} from "../params/IParameterStore.sol";
import {ICollateralManager} from "../staking/ICollateralManager.sol";

/// @title Redemption
/// @notice sSTB → compute, with collateral released on delivery or paid out on a missed deadline (see IRedemption).
contract Redemption is IRedemption, Stab3lManaged {
    using SafeERC20 for IERC20;

    bytes32 public constant FEE_KEY = "redemption.feeBps";
    bytes32 public constant WINDOW_KEY = "redemption.deliveryWindow";
    bytes32 public constant COMPENSATION_KEY = "redemption.compensationBps";
    bytes32 public constant MAX_EXTENSION_KEY = "redemption.maxDeadlineExtension";
    /// @notice Providers examined by one automatic assignment (bounds the gas of `redeem`).
    uint256 public constant MAX_ASSIGNMENT_SCAN = 16;
    uint256 private constant _BPS = 10_000;

    IParameterStore public immutable parameters;
    ISSTBToken public immutable sstb;
    IComputeUnitVerifier public immutable verifier;
    ICollateralManager public immutable collateral;

    address private _feeRecipient;
    // 1 + the next provider index for automatic assignment: biased so the slot is never zero and the first
    // automatic assignment updates it instead of creating it.
    uint256 private _cursorPlusOne;
    Request[] private _requests;

    /// @param feeRecipientAddress Receives redemption fees (the Timelock, as treasury).
    constructor(
        address initialAuthority,
        IParameterStore parameterStore,
        ISSTBToken sstbToken,
        IComputeUnitVerifier cuVerifier,
        ICollateralManager collateralManager,
        address feeRecipientAddress
    ) Stab3lManaged(initialAuthority) {
        parameters = parameterStore;
        sstb = sstbToken;
        verifier = cuVerifier;
        collateral = collateralManager;
        _setFeeRecipient(feeRecipientAddress);
        _cursorPlusOne = 1;
    }

    /// @inheritdoc IRedemption
    function redeem(uint256 amount, address provider) external restricted returns (uint256 requestId) {
        uint256 fee = Math.mulDiv(amount, parameters.get(FEE_KEY), _BPS); // no overflow panic on absurd amounts
        if (amount <= fee) revert RedemptionAmountTooSmall(amount, fee);
        uint256 net = amount - fee;
        if (provider == address(0)) provider = _assign(net);
        else if (!verifier.isActiveProvider(provider)) revert RedemptionInactiveProvider(provider);
        collateral.reserveBacking(provider, net);

        uint256 deadline = block.timestamp + parameters.get(WINDOW_KEY);
        requestId = _requests.length;
        _requests.push(Request(msg.sender, uint48(deadline), Status.Pending, provider, SafeCast.toUint96(net)));
        emit RedemptionRequested(requestId, msg.sender, provider, net, fee, deadline);

        // Straight from the user: the fee to its recipient, the rest burned (no round trip through this contract).
        if (fee != 0) IERC20(address(sstb)).safeTransferFrom(msg.sender, _feeRecipient, fee);
        sstb.burnFrom(msg.sender, net);
    }

    /// @inheritdoc IRedemption
    function confirmDelivery(uint256 requestId) external restricted returns (uint256 collateralReleased) {
        Request storage r = _pending(requestId);
        if (msg.sender != r.provider) revert RedemptionNotAssignedProvider(requestId, msg.sender, r.provider);
        // Pauses only ever move a deadline later: within the request's own, no need to ask the authority.
        if (block.timestamp > r.deadline) {
            uint256 deadline = _deliveryDeadline(r, _deliveryPathPauseEnd());
            if (block.timestamp > deadline) revert RedemptionDeadlinePassed(requestId, deadline, block.timestamp);
        }
        r.status = Status.Delivered;
        collateralReleased = collateral.releaseReserved(r.provider, r.amount);
        emit DeliveryConfirmed(requestId, r.provider, collateralReleased);
    }

    /// @inheritdoc IRedemption
    function claimCompensation(
        uint256 requestId,
        uint80 cuRoundId,
        uint80 collateralRoundId
    ) external restricted returns (uint256 collateralPaid) {
        Request storage r = _pending(requestId);
        uint64 pathPauseEnd = _deliveryPathPauseEnd();
        uint256 deadline = _deliveryDeadline(r, pathPauseEnd);
        // A running pause of the delivery path holds the claim only until the capped deadline: past it, guardians
        // alternating pauses (say confirmDelivery, then releaseReserved) cannot hold the user's claim any longer.
        if (pathPauseEnd > block.timestamp && deadline >= pathPauseEnd) {
            revert RedemptionConfirmationsPaused(requestId, pathPauseEnd);
        }
        if (block.timestamp <= deadline) revert RedemptionDeadlineNotReached(requestId, deadline, block.timestamp);
        r.status = Status.Compensated;
        collateralPaid = collateral.compensate(
            ICollateralManager.Compensation({
                provider: r.provider,
                cuAmount: r.amount,
                recipient: r.user,
                compensationBps: parameters.get(COMPENSATION_KEY),
                pricedAt: deadline,
                cuRoundId: cuRoundId,
                collateralRoundId: collateralRoundId
            })
        );
        emit RedemptionCompensated(requestId, r.user, r.provider, collateralPaid);
    }

    /// @inheritdoc IRedemption
    function setFeeRecipient(address recipient) external restricted {
        _setFeeRecipient(recipient);
    }

    /// @inheritdoc IRedemption
    function feeRecipient() external view returns (address) {
        return _feeRecipient;
    }

    /// @inheritdoc IRedemption
    function request(uint256 requestId) external view returns (Request memory) {
        if (requestId >= _requests.length) revert RedemptionUnknownRequest(requestId);
        return _requests[requestId];
    }

    /// @inheritdoc IRedemption
    function deliveryDeadline(uint256 requestId) external view returns (uint256) {
        if (requestId >= _requests.length) revert RedemptionUnknownRequest(requestId);
        return _deliveryDeadline(_requests[requestId], _deliveryPathPauseEnd());
    }

    /// @inheritdoc IRedemption
    function deliveryPathPauseEnd() external view returns (uint64) {
        return _deliveryPathPauseEnd();
    }

    /// @inheritdoc IRedemption
    function requestCount() external view returns (uint256) {
        return _requests.length;
    }

    /// @inheritdoc IRedemption
    function totalRedeemed() external view returns (uint256) {
        return sstb.burnedBy(address(this));
    }

    /// @dev The deadline `r` is held to, given `pathPauseEnd` (see `_deliveryPathPauseEnd`). A pause of the delivery
    /// path that ended less than a delivery window before the request's deadline (or has not ended) may have
    /// blocked the confirmation: the provider gets a full window after its end, but never more than
    /// `redemption.maxDeadlineExtension` beyond the request's own deadline, so no chain of pauses can hold the
    /// user's claim for ever. Pauses that ended before the request leave its deadline alone; pauses of functions
    /// off the path (`redeem`, `withdraw`, ...) never move it.
    function _deliveryDeadline(Request storage r, uint64 pathPauseEnd) internal view returns (uint256) {
        uint256 deadline = r.deadline;
        if (pathPauseEnd == 0) return deadline;
        uint256 afterPause = uint256(pathPauseEnd) + parameters.get(WINDOW_KEY);
        if (afterPause <= deadline) return deadline;
        uint256 cap = deadline + parameters.get(MAX_EXTENSION_KEY);
        return afterPause < cap ? afterPause : cap;
    }

    /// @dev The end of the latest pause of any function a confirmation runs through: this contract's
    /// `confirmDelivery` and the collateral manager's `releaseReserved`, each by itself or with its whole contract
    /// (IStab3lAuthority.pauseEnd). In the future while one of them is paused.
    function _deliveryPathPauseEnd() internal view returns (uint64) {
        IStab3lAuthority manager = IStab3lAuthority(authority());
        uint64 here = manager.pauseEnd(address(this), this.confirmDelivery.selector);
        uint64 there = manager.pauseEnd(address(collateral), ICollateralManager.releaseReserved.selector);
        return here > there ? here : there;
    }

    function _pending(uint256 requestId) internal view returns (Request storage r) {
        if (requestId >= _requests.length) revert RedemptionUnknownRequest(requestId);
        r = _requests[requestId];
        if (r.status != Status.Pending) revert RedemptionNotPending(requestId, r.status);
    }

    /// @dev Round robin from the cursor over at most MAX_ASSIGNMENT_SCAN providers with backing (the collateral
    /// manager's set, which only a verified mint enters, so empty registrations cannot crowd it): the first
    /// active one with `amount` of unreserved backing gets the request; the cursor moves past it.
    function _assign(uint256 amount) internal returns (address) {
        uint256 count = collateral.backedProviderCount();
        uint256 scan = count < MAX_ASSIGNMENT_SCAN ? count : MAX_ASSIGNMENT_SCAN;
        uint256 start = _cursorPlusOne - 1;
        for (uint256 i = 0; i < scan; ++i) {
            uint256 index = (start + i) % count;
            address candidate = collateral.backedProviderAt(index);
            if (collateral.availableBacking(candidate) >= amount && verifier.isActiveProvider(candidate)) {
                _cursorPlusOne = index + 2;
                return candidate;
            }
        }
        revert RedemptionNoProviderAvailable(amount, scan);
    }

    function _setFeeRecipient(address recipient) internal {
        if (recipient == address(0)) revert RedemptionInvalidFeeRecipient(recipient);
        emit FeeRecipientSet(_feeRecipient, recipient);
        _feeRecipient = recipient;
    }
}
