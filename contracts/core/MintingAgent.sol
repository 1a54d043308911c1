// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IMintingAgent} from "./IMintingAgent.sol";
import {IComputeUnitVerifier} from "./IComputeUnitVerifier.sol";
import {ICUToken} from "./ICUToken.sol";
import {ISSTBToken} from "./ISSTBToken.sol";
import {BenchmarkReport} from "./IReportVerifier.sol";
import {Stab3lManaged} from "../access/Stab3lManaged.sol";
import {IParameterStore} from "../params/IParameterStore.sol";
import {ICollateralManager} from "../staking/ICollateralManager.sol";
import {IProviderStaking} from "../staking/IProviderStaking.sol";

/// @title MintingAgent
/// @notice Verified report → CU → sSTB → stake, in one transaction (see IMintingAgent).
contract MintingAgent is IMintingAgent, Stab3lManaged {
    bytes32 public constant EPOCH_LENGTH_KEY = "minting.epochLength";
    bytes32 public constant PROVIDER_CAP_KEY = "minting.providerEpochCap";
    bytes32 public constant EPOCH_CAP_KEY = "minting.epochCap";

    /// @dev Minted amount in the epoch starting at `epochStart`; a stale epochStart means zero.
    struct EpochCounter {
        uint48 epochStart;
        uint208 minted;
    }

    /// @notice The store holding the minting parameters.
    IParameterStore public immutable parameters;
    IComputeUnitVerifier public immutable verifier;
    ICUToken public immutable cuToken;
    ISSTBToken public immutable sstb;
    IProviderStaking public immutable staking;
    ICollateralManager public immutable collateral;

    mapping(address provider => EpochCounter) private _providerEpoch;
    EpochCounter private _epoch;

    constructor(
        address initialAuthority,
        IParameterStore parameterStore,
        IComputeUnitVerifier cuVerifier,
        ICUToken cu,
        ISSTBToken sstbToken,
        IProviderStaking providerStaking,
        ICollateralManager collateralManager
    ) Stab3lManaged(initialAuthority) {
        parameters = parameterStore;
        verifier = cuVerifier;
        cuToken = cu;
        sstb = sstbToken;
        staking = providerStaking;
        collateral = collateralManager;
    }

    /// @inheritdoc IMintingAgent
    function mint(
        BenchmarkReport calldata report,
        uint8 methodId,
        bytes calldata proof,
        uint256 stakePeriod
    ) external restricted returns (uint256 cuAmount, uint256 positionIndex) {
        address provider = report.provider;
        if (msg.sender != provider) revert MintingAgentNotProvider(msg.sender, provider);
        bytes32 reportHash;
        (cuAmount, reportHash) = verifier.consumeReport(report, methodId, proof);
        uint256 epochStart = _countEpoch(provider, cuAmount);

        // CU exists only inside this transaction: minted to the agent, burned in exchange for sSTB 1:1.
        cuToken.mint(address(this), cuAmount);
        cuToken.burn(address(this), cuAmount);
        sstb.mint(address(staking), cuAmount);
        positionIndex = staking.stakeFor(provider, cuAmount, stakePeriod);
        collateral.addBacking(provider, cuAmount);
        emit Minted(provider, reportHash, cuAmount, positionIndex, epochStart);
    }

    /// @inheritdoc IMintingAgent
    function currentEpochStart() public view returns (uint256) {
        uint256 length = parameters.get(EPOCH_LENGTH_KEY);
        return block.timestamp - (block.timestamp % length);
    }

    /// @inheritdoc IMintingAgent
    function mintedThisEpoch(address provider) external view returns (uint256) {
        EpochCounter memory c = _providerEpoch[provider];
        return c.epochStart == currentEpochStart() ? c.minted : 0;
    }

    /// @inheritdoc IMintingAgent
    function totalMintedThisEpoch() external view returns (uint256) {
        EpochCounter memory c = _epoch;
        return c.epochStart == currentEpochStart() ? c.minted : 0;
    }

    /// @dev Adds `amount` to the provider's and the total counters of the current epoch, within the caps.
    function _countEpoch(address provider, uint256 amount) internal returns (uint256 epochStart) {
        epochStart = currentEpochStart();
        EpochCounter memory p = _providerEpoch[provider];
        uint256 providerMinted = p.epochStart == epochStart ? p.minted : 0;
        uint256 providerCap = parameters.get(PROVIDER_CAP_KEY);
        if (providerMinted + amount > providerCap) {
            revert MintingAgentProviderCapExceeded(provider, epochStart, providerMinted, amount, providerCap);
        }
        EpochCounter memory e = _epoch;
        uint256 totalMinted = e.epochStart == epochStart ? e.minted : 0;
        uint256 epochCap = parameters.get(EPOCH_CAP_KEY);
        if (totalMinted + amount > epochCap) {
            revert MintingAgentEpochCapExceeded(epochStart, totalMinted, amount, epochCap);
        }
        _providerEpoch[provider] = EpochCounter(uint48(epochStart), uint208(providerMinted + amount));
        _epoch = EpochCounter(uint48(epochStart), uint208(totalMinted + amount));
    }
}
