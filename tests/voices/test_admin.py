"""The inbox in the admin: per-station scope from the liaison groups' page permissions, the
actions, and the audit log of contact views."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from delegates.liaisons import liaison_group_name
from voices import workflow
from voices.choices import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_stations(make_station):
    return make_station(title="东城联络站"), make_station(title="西城联络站")


@pytest.fixture
def liaison(django_user_model, two_stations):
    user = django_user_model.objects.create_user("liaison", password="pw")
    user.groups.add(Group.objects.get(name=liaison_group_name(two_stations[0])))
    return user


def test_liaison_sees_only_own_station(client, liaison, two_stations, make_opinion):
    own = make_opinion(station=two_stations[0], text="东城的路灯坏了，请修复，谢谢。")
    other = make_opinion(station=two_stations[1], text="西城的垃圾没人清运，请处理。")
    client.force_login(liaison)
    html = client.get("/admin/voices/?pending=on").content.decode()  # both still unconfirmed
    assert "东城的路灯" in html and "西城的垃圾" not in html
    assert client.get(f"/admin/voices/{own.pk}/").status_code == 200
    assert client.get(f"/admin/voices/{other.pk}/").status_code == 404
    assert client.post(f"/admin/voices/{other.pk}/", {"action": "accept"}).status_code == 404


def test_user_without_station_is_refused(client, django_user_model, two_stations):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("nobody", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/voices/")  # Wagtail turns PermissionDenied into a redirect
    assert response.status_code == 302 and response.url == "/admin/"


def test_phone_confirm_accept_assign_answer(client, liaison, two_stations, make_opinion, body):
    opinion = make_opinion(station=two_stations[0], email="")
    client.force_login(liaison)
    url = f"/admin/voices/{opinion.pk}/"
    assert "已电话核实来信人" in client.get(url).content.decode()
    client.post(url, {"action": "confirm_phone"})
    opinion.refresh_from_db()
    assert opinion.status == Status.RECEIVED and opinion.number
    assert opinion.events.get(kind="confirmed").actor == liaison
    client.post(url, {"action": "accept"})
    response = client.post(url, {"action": "assign", "assign-body": str(body.pk)})
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.status == Status.ASSIGNED and opinion.handling_body == body
    assert opinion.due_date is not None
    client.post(url, {"action": "note", "note-text": "已电话联系承办单位。"})
    client.post(url, {"action": "answer", "answer-text": "路灯已修复。"})
    opinion.refresh_from_db()
    assert opinion.status == Status.ANSWERED and opinion.public_answer == "路灯已修复。"
    html = client.get(url).content.decode()
    assert "已电话联系承办单位。" in html  # internal notes are shown in the admin


def test_decline_needs_reason_and_wrong_transition_says_why(
    client, liaison, two_stations, make_opinion
):
    opinion, _ = workflow.confirm(make_opinion(station=two_stations[0]))
    client.force_login(liaison)
    url = f"/admin/voices/{opinion.pk}/"
    response = client.post(url, {"action": "decline", "decline-reason": ""}, follow=True)
    assert "请检查填写的内容" in response.content.decode()
    response = client.post(url, {"action": "answer", "answer-text": "答复"}, follow=True)
    assert "不能改为“已答复”" in response.content.decode()
    client.post(url, {"action": "decline", "decline-reason": "请向物业反映。"})
    opinion.refresh_from_db()
    assert opinion.status == Status.DECLINED and opinion.decline_reason == "请向物业反映。"


def test_merge_only_into_own_opinions(client, liaison, two_stations, make_opinion):
    first, _ = workflow.confirm(make_opinion(station=two_stations[0]))
    second, _ = workflow.confirm(make_opinion(station=two_stations[0]))
    foreign, _ = workflow.confirm(make_opinion(station=two_stations[1]))
    client.force_login(liaison)
    url = f"/admin/voices/{second.pk}/"
    response = client.post(url, {"action": "merge", "merge-number": foreign.number}, follow=True)
    assert "没有找到您可以处理的受理编号" in response.content.decode()
    client.post(url, {"action": "merge", "merge-number": first.number})
    second.refresh_from_db()
    assert second.status == Status.MERGED and second.duplicate_of == first


def test_viewing_contact_is_logged(client, liaison, two_stations, make_opinion):
    opinion = make_opinion(station=two_stations[0])
    client.force_login(liaison)
    url = f"/admin/voices/{opinion.pk}/"
    assert "resident@example.com" not in client.get(url).content.decode()
    assert not ModelLogEntry.objects.filter(action="voices.view_contact").exists()
    html = client.post(url, {"action": "contact"}).content.decode()
    assert "resident@example.com" in html
    entry = ModelLogEntry.objects.get(action="voices.view_contact")
    assert entry.user == liaison and entry.object_id == str(opinion.pk)
    assert entry.timestamp is not None


def test_editor_sees_every_station(client, django_user_model, two_stations, make_opinion):
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="编辑"))
    make_opinion(station=two_stations[0], text="东城的路灯坏了，请修复，谢谢。")
    make_opinion(station=two_stations[1], text="西城的垃圾没人清运，请处理。")
    client.force_login(editor)
    html = client.get("/admin/voices/?pending=on").content.decode()
    assert "东城的路灯" in html and "西城的垃圾" in html
