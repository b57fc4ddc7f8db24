"""Fixtures for the 网上联络站: topics, handling bodies and opinions made in the database."""

import pytest

from voices.choices import Verification
from voices.models import HandlingBody, Opinion, OpinionSender, OpinionTopic, token_digest


@pytest.fixture
def topic(db):
    return OpinionTopic.objects.get_or_create(name="城市建设")[0]


@pytest.fixture
def body(db):
    return HandlingBody.objects.create(name="区住房和城乡建设局", contact_phone="0571-12345678")


@pytest.fixture
def make_opinion(topic):
    counter = {"n": 0}

    def factory(station=None, delegate=None, text=None, email="resident@example.com", **extra):
        counter["n"] += 1
        n = counter["n"]
        text = text or f"小区路灯坏了三个月，晚上出行不便，请尽快修复。（{n}）"
        opinion = Opinion.objects.create(
            topic=topic,
            text=text,
            community=extra.pop("community", "东风社区"),
            station=station,
            delegate=delegate,
            verification=Verification.EMAIL if email else Verification.PHONE,
            form_token=f"form-{n}",
            text_hash=token_digest(text),
            **extra,
        )
        OpinionSender.objects.create(
            opinion=opinion,
            name="李居民",
            email=email or "",
            mobile="" if email else "13900001111",
            ip_hash="x" * 64,
        )
        return opinion

    return factory


@pytest.fixture
def form_data(topic, make_station):
    """A valid resident's form for a new station, as a browser that took a minute to fill it."""
    import time

    from voices.forms import FormStamp

    station = make_station(title="东城街道人大代表联络站", communities=["东风社区"])

    def build(**overrides):
        data = {
            "station": str(station.pk),
            "topic": str(topic.pk),
            "text": "东风社区3号楼前的路灯坏了三个月，晚上出行很不方便，请尽快修复。",
            "community": "东风社区",
            "name": "李居民",
            "mobile": "",
            "email": "resident@example.com",
            "privacy": "on",
            "website": "",
            "stamp": FormStamp.issue(at=time.time() - 60),
        }
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    build.station = station
    return build
