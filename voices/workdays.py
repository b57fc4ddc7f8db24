"""Working days (工作日) under China's statutory holidays and their make-up working days (调休).

`add_working_days(start, n)` is the date n working days after `start` (the day of assignment
itself does not count): a due date for handling an opinion. The holiday data comes from the
`chinesecalendar` package (`chinese_calendar`), which the State Council's yearly notice updates
each December. For a year the installed package does not cover yet, days fall back to plain
Monday–Friday and a warning is logged once per year — upgrade the package when the next year's
arrangement is published."""

import datetime
import functools
import logging

import chinese_calendar

logger = logging.getLogger(__name__)
_warned_years: set[int] = set()


# Remembered per process (the calendar is fixed data): the station page and the overview count
# the working days to every answer, day by day, and chinese_calendar validates each day it is
# asked about.
@functools.lru_cache(maxsize=8192)
def is_working_day(day: datetime.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        if day.year not in _warned_years:
            _warned_years.add(day.year)
            logger.warning(
                "chinesecalendar has no holiday data for %s: counting Monday to Friday as "
                "working days; upgrade the package",
                day.year,
            )
        return day.weekday() < 5


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The `days`-th working day after `start` (days >= 1)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    day = start
    remaining = days
    while remaining:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
