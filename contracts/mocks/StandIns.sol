// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @title StandInFeed
/// @notice Test only: stands for an operated Chainlink aggregator on a chain that has none (the real-network deploy
/// tests run on a Hardhat node answering as chain 42161). Unlike Chainlink's MockV3Aggregator, only its owner can
/// report, the way only a feed's transmitters can; the deploy reads it purely through AggregatorV3Interface.
contract StandInFeed is AggregatorV3Interface, Ownable {
    /// @notice `roundId` is not the latest round (this stand-in keeps only the latest).
    error StandInFeedUnknownRound(uint80 roundId, uint80 latestRoundId);

    uint8 private immutable _decimals;
    string private _description;
    uint80 private _roundId;
    int256 private _answer;
    uint256 private _startedAt;
    uint256 private _updatedAt;

    /// @param owner_ The only account that may report.
    /// @param decimals_ Answer decimals (8 for USD feeds, 0 for a sequencer uptime feed).
    /// @param description_ Feed description, e.g. "CU / USD".
    /// @param answer First answer (a sequencer feed: 0 = up, 1 = down).
    /// @param startedAt First round's start time in seconds (a sequencer feed: when the status began).
    constructor(
        address owner_,
        uint8 decimals_,
        string memory description_,
        int256 answer,
        uint256 startedAt
    ) Ownable(owner_) {
        _decimals = decimals_;
        _description = description_;
        _report(answer, startedAt);
    }

    /// @notice Report a new round with `answer` started at `startedAt` (seconds). Owner only.
    function report(int256 answer, uint256 startedAt) external onlyOwner {
        _report(answer, startedAt);
    }

    /// @inheritdoc AggregatorV3Interface
    function decimals() external view returns (uint8) {
        return _decimals;
    }

    /// @inheritdoc AggregatorV3Interface
    function description() external view returns (string memory) {
        return _description;
    }

    /// @inheritdoc AggregatorV3Interface
    function version() external pure returns (uint256) {
        return 4;
    }

    /// @inheritdoc AggregatorV3Interface
    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        if (roundId != _roundId) revert StandInFeedUnknownRound(roundId, _roundId);
        return (_roundId, _answer, _startedAt, _updatedAt, _roundId);
    }

    /// @inheritdoc AggregatorV3Interface
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (_roundId, _answer, _startedAt, _updatedAt, _roundId);
    }

    function _report(int256 answer, uint256 startedAt) private {
        _roundId += 1;
        _answer = answer;
        _startedAt = startedAt;
        _updatedAt = block.timestamp;
    }
}

/// @title StandInToken
/// @notice Test only: stands for an existing ERC-20 (USDC) on a chain that has none. Its whole supply is minted
/// once to `holder`; nobody can mint afterwards, unlike the local faucet tokens (MockCollateralToken, MockUSDC).
contract StandInToken is ERC20 {
    uint8 private immutable _decimals;

    /// @param name_ Token name.
    /// @param symbol_ Token symbol.
    /// @param decimals_ Decimals (6 for USDC).
    /// @param holder Receives the whole supply.
    /// @param supply Whole supply in the token's smallest unit.
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_,
        address holder,
        uint256 supply
    ) ERC20(name_, symbol_) {
        _decimals = decimals_;
        _mint(holder, supply);
    }

    /// @notice The token's decimals, as given at construction.
    function decimals() public view override returns (uint8) {
        return _decimals;
    }
}
