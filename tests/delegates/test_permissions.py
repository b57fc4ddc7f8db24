"""A station's liaison edits that station (page, roster, sessions, rules) and nothing else."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from delegates.liaisons import liaison_group_name
from delegates.models import ReceptionSession


@pytest.fixture
def two_stations(make_station, make_delegate):
    mine = make_station(title="幸福社区人大代表联络站", code="JB-01-02")
    theirs = make_station(title="青石镇人大代表之家", code="JB-08-01")
    delegate = make_delegate(name="张子平", station=mine)
    return mine, theirs, delegate


@pytest.fixture
def liaison(two_stations, django_user_model, client):
    mine, _theirs, _delegate = two_stations
    user = django_user_model.objects.create_user("liaison01", password="secret-pass-1")
    user.groups.add(Group.objects.get(name=liaison_group_name(mine)))
    client.force_login(user)
    return client


def station_form(station, delegate, sessions=()):
    sessions = [dict(s) for s in sessions]
    on_duty = [s.pop("delegates", []) for s in sessions]
    data = nested_form_data(
        {
            "title": station.title,
            "slug": station.slug,
            "code": station.code,
            "kind": station.kind,
            "street": station.street_id,
            "address": station.address,
            "latitude": station.latitude,
            "longitude": station.longitude,
            "opening_hours": station.opening_hours,
            "phone": station.phone,
            "head_name": station.head_name,
            "liaison_name": station.liaison_name,
            "liaison_phone": station.liaison_phone,
            "intro": station.intro,
            "rules": rich_text("<p>代表接待选民制度（修订）。</p>"),
            "rules_reviewed_on": timezone.localdate().isoformat(),
            "has_sign": "on",
            "communities": inline_formset([]),
            "photos": inline_formset([]),
            "memberships": inline_formset(
                [
                    {"id": m.pk, "delegate": m.delegate_id, "role": m.role}
                    for m in station.memberships.all()
                ],
                initial=station.memberships.count(),
            ),
            "sessions": inline_formset(list(sessions)),
            "rule_documents": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    # nested_form_data would flatten a list into "-0", "-1" keys; a multiple select posts
    # the same key repeatedly.
    for i, pks in enumerate(on_duty):
        data[f"sessions-{i}-delegates"] = pks
    return data


def one_session(delegate):
    start = timezone.localtime() + datetime.timedelta(days=10)
    return {
        "start": start.strftime("%Y-%m-%d 09:00"),
        "end": start.strftime("%Y-%m-%d 11:00"),
        "place": "",
        "topic": "居家养老服务",
        "delegates": [delegate.pk],
        "liaison_name": "",
        "liaison_phone": "",
        "people_received": "",
        "issues_raised": "",
        "handling": "",
    }


@pytest.mark.django_db
def test_each_station_gets_its_own_liaison_group(two_stations):
    mine, theirs, _delegate = two_stations
    group = Group.objects.get(name=liaison_group_name(mine))
    pages = set(group.page_permissions.values_list("page_id", flat=True))
    assert pages == {mine.pk}
    assert set(group.page_permissions.values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
        "publish_page",
    }
    assert Group.objects.get(name=liaison_group_name(theirs)) != group


@pytest.mark.django_db
def test_liaison_can_open_own_station_but_not_another(two_stations, liaison):
    mine, theirs, _delegate = two_stations
    assert liaison.get(f"/admin/pages/{mine.pk}/edit/").status_code == 200
    response = liaison.get(f"/admin/pages/{theirs.pk}/edit/")
    assert response.status_code in (302, 403)
    assert liaison.get(f"/admin/pages/{theirs.get_parent().pk}/edit/").status_code in (302, 403)
    assert liaison.get(f"/admin/pages/{mine.get_parent().pk}/add_subpage/").status_code in (
        302,
        403,
    )


@pytest.mark.django_db
def test_liaison_publishes_a_reception_on_own_station(two_stations, liaison, client):
    mine, _theirs, delegate = two_stations
    data = station_form(mine, delegate, [one_session(delegate)])
    data["action-publish"] = "action-publish"
    response = liaison.post(f"/admin/pages/{mine.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    session = ReceptionSession.objects.get(station=mine)
    assert session.topic == "居家养老服务"
    assert list(session.delegates.all()) == [delegate]
    assert session.announced_at is not None
    html = client.get(mine.url).content.decode()
    assert "居家养老服务" in html and "代表接待选民制度（修订）" in html


@pytest.mark.django_db
def test_liaison_cannot_post_to_another_station(two_stations, liaison):
    mine, theirs, delegate = two_stations
    data = station_form(theirs, delegate, [one_session(delegate)])
    data["action-publish"] = "action-publish"
    response = liaison.post(f"/admin/pages/{theirs.pk}/edit/", data)
    assert response.status_code in (302, 403)
    assert not ReceptionSession.objects.filter(station=theirs).exists()
    theirs.refresh_from_db()
    assert "修订" not in theirs.rules


@pytest.mark.django_db
def test_liaison_gets_clear_errors_for_bad_input(two_stations, liaison):
    mine, _theirs, delegate = two_stations
    bad = one_session(delegate)
    bad["end"] = bad["start"]
    data = station_form(mine, delegate, [bad])
    data["latitude"] = "123"
    data["action-publish"] = "action-publish"
    response = liaison.post(f"/admin/pages/{mine.pk}/edit/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "纬度应在 -90 到 90 之间" in html
    assert "结束时间必须晚于开始时间" in html
    assert not ReceptionSession.objects.filter(station=mine).exists()
