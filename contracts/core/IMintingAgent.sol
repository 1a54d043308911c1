// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {BenchmarkReport} from "./IReportVerifier.sol";

/// @title IMintingAgent
/// @notice Flow 1 in one transaction: a verified benchmark report → CU minted → CU burned → sSTB minted 1:1 →
/// staked for the provider for its chosen period → backing added to the provider's collateral account (which
/// must stay above the ratio). Governed caps per provider and in total, per minting epoch
/// (`minting.epochLength` seconds, epochs aligned to multiples of it).
interface IMintingAgent {
    /// @notice `provider` minted `cuAmount` (CU-wei = sSTB wei) from report `reportHash`, staked as position
    /// `positionIndex`, in the minting epoch starting at `epochStart`.
    event Minted(
        address indexed provider,
        bytes32 indexed reportHash,
        uint256 cuAmount,
        uint256 positionIndex,
        uint256 epochStart
    );

    /// @notice Only the report's provider may mint from it (it chooses the stake period).
    error MintingAgentNotProvider(address caller, address provider);
    /// @notice `provider` minted `minted` in the epoch starting at `epochStart`; `amount` more passes `cap`.
    error MintingAgentProviderCapExceeded(
        address provider,
        uint256 epochStart,
        uint256 minted,
        uint256 amount,
        uint256 cap
    );
    /// @notice `minted` in total in the epoch starting at `epochStart`; `amount` more passes `cap`.
    error MintingAgentEpochCapExceeded(uint256 epochStart, uint256 minted, uint256 amount, uint256 cap);

    /// @notice Mint sSTB from a verified report and stake it for `stakePeriod` seconds (≥ staking.minPeriod).
    /// @param report The benchmark report; the caller must be `report.provider`.
    /// @param methodId Verification method (0 = attesters).
    /// @param proof The method's proof (attesters: concatenated 65-byte signatures, signers ascending).
    /// @param stakePeriod Lock period of the stake, seconds.
    /// @return cuAmount CU-wei minted (= sSTB wei staked).
    /// @return positionIndex The provider's new stake position.
    /// @dev Restricted to PUBLIC_ROLE: anyone (for its own reports), pausable by the guardians.
    function mint(
        BenchmarkReport calldata report,
        uint8 methodId,
        bytes calldata proof,
        uint256 stakePeriod
    ) external returns (uint256 cuAmount, uint256 positionIndex);

    /// @notice Start of the current minting epoch (unix seconds).
    function currentEpochStart() external view returns (uint256);

    /// @notice CU-wei minted by `provider` in the current epoch.
    function mintedThisEpoch(address provider) external view returns (uint256);

    /// @notice CU-wei minted by everyone in the current epoch.
    function totalMintedThisEpoch() external view returns (uint256);
}
