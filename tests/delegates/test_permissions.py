"""A station's liaison edits that station (page, roster, sessions, rules) and nothing else."""

import datetime
import io
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from wagtail.documents.models import Document
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    PageViewRestriction,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from delegates.liaisons import liaison_collection_name, liaison_group_name
from delegates.models import ReceptionSession, StationPage
from home.models import PortalImage
from home.roles import EDITORS, REVIEWERS
from news.models import NoticePage


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
    # Edit only: no publish (edits go through review), no add (a station has no subpages).
    assert set(group.page_permissions.values_list("permission__codename", flat=True)) == {
        "change_page"
    }
    assert Group.objects.get(name=liaison_group_name(theirs)) != group
    # Media only in the station's own collection, a child of the root; nothing on the root.
    collection = Collection.objects.get(name=liaison_collection_name(mine))
    assert collection.get_parent() == Collection.get_first_root_node()
    assert set(group.collection_permissions.values_list("collection_id", flat=True)) == {
        collection.pk
    }
    assert set(group.collection_permissions.values_list("permission__codename", flat=True)) == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }


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
def test_liaison_edit_goes_through_review_before_it_is_live(
    two_stations, liaison, client, django_user_model
):
    mine, _theirs, delegate = two_stations
    data = station_form(mine, delegate, [one_session(delegate)])
    data["action-publish"] = "action-publish"  # asking to publish only saves a draft
    response = liaison.post(f"/admin/pages/{mine.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    mine.refresh_from_db()
    assert mine.has_unpublished_changes and "修订" not in mine.rules
    assert not ReceptionSession.objects.filter(station=mine).exists()
    draft = mine.get_latest_revision_as_object()
    assert [s.topic for s in draft.sessions.all()] == ["居家养老服务"]
    assert "居家养老服务" not in client.get(mine.url).content.decode()

    # Submitted to the 审核发布 workflow…
    data = station_form(draft, delegate, [one_session(delegate)])
    data["action-submit"] = "action-submit"
    assert liaison.post(f"/admin/pages/{mine.pk}/edit/", data).status_code == 302
    mine.refresh_from_db()
    assert mine.workflow_in_progress
    assert not ReceptionSession.objects.filter(station=mine).exists()

    # …and live once a reviewer approves.
    reviewer = django_user_model.objects.create_user("reviewer", password="x")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    task_state = mine.current_workflow_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
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


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor01", password="x")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.mark.django_db
def test_liaison_cannot_unpublish_delete_or_restrict_their_station(two_stations, liaison, client):
    mine, _theirs, _delegate = two_stations
    response = liaison.post(f"/admin/pages/{mine.pk}/unpublish/", {})
    assert response.status_code in (302, 403)
    response = liaison.post(f"/admin/pages/{mine.pk}/delete/", {})
    assert response.status_code in (302, 403)
    response = liaison.post(
        f"/admin/pages/{mine.pk}/privacy/", {"restriction_type": "password", "password": "x"}
    )
    assert response.status_code in (302, 403)
    mine.refresh_from_db()
    assert mine.live and not PageViewRestriction.objects.exists()
    assert client.get(mine.url).status_code == 200
    perms = mine.permissions_for_user(liaison_user(mine))
    assert not (perms.can_publish() or perms.can_unpublish() or perms.can_delete())
    assert not perms.can_set_view_restrictions() and not perms.can_move()


def liaison_user(station):
    return Group.objects.get(name=liaison_group_name(station)).user_set.get()


@pytest.mark.django_db
def test_liaison_cannot_delete_their_station_while_it_is_offline(two_stations, liaison, editor):
    mine, _theirs, _delegate = two_stations
    mine.unpublish()
    mine.refresh_from_db()
    # Wagtail would let change_page delete a page that is not live.
    assert not mine.permissions_for_user(liaison_user(mine)).can_delete()
    response = liaison.post(f"/admin/pages/{mine.pk}/delete/", {})
    assert response.status_code in (302, 403)
    assert StationPage.objects.filter(pk=mine.pk).exists()
    assert mine.permissions_for_user(editor).can_delete()  # the editorial groups still may


@pytest.mark.django_db
def test_liaison_cannot_assess_their_own_station(two_stations, liaison, editor, client):
    mine, _theirs, delegate = two_stations
    reviewed_on = mine.rules_reviewed_on
    html = liaison.get(f"/admin/pages/{mine.pk}/edit/").content.decode()
    assert 'name="has_sign"' not in html and 'name="rules_reviewed_on"' not in html

    data = station_form(mine, delegate)  # a crafted POST with the 六有 box and review date
    data.update({"has_effect": "on", "rules_reviewed_on": "2099-01-01"})
    assert liaison.post(f"/admin/pages/{mine.pk}/edit/", data).status_code == 302
    draft = StationPage.objects.get(pk=mine.pk).get_latest_revision_as_object()
    assert "修订" in draft.rules  # the edit itself was saved…
    assert not draft.has_sign and not draft.has_effect  # …without the assessment
    assert draft.rules_reviewed_on == reviewed_on

    client.force_login(editor)
    html = client.get(f"/admin/pages/{mine.pk}/edit/").content.decode()
    assert 'name="has_sign"' in html and 'name="rules_reviewed_on"' in html
    assert editor.has_perm("delegates.assess_station")


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (200, 150), (30, 120, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(client, collection):
    return client.post(
        "/admin/images/add/",
        {
            "title": "联络站照片",
            "description": "联络站接待室",
            "file": SimpleUploadedFile("photo.png", png(), content_type="image/png"),
            "collection": collection.pk,
        },
    )


def upload_document(client, collection, title="站点制度"):
    return client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "file": SimpleUploadedFile("rules.pdf", b"%PDF-1.4\n%rules\n"),
            "collection": collection.pk,
        },
    )


@pytest.mark.django_db
def test_liaison_media_stays_in_their_station_collection(two_stations, liaison):
    mine, theirs, _delegate = two_stations
    own = Collection.objects.get(name=liaison_collection_name(mine))
    other = Collection.objects.get(name=liaison_collection_name(theirs))
    root = Collection.get_first_root_node()

    response = upload_image(liaison, own)
    assert response.status_code == 302, response.context["form"].errors
    assert upload_document(liaison, own).status_code == 302
    assert PortalImage.objects.get().collection == own
    assert Document.objects.get().collection == own

    # Asking for the root or another station's collection: the upload lands in their own
    # (the only collection offered to them) or is refused, never elsewhere.
    for collection in (root, other):
        upload_image(liaison, collection)
        upload_document(liaison, collection, title="冒名文件")
    assert set(PortalImage.objects.values_list("collection", flat=True)) == {own.pk}
    assert set(Document.objects.values_list("collection", flat=True)) == {own.pk}


@pytest.mark.django_db
def test_liaison_cannot_replace_a_shared_document(two_stations, liaison):
    mine, theirs, _delegate = two_stations
    notice_file = Document.objects.create(
        title="关于召开代表大会的通知附件",
        file=SimpleUploadedFile("notice.pdf", b"%PDF-1.4\n%original\n"),
        collection=Collection.get_first_root_node(),
    )
    station_file = Document.objects.create(
        title="另一站的制度",
        file=SimpleUploadedFile("other.pdf", b"%PDF-1.4\n%other\n"),
        collection=Collection.objects.get(name=liaison_collection_name(theirs)),
    )
    for document in (notice_file, station_file):
        response = liaison.post(
            f"/admin/documents/edit/{document.pk}/",
            {
                "title": "已被替换",
                "file": SimpleUploadedFile("evil.pdf", b"%PDF-1.4\n%evil\n"),
                "collection": document.collection_id,
            },
        )
        assert response.status_code in (302, 403)
        document.refresh_from_db()
        assert document.title != "已被替换"
        with document.file.open() as handle:
            assert b"evil" not in handle.read()
        liaison.post(f"/admin/documents/delete/{document.pk}/", {})
        assert Document.objects.filter(pk=document.pk).exists()


@pytest.mark.django_db
def test_liaison_cannot_read_draft_titles_in_admin_searches(
    two_stations, liaison, editor, client, notice_column
):
    secret = NoticePage(
        title="机密草稿标题",
        date=timezone.now(),
        summary="草稿",
        issuing_body="江滨区人大常委会",
        live=False,
    )
    notice_column.add_child(instance=secret)
    secret.save_revision(user=editor)
    assert not secret.live

    urls = [  # (the search box repeats the query: search for parts of the title)
        "/admin/pages/search/?q=机密",
        "/admin/pages/search/?q=草稿标题",
        "/admin/choose-page/search/?q=机密",
        "/admin/choose-page/search/?q=草稿标题",
        f"/admin/choose-page/{notice_column.pk}/",
    ]
    for url in urls:
        response = liaison.get(url)
        assert response.status_code == 200, url
        assert "机密草稿标题" not in html_of(response), url

    # The editor who wrote it does find it: the searches above would have shown it.
    client.force_login(editor)
    for url in urls:
        assert "机密草稿标题" in html_of(client.get(url)), url


def html_of(response):
    """The page, or the HTML inside a chooser's JSON answer (which escapes non-ASCII text)."""
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()


@pytest.mark.django_db
def test_old_liaison_groups_lose_extra_permissions_after_migrate(two_stations, liaison):
    from django.apps import apps
    from django.db.models.signals import post_migrate

    mine, _theirs, _delegate = two_stations
    group = Group.objects.get(name=liaison_group_name(mine))
    root = Collection.get_first_root_node()
    # What older versions granted: publish/add on the station, media on the root collection.
    for codename in ("add_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=mine, permission=Permission.objects.get(codename=codename)
        )
    GroupCollectionPermission.objects.filter(group=group).delete()
    Collection.objects.filter(name=liaison_collection_name(mine)).delete()
    for codename in ("add_document", "change_document", "choose_document"):
        GroupCollectionPermission.objects.create(
            group=group, collection=root, permission=Permission.objects.get(codename=codename)
        )
    assert mine.permissions_for_user(liaison_user(mine)).can_publish()

    post_migrate.send(
        sender=apps.get_app_config("delegates"),
        app_config=apps.get_app_config("delegates"),
        verbosity=0,
        interactive=False,
        using="default",
        apps=apps,
        plan=[],
    )
    codenames = set(group.page_permissions.values_list("permission__codename", flat=True))
    assert codenames == {"change_page"}
    own = Collection.objects.get(name=liaison_collection_name(mine))
    assert set(group.collection_permissions.values_list("collection_id", flat=True)) == {own.pk}
    assert not mine.permissions_for_user(liaison_user(mine)).can_publish()
