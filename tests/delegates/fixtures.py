"""Fixtures for the delegates app: streets, the two index pages, and factories for stations,
delegates, sessions and records that go through Wagtail's publish path like the admin."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from delegates.choices import Level, RecordKind, StationRole
from delegates.models import (
    DelegateIndexPage,
    DelegatePage,
    DelegateRole,
    DelegationGroup,
    PerformanceRecord,
    PointsRule,
    ReceptionSession,
    StationIndexPage,
    StationMembership,
    StationPage,
    Street,
)

# Hand-placed points around 江滨区 (WGS-84).
CENTRE = (30.8700, 120.0900)


@pytest.fixture
def streets(db):
    return [
        Street.objects.create(
            name="东城街道", body_name="东城街道人大工委", latitude=30.8725, longitude=120.1121
        ),
        Street.objects.create(
            name="青石镇",
            kind="town",
            body_name="青石镇人大主席团",
            latitude=30.9051,
            longitude=120.0213,
            sort_order=1,
        ),
    ]


@pytest.fixture
def station_index(home):
    index = StationIndexPage(title="联络站", slug="stations", show_in_menus=True)
    home.add_child(instance=index)
    return index


@pytest.fixture
def delegate_index(home):
    index = DelegateIndexPage(title="代表名录", slug="delegates", show_in_menus=True)
    home.add_child(instance=index)
    return index


def publish_page(parent, page):
    page.live = False
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def make_station(station_index, streets):
    counter = {"n": 0}

    def factory(title=None, lat=CENTRE[0], lng=CENTRE[1], street=None, communities=(), **extra):
        counter["n"] += 1
        n = counter["n"]
        station = StationPage(
            title=title or f"测试联络站{n}",
            slug=f"station-{n}",
            code=extra.pop("code", f"T-{n:03d}"),
            street=street or streets[0],
            address=extra.pop("address", f"江滨区人民路{n}号"),
            latitude=lat,
            longitude=lng,
            opening_hours=extra.pop("opening_hours", "工作日 9:00-17:00"),
            liaison_name=extra.pop("liaison_name", "王联络"),
            liaison_phone=extra.pop("liaison_phone", "13812345678"),
            rules=extra.pop("rules", "<p>代表接待选民制度。</p>"),
            rules_reviewed_on=extra.pop(
                "rules_reviewed_on", timezone.localdate() - datetime.timedelta(days=30)
            ),
            **extra,
        )
        for name in communities:
            from delegates.models import StationCommunity

            station.communities.add(StationCommunity(name=name))
        return publish_page(station_index, station)

    return factory


@pytest.fixture
def make_delegate(delegate_index):
    counter = {"n": 0}

    def factory(
        name="张子平", levels=(Level.COUNTY,), station=None, role=StationRole.MEMBER, **extra
    ):
        counter["n"] += 1
        n = counter["n"]
        delegate = DelegatePage(
            title=name,
            slug=f"delegate-{n}",
            code=extra.pop("code", f"D-{n:04d}"),
            unit_position=extra.pop("unit_position", "某某社区党委书记"),
            **extra,
        )
        for i, level in enumerate(levels):
            delegate.roles.add(
                DelegateRole(
                    level=level,
                    term="第十六届",
                    start_date=datetime.date(2021, 12, 20),
                    sort_order=i,
                )
            )
        delegate = publish_page(delegate_index, delegate)
        if station is not None:
            StationMembership.objects.create(station=station, delegate=delegate, role=role)
            # Keep the station's latest revision in step with its rows, as the importer does.
            StationPage.objects.get(pk=station.pk).save_revision().publish()
        return delegate

    return factory


@pytest.fixture
def make_session():
    def factory(station, days_ahead=10, announced_days_before=12, delegates=(), **extra):
        start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days_ahead)
        session = ReceptionSession.objects.create(
            station=station,
            start=start,
            end=start + datetime.timedelta(hours=2),
            topic=extra.pop("topic", "老旧小区改造"),
            announced_at=min(
                timezone.now(), start - datetime.timedelta(days=announced_days_before)
            ),
            **extra,
        )
        session.delegates.set(delegates)
        session.save()  # modelcluster commits parental many-to-many relations on save
        return session

    return factory


@pytest.fixture
def make_record():
    def factory(delegate, kind=RecordKind.RECEPTION, date=None, title="接待选民"):
        return PerformanceRecord.objects.create(
            delegate=delegate, kind=kind, date=date or timezone.localdate(), title=title
        )

    return factory


@pytest.fixture
def rules(db):
    specs = {
        RecordKind.MEETING: ("2", "20"),
        RecordKind.RECEPTION: ("4", "12"),
        RecordKind.SUGGESTION: ("5", None),
        RecordKind.DUTY_REPORT: ("10", "10"),
    }
    return {
        kind: PointsRule.objects.create(
            kind=kind, points=Decimal(points), yearly_cap=Decimal(cap) if cap else None
        )
        for kind, (points, cap) in specs.items()
    }


@pytest.fixture
def group(streets):
    return DelegationGroup.objects.create(name="东城街道代表团", street=streets[0])
