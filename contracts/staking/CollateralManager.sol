// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {ICollateralManager} from "./ICollateralManager.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";
import {ISSTBToken} from "../core/ISSTBToken.sol";
import {Assets} from "../oracles/IPriceOracle.sol";
import {IPriceOracleAdmin} from "../oracles/IPriceOracleAdmin.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title CollateralManager
/// @notice Provider collateral against backed CU, with a governed minimum ratio and liquidation penalty
/// (see ICollateralManager).
/// @dev Rounding always favours the system: required collateral rounds up, collateral value and payouts round
/// down, so no action can leave a provider below the ratio through rounding.
contract CollateralManager is ICollateralManager, Stab3lManaged {
    using SafeERC20 for IERC20;
    using EnumerableSet for EnumerableSet.AddressSet;

    bytes32 public constant MIN_RATIO_KEY = "collateral.minRatioBps";
    bytes32 public constant PENALTY_KEY = "collateral.liqPenaltyBps";
    uint256 private constant _BPS = 10_000;
    uint256 private constant _WAD = 1e18;

    /// @notice The store holding the collateral parameters.
    IParameterStore public immutable parameters;
    /// @notice The price layer.
    IPriceOracleAdmin public immutable oracle;
    /// @notice sSTB (burned when liquidators repay backing).
    ISSTBToken public immutable sstb;
    IERC20 private immutable _token;
    uint256 private immutable _unit; // 10 ** token decimals
    /// @inheritdoc ICollateralManager
    address public immutable mintingAgent;

    mapping(address provider => Account) private _accounts;
    // Providers with backing > 0: the only ones a redemption can be assigned to. Entering it takes a verified
    // mint, so registering many empty providers cannot crowd real ones out of the assignment scan.
    EnumerableSet.AddressSet private _backed;

    /// @param initialAuthority The STAB3L authority.
    /// @param parameterStore The ParameterStore.
    /// @param priceOracle The oracle pricing CU/USD and COLLATERAL/USD.
    /// @param sstbToken sSTB.
    /// @param token The collateral token (its decimals are read once).
    /// @param agent The MintingAgent (its address predicted at deployment), wired for `addBacking`.
    constructor(
        address initialAuthority,
        IParameterStore parameterStore,
        IPriceOracleAdmin priceOracle,
        ISSTBToken sstbToken,
        IERC20Metadata token,
        address agent
    ) Stab3lManaged(initialAuthority) {
        mintingAgent = agent;
        parameters = parameterStore;
        oracle = priceOracle;
        sstb = sstbToken;
        _token = token;
        _unit = 10 ** token.decimals();
    }

    // ---------------------------------------------------------------- providers and liquidators

    /// @inheritdoc ICollateralManager
    function deposit(uint256 amount) external restricted {
        if (amount == 0) revert CollateralZeroAmount();
        Account storage a = _accounts[msg.sender];
        uint256 collateral = a.collateral + amount;
        a.collateral = SafeCast.toUint128(collateral);
        emit CollateralDeposited(msg.sender, amount, collateral);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc ICollateralManager
    function withdraw(uint256 amount) external restricted {
        if (amount == 0) revert CollateralZeroAmount();
        Account storage a = _accounts[msg.sender];
        uint256 collateral = a.collateral;
        if (amount > collateral) revert CollateralInsufficient(msg.sender, collateral, amount);
        collateral -= amount;
        a.collateral = uint128(collateral);
        if (a.backing != 0) _requireRatio(msg.sender, collateral, a.backing);
        emit CollateralWithdrawn(msg.sender, amount, collateral);
        _token.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ICollateralManager
    function liquidate(address provider, uint256 cuAmount) external restricted returns (uint256 seized) {
        if (cuAmount == 0) revert CollateralZeroAmount();
        Account storage a = _accounts[provider];
        uint256 backing = a.backing;
        uint256 available = backing - a.reserved;
        if (cuAmount > available) revert CollateralInsufficientBacking(provider, available, cuAmount);
        // While top-ups are paused the provider cannot defend its ratio: its liquidation waits for them to reopen.
        (bool topUpsPaused, uint64 pausedUntil) = _pauseOf(this.deposit.selector);
        if (topUpsPaused) revert CollateralTopUpsPaused(provider, pausedUntil);
        (uint256 cuPrice, uint256 collateralPrice) = oracle.prices(Assets.CU_USD, Assets.COLLATERAL_USD);
        uint256 collateral = a.collateral;
        uint256 valueUsd = _valueUsd(collateral, collateralPrice);
        uint256 requiredUsd = _requiredUsd(backing, cuPrice, parameters.get(MIN_RATIO_KEY));
        if (valueUsd >= requiredUsd) revert CollateralNotLiquidatable(provider, valueUsd, requiredUsd);

        uint256 seizeUsd = Math.mulDiv(cuAmount, cuPrice * (_BPS + parameters.get(PENALTY_KEY)), _WAD * _BPS);
        seized = Math.min(Math.mulDiv(seizeUsd, _unit, collateralPrice), collateral);
        a.collateral = uint128(collateral - seized);
        a.backing = uint128(backing - cuAmount);
        if (backing == cuAmount) _backed.remove(provider);
        emit Liquidated(provider, msg.sender, cuAmount, seized);
        sstb.burnFrom(msg.sender, cuAmount);
        if (seized != 0) _token.safeTransfer(msg.sender, seized);
    }

    // ---------------------------------------------------------------- protocol

    /// @inheritdoc ICollateralManager
    function addBacking(address provider, uint256 cuAmount) external restrictedOrWired(mintingAgent) {
        if (cuAmount == 0) revert CollateralZeroAmount();
        Account storage a = _accounts[provider];
        uint256 backing = a.backing + cuAmount;
        a.backing = SafeCast.toUint128(backing);
        if (backing == cuAmount) _backed.add(provider);
        _requireRatio(provider, a.collateral, backing);
        emit BackingAdded(provider, cuAmount, backing);
    }

    /// @inheritdoc ICollateralManager
    function reserveBacking(address provider, uint256 cuAmount) external restricted {
        if (cuAmount == 0) revert CollateralZeroAmount();
        Account storage a = _accounts[provider];
        uint256 reserved = a.reserved;
        uint256 available = a.backing - reserved;
        if (cuAmount > available) revert CollateralInsufficientBacking(provider, available, cuAmount);
        reserved += cuAmount;
        a.reserved = uint128(reserved);
        emit BackingReserved(provider, cuAmount, reserved);
    }

    /// @inheritdoc ICollateralManager
    function releaseReserved(address provider, uint256 cuAmount) external restricted returns (uint256 released) {
        Account storage a = _settle(provider, cuAmount);
        uint256 collateral = a.collateral;
        uint256 backing = a.backing;
        // Pro rata: the ratio of what stays is never below the ratio before (released rounds down).
        released = Math.mulDiv(collateral, cuAmount, backing);
        a.collateral = uint128(collateral - released);
        a.backing = uint128(backing - cuAmount);
        if (backing == cuAmount) _backed.remove(provider);
        emit BackingReleased(provider, cuAmount, released);
        if (released != 0) _token.safeTransfer(provider, released);
    }

    /// @inheritdoc ICollateralManager
    function compensate(Compensation calldata c) external restricted returns (uint256 paid) {
        Account storage a = _settle(c.provider, c.cuAmount);
        // Priced at the deadline, not at the claim: the feeds' history fixes one price, whoever claims whenever.
        (uint256 cuPrice, ) = oracle.firstPriceAtOrAfter(Assets.CU_USD, c.pricedAt, c.cuRoundId);
        (uint256 collateralPrice, ) = oracle.firstPriceAtOrAfter(
            Assets.COLLATERAL_USD,
            c.pricedAt,
            c.collateralRoundId
        );
        uint256 owedUsd = Math.mulDiv(c.cuAmount, cuPrice * c.compensationBps, _WAD * _BPS);
        uint256 collateral = a.collateral;
        paid = Math.min(Math.mulDiv(owedUsd, _unit, collateralPrice), collateral);
        a.collateral = uint128(collateral - paid);
        uint256 backing = a.backing - c.cuAmount;
        a.backing = uint128(backing);
        if (backing == 0) _backed.remove(c.provider);
        emit BackingCompensated(c.provider, c.recipient, c.cuAmount, paid);
        if (paid != 0) _token.safeTransfer(c.recipient, paid);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICollateralManager
    function collateralToken() external view returns (IERC20) {
        return _token;
    }

    /// @inheritdoc ICollateralManager
    function accountOf(address provider) external view returns (Account memory) {
        return _accounts[provider];
    }

    /// @inheritdoc ICollateralManager
    function backedProviderCount() external view returns (uint256) {
        return _backed.length();
    }

    /// @inheritdoc ICollateralManager
    function backedProviderAt(uint256 index) external view returns (address) {
        return _backed.at(index);
    }

    /// @inheritdoc ICollateralManager
    function availableBacking(address provider) external view returns (uint256) {
        Account storage a = _accounts[provider];
        return a.backing - a.reserved;
    }

    /// @inheritdoc ICollateralManager
    function collateralValueUsd(address provider) public view returns (uint256) {
        return _valueUsd(_accounts[provider].collateral, oracle.price(Assets.COLLATERAL_USD));
    }

    /// @inheritdoc ICollateralManager
    function requiredCollateralUsd(address provider) public view returns (uint256) {
        uint256 backing = _accounts[provider].backing;
        if (backing == 0) return 0;
        return _requiredUsd(backing, oracle.price(Assets.CU_USD), parameters.get(MIN_RATIO_KEY));
    }

    /// @inheritdoc ICollateralManager
    function isLiquidatable(address provider) external view returns (bool) {
        Account storage a = _accounts[provider];
        if (a.backing == 0) return false;
        (uint256 cuPrice, uint256 collateralPrice) = oracle.prices(Assets.CU_USD, Assets.COLLATERAL_USD);
        return
            _valueUsd(a.collateral, collateralPrice) < _requiredUsd(a.backing, cuPrice, parameters.get(MIN_RATIO_KEY));
    }

    // ---------------------------------------------------------------- internals

    function _settle(address provider, uint256 cuAmount) internal returns (Account storage a) {
        if (cuAmount == 0) revert CollateralZeroAmount();
        a = _accounts[provider];
        uint256 reserved = a.reserved;
        if (cuAmount > reserved) revert CollateralInsufficientReserved(provider, reserved, cuAmount);
        a.reserved = uint128(reserved - cuAmount);
    }

    function _requireRatio(address provider, uint256 collateral, uint256 backing) internal view {
        (uint256 cuPrice, uint256 collateralPrice) = oracle.prices(Assets.CU_USD, Assets.COLLATERAL_USD);
        uint256 requiredUsd = _requiredUsd(backing, cuPrice, parameters.get(MIN_RATIO_KEY));
        uint256 valueUsd = _valueUsd(collateral, collateralPrice);
        if (valueUsd < requiredUsd) revert CollateralBelowMinRatio(provider, valueUsd, requiredUsd);
    }

    /// @dev USD wad of `amount` collateral token units at `price` (USD wad per whole token), rounded down.
    function _valueUsd(uint256 amount, uint256 price) internal view returns (uint256) {
        return Math.mulDiv(amount, price, _unit);
    }

    /// @dev USD wad required for `backing` CU-wei at `cuPrice` and `ratioBps`, rounded up.
    function _requiredUsd(uint256 backing, uint256 cuPrice, uint256 ratioBps) internal pure returns (uint256) {
        return Math.mulDiv(backing, cuPrice * ratioBps, _WAD * _BPS, Math.Rounding.Ceil);
    }
}
