"""Timestamps read from PostgreSQL through psycopg's C loader (home.pgtimestamps): the same
values Django's own loader gives, in UTC."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import timezone

from home.pgtimestamps import _UtcTimestampLoader

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")


def test_connections_read_timestamps_with_the_c_loader():
    _postgresql()
    from psycopg.adapt import Loader
    from psycopg.pq import Format

    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::timestamptz", [timezone.now()])
        cursor.fetchone()
        oid = cursor.cursor.adapters.types["timestamptz"].oid
        registered = cursor.cursor.adapters.get_loader(oid, Format.TEXT)
        instance = registered(oid, cursor.cursor)
    assert registered is _UtcTimestampLoader
    assert not isinstance(instance, Loader)  # psycopg's Python loaders are Loaders
    assert type(instance).__module__.startswith("psycopg_")


@pytest.mark.parametrize(
    "written",
    [
        datetime.datetime(2026, 12, 2, 15, 50, 20, 671924, tzinfo=datetime.UTC),
        datetime.datetime(2026, 1, 1, 0, 0, tzinfo=SHANGHAI),  # the day before in UTC
        datetime.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=SHANGHAI),
        datetime.datetime(2030, 6, 15, 8, 0, 0, 1, tzinfo=datetime.UTC),
    ],
)
def test_timestamps_read_back_as_written_in_utc(written):
    _postgresql()
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::timestamptz", [written])
        (read,) = cursor.fetchone()
    assert read == written
    assert read.tzinfo is datetime.UTC
    assert read.isoformat() == written.astimezone(datetime.UTC).isoformat()


def test_model_datetimes_come_back_as_written_in_utc(django_user_model):
    _postgresql()
    written = datetime.datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=SHANGHAI)
    user = django_user_model.objects.create(username="timestamps", date_joined=written)
    read = django_user_model.objects.values_list("date_joined", flat=True).get(pk=user.pk)
    assert read == written
    assert read.tzinfo is datetime.UTC
