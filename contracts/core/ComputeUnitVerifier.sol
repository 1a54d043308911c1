// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IComputeUnitVerifier} from "./IComputeUnitVerifier.sol";
import {BenchmarkReport, BenchmarkReports, IReportVerifier} from "./IReportVerifier.sol";
import {QuarterCalendar} from "./QuarterCalendar.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title ComputeUnitVerifier
/// @notice The CU definition in versioned quarterly epochs, provider registration, and single-use benchmark
/// reports proven by governed verification methods.
contract ComputeUnitVerifier is IComputeUnitVerifier, Stab3lManaged {
    /// @notice Largest change of either definition field per redefinition (bps of the value it follows).
    bytes32 public constant MAX_REDEFINITION_KEY = "cu.maxRedefinitionBps";
    /// @notice Hard bounds of the definition (sanity; the step limit does the real governing).
    uint256 public constant MIN_FLOPS_PER_UNIT = 1e12;
    uint256 public constant MAX_FLOPS_PER_UNIT = 1e18;
    uint256 public constant MIN_USD_PER_UNIT = 1e3; // $0.00001
    uint256 public constant MAX_USD_PER_UNIT = 1e10; // $100
    /// @notice Largest `flops` a single report may carry (2^128 - 1).
    uint256 public constant MAX_REPORT_FLOPS = type(uint128).max;
    uint256 private constant _BPS = 10_000;

    /// @notice The store holding `cu.maxRedefinitionBps`.
    IParameterStore public immutable parameters;
    /// @inheritdoc IComputeUnitVerifier
    address public immutable mintingAgent;

    Definition[] private _definitions;
    mapping(address account => Provider) private _providers;
    address[] private _providerList;
    mapping(uint8 methodId => IReportVerifier) private _methods;
    // Used report nonces (a report's `reportId` read as a uint256), 256 per slot (Permit2's unordered nonces):
    // attesters number each provider's reports, so a provider's next 255 reports update a slot that exists.
    mapping(address provider => mapping(uint256 wordIndex => uint256 bits)) private _usedNonces;

    /// @param initialAuthority The STAB3L authority.
    /// @param parameterStore The ParameterStore.
    /// @param flopsPerUnit Genesis FLOPs per CU (1e15).
    /// @param usdPerUnit Genesis nominal USD per CU, 8 decimals (6_000_000 = $0.06).
    /// @param agent The MintingAgent (its address predicted at deployment), wired for `consumeReport`.
    constructor(
        address initialAuthority,
        IParameterStore parameterStore,
        uint256 flopsPerUnit,
        uint256 usdPerUnit,
        address agent
    ) Stab3lManaged(initialAuthority) {
        parameters = parameterStore;
        mintingAgent = agent;
        _checkDefinitionBounds(flopsPerUnit, usdPerUnit);
        _definitions.push(Definition(uint48(block.timestamp), uint104(flopsPerUnit), uint104(usdPerUnit)));
        emit DefinitionScheduled(0, uint48(block.timestamp), 0, flopsPerUnit, 0, usdPerUnit);
    }

    // ---------------------------------------------------------------- public

    /// @inheritdoc IComputeUnitVerifier
    function registerProvider(bytes32 metadata) external restricted {
        Provider storage p = _providers[msg.sender];
        if (p.registered) revert CUVerifierProviderAlreadyRegistered(msg.sender);
        _providers[msg.sender] = Provider(true, false, uint48(block.timestamp), metadata);
        _providerList.push(msg.sender);
        emit ProviderRegistered(msg.sender, metadata);
    }

    // ---------------------------------------------------------------- governed

    /// @inheritdoc IComputeUnitVerifier
    function setProviderSuspended(address account, bool suspended) external restricted {
        Provider storage p = _providers[account];
        if (!p.registered) revert CUVerifierUnknownProvider(account);
        emit ProviderSuspensionSet(account, p.suspended, suspended);
        p.suspended = suspended;
    }

    /// @inheritdoc IComputeUnitVerifier
    function scheduleDefinition(
        uint256 flopsPerUnit,
        uint256 usdPerUnit
    ) external restricted returns (uint256 epoch, uint48 startsAt) {
        epoch = _definitions.length;
        Definition memory last = _definitions[epoch - 1];
        if (last.startsAt > block.timestamp) revert CUVerifierRedefinitionPending(epoch - 1, last.startsAt);
        _checkDefinitionBounds(flopsPerUnit, usdPerUnit);
        uint256 maxBps = parameters.get(MAX_REDEFINITION_KEY);
        _checkStep("flopsPerUnit", last.flopsPerUnit, flopsPerUnit, maxBps);
        _checkStep("usdPerUnit", last.usdPerUnit, usdPerUnit, maxBps);
        startsAt = uint48(QuarterCalendar.nextQuarterStart(block.timestamp));
        _definitions.push(Definition(startsAt, uint104(flopsPerUnit), uint104(usdPerUnit)));
        emit DefinitionScheduled(epoch, startsAt, last.flopsPerUnit, flopsPerUnit, last.usdPerUnit, usdPerUnit);
    }

    /// @inheritdoc IComputeUnitVerifier
    function cancelScheduledDefinition() external restricted {
        uint256 n = _definitions.length;
        Definition memory last = _definitions[n - 1];
        if (last.startsAt <= block.timestamp) revert CUVerifierNoPendingRedefinition();
        _definitions.pop();
        emit DefinitionCancelled(n - 1, last.startsAt);
    }

    /// @inheritdoc IComputeUnitVerifier
    function setVerificationMethod(uint8 methodId, IReportVerifier verifier) external restricted {
        if (address(verifier) != address(0) && address(verifier).code.length == 0) {
            revert CUVerifierInvalidMethod(address(verifier));
        }
        emit VerificationMethodSet(methodId, address(_methods[methodId]), address(verifier));
        _methods[methodId] = verifier;
    }

    // ---------------------------------------------------------------- minting path

    /// @inheritdoc IComputeUnitVerifier
    function consumeReport(
        BenchmarkReport calldata report,
        uint8 methodId,
        bytes calldata proof
    ) external restrictedOrWired(mintingAgent) returns (uint256 cuAmount, bytes32 reportHash) {
        Provider storage p = _providers[report.provider];
        if (!p.registered) revert CUVerifierUnknownProvider(report.provider);
        if (p.suspended) revert CUVerifierProviderSuspended(report.provider);
        reportHash = BenchmarkReports.hash(report);
        if (report.deadline < block.timestamp) {
            revert CUVerifierReportExpired(reportHash, report.deadline, block.timestamp);
        }
        _useNonce(report.provider, report.reportId, reportHash);
        IReportVerifier verifier = _methods[methodId];
        if (address(verifier) == address(0)) revert CUVerifierUnknownMethod(methodId);
        verifier.verifyReport(report, reportHash, proof);

        (uint256 epoch, Definition memory d) = _current();
        // Far above any real report (10^8 CU is 10^23 FLOPs); keeps the conversion below from overflowing.
        if (report.flops > MAX_REPORT_FLOPS) revert CUVerifierReportTooLarge(report.flops, MAX_REPORT_FLOPS);
        cuAmount = Math.mulDiv(report.flops, 1e18, d.flopsPerUnit);
        if (cuAmount == 0) revert CUVerifierReportTooSmall(report.flops, d.flopsPerUnit);
        emit ReportConsumed(reportHash, report.provider, methodId, report.flops, cuAmount, epoch);
    }

    /// @dev Marks `provider`'s report nonce `reportId` used (one bit of a 256-nonce word), before the proof is
    /// checked: a failing proof reverts the whole call, mark included.
    function _useNonce(address provider, bytes32 reportId, bytes32 reportHash) private {
        uint256 nonce = uint256(reportId);
        uint256 bit = 1 << (nonce & 0xff);
        uint256 bits = _usedNonces[provider][nonce >> 8];
        if (bits & bit != 0) revert CUVerifierReportAlreadyUsed(reportHash);
        _usedNonces[provider][nonce >> 8] = bits | bit;
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IComputeUnitVerifier
    function providerInfo(address account) external view returns (Provider memory) {
        return _providers[account];
    }

    /// @inheritdoc IComputeUnitVerifier
    function isActiveProvider(address account) external view returns (bool) {
        Provider storage p = _providers[account];
        return p.registered && !p.suspended;
    }

    /// @inheritdoc IComputeUnitVerifier
    function providerCount() external view returns (uint256) {
        return _providerList.length;
    }

    /// @inheritdoc IComputeUnitVerifier
    function providerAt(uint256 index) external view returns (address) {
        return _providerList[index];
    }

    /// @inheritdoc IComputeUnitVerifier
    function definitionCount() external view returns (uint256) {
        return _definitions.length;
    }

    /// @inheritdoc IComputeUnitVerifier
    function definition(uint256 epoch) external view returns (Definition memory) {
        return _definitions[epoch];
    }

    /// @inheritdoc IComputeUnitVerifier
    function currentDefinition() external view returns (uint256 epoch, Definition memory) {
        return _current();
    }

    /// @inheritdoc IComputeUnitVerifier
    function flopsPerUnit() external view returns (uint256) {
        (, Definition memory d) = _current();
        return d.flopsPerUnit;
    }

    /// @inheritdoc IComputeUnitVerifier
    function usdPerUnit() external view returns (uint256) {
        (, Definition memory d) = _current();
        return d.usdPerUnit;
    }

    /// @inheritdoc IComputeUnitVerifier
    function definitionAt(uint256 timestamp) public view returns (uint256 epoch, Definition memory) {
        if (timestamp < _definitions[0].startsAt) revert CUVerifierBeforeGenesis(timestamp, _definitions[0].startsAt);
        epoch = _definitions.length - 1;
        while (_definitions[epoch].startsAt > timestamp) --epoch;
        return (epoch, _definitions[epoch]);
    }

    /// @inheritdoc IComputeUnitVerifier
    function verificationMethod(uint8 methodId) external view returns (IReportVerifier) {
        return _methods[methodId];
    }

    /// @inheritdoc IComputeUnitVerifier
    function isReportUsed(address provider, bytes32 reportId) external view returns (bool) {
        uint256 nonce = uint256(reportId);
        return _usedNonces[provider][nonce >> 8] & (1 << (nonce & 0xff)) != 0;
    }

    /// @inheritdoc IComputeUnitVerifier
    function usedReportNonces(address provider, uint256 wordIndex) external view returns (uint256) {
        return _usedNonces[provider][wordIndex];
    }

    /// @inheritdoc IComputeUnitVerifier
    function hashReport(BenchmarkReport calldata report) external pure returns (bytes32) {
        return BenchmarkReports.hash(report);
    }

    /// @inheritdoc IComputeUnitVerifier
    function quarterStart(uint256 timestamp) external pure returns (uint256) {
        return QuarterCalendar.quarterStart(timestamp);
    }

    /// @inheritdoc IComputeUnitVerifier
    function nextQuarterStart(uint256 timestamp) external pure returns (uint256) {
        return QuarterCalendar.nextQuarterStart(timestamp);
    }

    // ---------------------------------------------------------------- internals

    /// @dev At most the last epoch is pending, so the current one is the last or the one before it.
    function _current() internal view returns (uint256 epoch, Definition memory d) {
        epoch = _definitions.length - 1;
        d = _definitions[epoch];
        if (d.startsAt > block.timestamp) {
            --epoch;
            d = _definitions[epoch];
        }
    }

    function _checkDefinitionBounds(uint256 flopsPerUnit, uint256 usdPerUnit) internal pure {
        if (flopsPerUnit < MIN_FLOPS_PER_UNIT || flopsPerUnit > MAX_FLOPS_PER_UNIT) {
            revert CUVerifierFlopsOutOfBounds(flopsPerUnit, MIN_FLOPS_PER_UNIT, MAX_FLOPS_PER_UNIT);
        }
        if (usdPerUnit < MIN_USD_PER_UNIT || usdPerUnit > MAX_USD_PER_UNIT) {
            revert CUVerifierUsdPriceOutOfBounds(usdPerUnit, MIN_USD_PER_UNIT, MAX_USD_PER_UNIT);
        }
    }

    function _checkStep(bytes32 field, uint256 oldValue, uint256 newValue, uint256 maxBps) internal pure {
        uint256 maxDelta = (oldValue * maxBps) / _BPS;
        uint256 delta = newValue > oldValue ? newValue - oldValue : oldValue - newValue;
        if (delta > maxDelta) revert CUVerifierRedefinitionTooLarge(field, oldValue, newValue, maxDelta);
    }
}
