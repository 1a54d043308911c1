// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title QuarterCalendar
/// @notice Calendar quarters in UTC (1 Jan, 1 Apr, 1 Jul, 1 Oct, 00:00:00) for unix timestamps, so a CU
/// redefinition takes effect at a boundary people recognise.
/// @dev Civil-date conversion by Howard Hinnant's days-from-civil / civil-from-days algorithms (public domain),
/// restricted to timestamps from 1970 on, where every intermediate value is non-negative.
library QuarterCalendar {
    uint256 private constant _DAY = 86_400;

    /// @notice The first second of the quarter containing `timestamp`.
    function quarterStart(uint256 timestamp) internal pure returns (uint256) {
        (uint256 year, uint256 month, ) = _civilFromDays(timestamp / _DAY);
        return _daysFromCivil(year, ((month - 1) / 3) * 3 + 1, 1) * _DAY;
    }

    /// @notice The first second of the quarter after the one containing `timestamp`.
    function nextQuarterStart(uint256 timestamp) internal pure returns (uint256) {
        (uint256 year, uint256 month, ) = _civilFromDays(timestamp / _DAY);
        uint256 firstMonth = ((month - 1) / 3) * 3 + 1;
        return
            firstMonth == 10 ? _daysFromCivil(year + 1, 1, 1) * _DAY : _daysFromCivil(year, firstMonth + 3, 1) * _DAY;
    }

    /// @dev Days since 1970-01-01 → (year, month 1..12, day 1..31).
    function _civilFromDays(uint256 z) private pure returns (uint256 year, uint256 month, uint256 day) {
        z += 719_468;
        uint256 era = z / 146_097;
        uint256 doe = z - era * 146_097; // [0, 146096]
        uint256 yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        uint256 doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
        uint256 mp = (5 * doy + 2) / 153; // [0, 11], March-based
        day = doy - (153 * mp + 2) / 5 + 1;
        month = mp < 10 ? mp + 3 : mp - 9;
        year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    }

    /// @dev (year >= 1970, month 1..12, day 1..31) → days since 1970-01-01.
    function _daysFromCivil(uint256 year, uint256 month, uint256 day) private pure returns (uint256) {
        if (month <= 2) year -= 1;
        uint256 era = year / 400;
        uint256 yoe = year - era * 400;
        uint256 doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        uint256 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
