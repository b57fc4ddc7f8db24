"""Model validation with clear Chinese messages: coordinates, phones, dates, stars, rules."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from delegates.choices import Level, RecordKind
from delegates.models import (
    DelegateRole,
    PerformanceRecord,
    PointsRule,
    ReceptionSession,
    StarAssessment,
    StationCommunity,
)
from delegates.validators import normalise_phone, validate_phone


@pytest.mark.parametrize(
    "phone",
    [
        "13812345678",
        "0572-2345678",
        "05722345678",
        "021-12345678",
        "0572-2345678-801",
        "400-123-4567",
        "12345",
        "+86 138 1234 5678",
        "１３８１２３４５６７８",
    ],
)
def test_valid_mainland_phones(phone):
    validate_phone(phone)


@pytest.mark.parametrize("phone", ["1234567", "23812345678", "138123456789", "2345678", "abc"])
def test_invalid_phones_get_a_chinese_message(phone):
    with pytest.raises(ValidationError) as info:
        validate_phone(phone)
    assert "不是有效的电话号码" in info.value.messages[0]
    assert "区号" in info.value.messages[0]


def test_phone_normalisation():
    assert normalise_phone("+86 138 1234 5678") == "13812345678"
    assert normalise_phone("（0572）－2345678") == "0572-2345678"


@pytest.mark.django_db
def test_station_coordinates_and_phone_are_validated(make_station):
    station = make_station()
    station.latitude, station.longitude = 95.0, 200.0
    station.liaison_phone = "12345678901"
    with pytest.raises(ValidationError) as info:
        station.full_clean()
    errors = info.value.message_dict
    assert "纬度应在 -90 到 90 之间" in errors["latitude"][0]
    assert "经度应在 -180 到 180 之间" in errors["longitude"][0]
    assert "不是有效的电话号码" in errors["liaison_phone"][0]


@pytest.mark.django_db
def test_station_phone_is_normalised_on_clean(make_station):
    station = make_station()
    station.liaison_phone = "+86 139 0000 1111"
    station.full_clean()
    assert station.liaison_phone == "13900001111"


@pytest.mark.django_db
def test_community_needs_both_coordinates_or_none(make_station):
    community = StationCommunity(station=make_station(), name="幸福社区", latitude=30.1)
    with pytest.raises(ValidationError) as info:
        community.full_clean()
    assert "经纬度需同时填写" in str(info.value)


@pytest.mark.django_db
def test_role_end_must_not_precede_start(make_delegate):
    role = DelegateRole(
        delegate=make_delegate(),
        level=Level.COUNTY,
        term="第十六届",
        start_date=datetime.date(2021, 12, 20),
        end_date=datetime.date(2020, 1, 1),
    )
    with pytest.raises(ValidationError) as info:
        role.full_clean()
    assert info.value.message_dict["end_date"] == ["任期结束日期不能早于当选日期。"]


@pytest.mark.django_db
def test_past_role_is_not_current(make_delegate):
    delegate = make_delegate(levels=(Level.COUNTY,))
    DelegateRole.objects.create(
        delegate=delegate,
        level=Level.TOWNSHIP,
        term="第十七届",
        start_date=datetime.date(2016, 12, 1),
        end_date=datetime.date(2021, 11, 30),
    )
    delegate = type(delegate).objects.get(pk=delegate.pk)
    assert [r.level for r in delegate.current_roles] == [Level.COUNTY]
    assert [r.term for r in delegate.past_roles] == ["第十七届"]
    assert delegate.level_labels == "区人大代表"


@pytest.mark.django_db
def test_session_end_after_start(make_station):
    start = timezone.now()
    session = ReceptionSession(station=make_station(), start=start, end=start)
    with pytest.raises(ValidationError) as info:
        session.full_clean()
    assert info.value.message_dict["end"] == ["结束时间必须晚于开始时间。"]


@pytest.mark.django_db
def test_stars_between_one_and_five(make_station):
    assessment = StarAssessment(
        station=make_station(), date=datetime.date(2025, 1, 1), stars=6, reason="测试"
    )
    with pytest.raises(ValidationError) as info:
        assessment.full_clean()
    assert "星级最多为 5 星。" in info.value.message_dict["stars"]


@pytest.mark.django_db
def test_record_cannot_be_in_the_future(make_delegate):
    record = PerformanceRecord(
        delegate=make_delegate(),
        kind=RecordKind.MEETING,
        title="会议",
        date=timezone.localdate() + datetime.timedelta(days=30),
    )
    with pytest.raises(ValidationError) as info:
        record.full_clean()
    assert "不能晚于今天" in info.value.message_dict["date"][0]


@pytest.mark.django_db
def test_points_rule_cap_not_below_points():
    rule = PointsRule(kind=RecordKind.MEETING, points=Decimal("5"), yearly_cap=Decimal("2"))
    with pytest.raises(ValidationError) as info:
        rule.full_clean()
    assert info.value.message_dict["yearly_cap"] == ["年度上限不能低于每次积分。"]


@pytest.mark.django_db
def test_duty_report_link_only_for_duty_reports(make_report, make_delegate):
    delegate = make_delegate()
    report = make_report(title="2025年工作报告")
    report.delegate = delegate
    with pytest.raises(ValidationError) as info:
        report.full_clean()
    assert info.value.message_dict["delegate"] == ["只有述职报告才能关联代表。"]
