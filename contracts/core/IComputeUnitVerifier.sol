// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {BenchmarkReport, IReportVerifier} from "./IReportVerifier.sol";

/// @title IComputeUnitVerifier
/// @notice The compute unit and who may mint it: the CU definition as versioned epochs (FLOPs per CU, nominal
/// USD price per CU with 8 decimals), provider registration, and benchmark reports verified by governed methods
/// and consumed once.
/// @dev Redefinitions are quarterly: governance schedules the next definition, which takes effect at the next
/// calendar-quarter boundary (UTC); at most one is pending at a time, so at most one takes effect per quarter;
/// each field may move by at most `cu.maxRedefinitionBps` of the definition it follows.
interface IComputeUnitVerifier {
    /// @notice One CU definition epoch.
    struct Definition {
        uint48 startsAt; // unix seconds (a quarter boundary, except the genesis epoch)
        uint104 flopsPerUnit; // FLOPs in one CU (1 CU = 1e18 CU-wei)
        uint104 usdPerUnit; // nominal USD price of one CU, 8 decimals (6_000_000 = $0.06)
    }

    /// @notice A registered provider.
    struct Provider {
        bool registered;
        bool suspended;
        uint48 registeredAt;
        bytes32 metadata; // hash of the provider's off-chain description (hardware, endpoint, TEE quote)
    }

    event ProviderRegistered(address indexed provider, bytes32 metadata);
    /// @notice Governance suspended (or reinstated) a provider.
    event ProviderSuspensionSet(address indexed provider, bool wasSuspended, bool suspended);
    /// @notice Definition `epoch` takes effect at `startsAt`, replacing (old) with (new).
    event DefinitionScheduled(
        uint256 indexed epoch,
        uint48 startsAt,
        uint256 oldFlopsPerUnit,
        uint256 newFlopsPerUnit,
        uint256 oldUsdPerUnit,
        uint256 newUsdPerUnit
    );
    /// @notice The pending definition `epoch` was withdrawn before `startsAt`.
    event DefinitionCancelled(uint256 indexed epoch, uint48 startsAt);
    /// @notice Verification method `methodId` changed from `oldVerifier` to `newVerifier` (zero: disabled).
    event VerificationMethodSet(uint8 indexed methodId, address oldVerifier, address newVerifier);
    /// @notice A verified report was used: `cuAmount` CU-wei under definition `epoch`.
    event ReportConsumed(
        bytes32 indexed reportHash,
        address indexed provider,
        uint8 methodId,
        uint256 flops,
        uint256 cuAmount,
        uint256 epoch
    );

    error CUVerifierProviderAlreadyRegistered(address provider);
    error CUVerifierUnknownProvider(address provider);
    error CUVerifierProviderSuspended(address provider);
    /// @notice The report's deadline passed.
    error CUVerifierReportExpired(bytes32 reportHash, uint256 deadline, uint256 nowTime);
    /// @notice The report's nonce (`reportId`) was already used by its provider; `reportHash` is this report's.
    error CUVerifierReportAlreadyUsed(bytes32 reportHash);
    /// @notice No verifier is registered under `methodId`.
    error CUVerifierUnknownMethod(uint8 methodId);
    /// @notice A verification method must be a contract (or zero to disable).
    error CUVerifierInvalidMethod(address verifier);
    /// @notice `flops` is less than one CU-wei under `flopsPerUnit`.
    error CUVerifierReportTooSmall(uint256 flops, uint256 flopsPerUnit);
    /// @notice `flops` is above the largest a single report may carry.
    error CUVerifierReportTooLarge(uint256 flops, uint256 maxFlops);
    /// @notice FLOPs per CU outside the hard bounds [min, max].
    error CUVerifierFlopsOutOfBounds(uint256 flopsPerUnit, uint256 min, uint256 max);
    /// @notice USD per CU (8 decimals) outside the hard bounds [min, max].
    error CUVerifierUsdPriceOutOfBounds(uint256 usdPerUnit, uint256 min, uint256 max);
    /// @notice A field would move from `oldValue` to `newValue`, more than `maxDelta` (cu.maxRedefinitionBps).
    error CUVerifierRedefinitionTooLarge(bytes32 field, uint256 oldValue, uint256 newValue, uint256 maxDelta);
    /// @notice A redefinition is already pending, taking effect at `startsAt`.
    error CUVerifierRedefinitionPending(uint256 epoch, uint48 startsAt);
    /// @notice There is no pending redefinition to cancel.
    error CUVerifierNoPendingRedefinition();
    /// @notice `timestamp` lies before the genesis definition (`genesisAt`).
    error CUVerifierBeforeGenesis(uint256 timestamp, uint256 genesisAt);

    /// @notice Register the caller as a provider, with a hash of its off-chain description.
    /// @dev Restricted to PUBLIC_ROLE: anyone, pausable by the guardians.
    function registerProvider(bytes32 metadata) external;

    /// @notice Suspend (no new mints, no new redemptions assigned) or reinstate a provider.
    /// @dev Restricted: ADMIN (the Timelock).
    function setProviderSuspended(address provider, bool suspended) external;

    /// @notice Schedule the next CU definition: FLOPs per CU and nominal USD per CU (8 decimals). It takes effect
    /// at the next quarter boundary. @dev Restricted: ADMIN (the Timelock).
    function scheduleDefinition(
        uint256 flopsPerUnit,
        uint256 usdPerUnit
    ) external returns (uint256 epoch, uint48 startsAt);

    /// @notice Withdraw the pending definition. @dev Restricted: ADMIN (the Timelock).
    function cancelScheduledDefinition() external;

    /// @notice Register (or, with zero, disable) the verifier of method `methodId`.
    /// @dev Restricted: ADMIN (the Timelock).
    function setVerificationMethod(uint8 methodId, IReportVerifier verifier) external;

    /// @notice Verify `report` with method `methodId` and `proof`, mark it used, and return its CU amount (CU-wei,
    /// 18 decimals) under the definition in force now, and its struct hash.
    /// @dev Wired: the MintingAgent (`mintingAgent`); any other caller needs REPORT_CONSUMER through the authority.
    function consumeReport(
        BenchmarkReport calldata report,
        uint8 methodId,
        bytes calldata proof
    ) external returns (uint256 cuAmount, bytes32 reportHash);

    /// @notice The provider record of `provider`.
    function providerInfo(address provider) external view returns (Provider memory);

    /// @notice Whether `account` is registered and not suspended.
    function isActiveProvider(address account) external view returns (bool);

    /// @notice Number of registered providers (registration order, for assignment scans).
    function providerCount() external view returns (uint256);

    /// @notice The `index`-th registered provider.
    function providerAt(uint256 index) external view returns (address);

    /// @notice Number of definition epochs, including a pending one.
    function definitionCount() external view returns (uint256);

    /// @notice Definition epoch `epoch`.
    function definition(uint256 epoch) external view returns (Definition memory);

    /// @notice The definition in force now and its epoch.
    function currentDefinition() external view returns (uint256 epoch, Definition memory);

    /// @notice FLOPs per CU in force now.
    function flopsPerUnit() external view returns (uint256);

    /// @notice Nominal USD per CU in force now, 8 decimals.
    function usdPerUnit() external view returns (uint256);

    /// @notice The definition in force at `timestamp` (past or future) and its epoch.
    function definitionAt(uint256 timestamp) external view returns (uint256 epoch, Definition memory);

    /// @notice The verifier of method `methodId` (zero: none).
    function verificationMethod(uint8 methodId) external view returns (IReportVerifier);

    /// @notice Whether `provider`'s report numbered `reportId` (its report nonce, read as a uint256) was used. A
    /// nonce is usable once, whatever the rest of the report says.
    function isReportUsed(address provider, bytes32 reportId) external view returns (bool);

    /// @notice Bitmap of `provider`'s used report nonces `wordIndex * 256` to `wordIndex * 256 + 255` (bit i set:
    /// nonce `wordIndex * 256 + i` used).
    function usedReportNonces(address provider, uint256 wordIndex) external view returns (uint256);

    /// @notice The EIP-712 struct hash of `report` (the key of its single use).
    function hashReport(BenchmarkReport calldata report) external pure returns (bytes32);

    /// @notice First second of the quarter containing `timestamp` (UTC calendar quarters).
    function quarterStart(uint256 timestamp) external pure returns (uint256);

    /// @notice First second of the quarter after the one containing `timestamp`.
    function nextQuarterStart(uint256 timestamp) external pure returns (uint256);

    /// @notice The MintingAgent wired in at construction: it calls `consumeReport` with one address comparison instead of an
    /// authority look-up; any other caller needs the function's role through the authority.
    function mintingAgent() external view returns (address);
}
