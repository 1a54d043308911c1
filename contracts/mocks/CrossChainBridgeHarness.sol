// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CrossChainBridge} from "../bridge/CrossChainBridge.sol";
import {IMessageVerifier} from "../bridge/IMessageVerifier.sol";
import {ISSTBToken} from "../core/ISSTBToken.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title CrossChainBridgeHarness
/// @notice Test-only bridge that stands for a second chain (`pretendChainId`) inside one in-process network, so
/// property tests can run thousands of cross-chain operations without two nodes. Never deployed by the SDK.
contract CrossChainBridgeHarness is CrossChainBridge {
    uint256 private immutable _pretendChainId;

    constructor(
        address initialAuthority,
        IParameterStore params,
        Mode bridgeMode,
        ISSTBToken sstbToken,
        IMessageVerifier messageVerifier,
        uint256 pretendChainId
    ) CrossChainBridge(initialAuthority, params, bridgeMode, sstbToken, messageVerifier) {
        _pretendChainId = pretendChainId;
    }

    function _localChainId() internal view override returns (uint256) {
        return _pretendChainId;
    }
}
