"""Fixtures for 约访: a station with a session that takes bookings, and the booking form."""

import time

import pytest

from voices.forms import FormStamp


@pytest.fixture
def station(make_station):
    return make_station(title="东城街道人大代表联络站", communities=["东风社区"])


@pytest.fixture
def session(station, make_session):
    return make_session(station, days_ahead=10, capacity=3, place="东城街道代表之家二楼")


@pytest.fixture
def book_data():
    """A valid booking form, as a browser that took a minute to fill it (a fresh form token
    each call, unless a stamp is given)."""

    def build(**overrides):
        data = {
            "people": "1",
            "topic": "小区加装电梯的补贴政策",
            "name": "李居民",
            "mobile": "",
            "email": "resident@example.com",
            "privacy": "on",
            "website": "",
            "stamp": FormStamp.issue(at=time.time() - 60),
        }
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    return build


def book_url(session):
    return f"/appointments/book/{session.pk}/"
