// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IComputeUnitVerifier} from "../core/IComputeUnitVerifier.sol";
import {IMintingAgent} from "../core/IMintingAgent.sol";
import {IRedemption} from "../core/IRedemption.sol";
import {BenchmarkReport} from "../core/IReportVerifier.sol";
import {ICollateralManager} from "../staking/ICollateralManager.sol";

/// @title CUSupplyProbe
/// @notice Test only: a provider that is a contract, so it can read the CU token right after a mint returns and
/// before the transaction ends. The CU token lives in transient storage, so any later transaction reads zero
/// whatever happened; this probe is how INV-CU is observed inside the transaction that minted.
contract CUSupplyProbe {
    IMintingAgent public immutable agent;
    IERC20 public immutable cuToken;

    /// @notice The CU token's supply and the MintingAgent's CU balance (the agent mints CU to itself, exchanges it
    /// and burns it), read right after `agent.mint` returned.
    event Probed(uint256 cuSupply, uint256 agentCuBalance, uint256 cuMinted);

    constructor(IMintingAgent mintingAgent, IERC20 cu) {
        agent = mintingAgent;
        cuToken = cu;
    }

    /// @notice Register this contract as a provider.
    function register(IComputeUnitVerifier verifier, bytes32 metadata) external {
        verifier.registerProvider(metadata);
    }

    /// @notice Post `amount` of `token` held by this contract as its collateral.
    function deposit(ICollateralManager collateral, IERC20 token, uint256 amount) external {
        token.approve(address(collateral), amount);
        collateral.deposit(amount);
    }

    /// @notice Mint from a report of this provider, then record what the CU token holds at that moment.
    function mintAndProbe(
        BenchmarkReport calldata report,
        uint8 methodId,
        bytes calldata proof,
        uint256 stakePeriod
    ) external {
        (uint256 cuMinted, ) = agent.mint(report, methodId, proof, stakePeriod);
        emit Probed(cuToken.totalSupply(), cuToken.balanceOf(address(agent)), cuMinted);
    }

    /// @notice Confirm delivery of a redemption assigned to this provider.
    function confirmDelivery(IRedemption redemption, uint256 requestId) external {
        redemption.confirmDelivery(requestId);
    }
}
