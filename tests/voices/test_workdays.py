import datetime
import logging

from voices.workdays import add_working_days, is_working_day, working_days_between

D = datetime.date


def test_national_day_holiday_is_skipped():
    # 2025: 国庆/中秋 1–8 October off; Sunday 28 September and Saturday 11 October worked (调休).
    assert add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)
    assert add_working_days(D(2025, 9, 30), 2) == D(2025, 10, 10)
    assert add_working_days(D(2025, 9, 30), 3) == D(2025, 10, 11)  # a Saturday, worked


def test_make_up_sunday_counts_as_working_day():
    assert is_working_day(D(2025, 9, 28))  # Sunday, 调休 working day
    assert add_working_days(D(2025, 9, 26), 1) == D(2025, 9, 28)  # Friday → that Sunday
    assert not is_working_day(D(2025, 9, 27))


def test_spring_festival_2026():
    # 2026 春节: 15–23 February off; Saturday 28 February worked.
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)  # Saturday 14th is worked
    assert add_working_days(D(2026, 2, 14), 1) == D(2026, 2, 24)
    assert is_working_day(D(2026, 2, 28))


def test_fifteen_working_days_across_national_day_2026():
    # 2026 国庆: 1–7 October off, Saturday 10 October worked. From Friday 25 September:
    # 28–30 Sep (3), 8–10 Oct (6), 12–16 Oct (11), 19–22 Oct (15).
    assert not is_working_day(D(2026, 10, 5))
    assert is_working_day(D(2026, 10, 10))
    due = add_working_days(D(2026, 9, 25), 15)
    assert due == D(2026, 10, 22)
    assert working_days_between(D(2026, 9, 25), due) == 15


def test_year_without_data_falls_back_to_weekdays(caplog):
    with caplog.at_level(logging.WARNING, logger="voices.workdays"):
        # 2099 is beyond any holiday table: Friday + 1 working day = Monday.
        assert add_working_days(D(2099, 1, 2), 1) == D(2099, 1, 5)
    assert "2099" in caplog.text


def test_working_days_between_is_zero_backwards():
    assert working_days_between(D(2025, 10, 9), D(2025, 10, 1)) == 0
