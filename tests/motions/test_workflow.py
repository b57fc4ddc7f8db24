"""End to end through the admin: an editor creates a suggestion and submits it to the 审核发布
workflow; nothing is public until a reviewer approves; the reviewer then records the
milestones and the reply, and the public page shows the answer and the status."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from delegates.models import PerformanceRecord
from home.roles import EDITORS, REVIEWERS
from motions.models import BodyRole, Satisfaction, SuggestionPage

pytestmark = pytest.mark.django_db


def suggestion_form(delegate, body, topic, session, **changes):
    fields = {
        "title": "关于增设社区老年食堂的建议",
        "slug": "elderly-canteen",
        "number": "第十六届第3次会议第088号",
        "kind": "suggestion",
        "session": session.pk,
        "topic": topic.pk,
        "lead_delegate": delegate.pk,
        "lead_delegate_name": delegate.title,
        "text": rich_text("<p>建议在每个街道至少设一处老年食堂。</p>"),
        "submitted_on": "2025-01-12",
        "assigned_on": "",
        "due_on": "",
        "answered_on": "",
        "rated_on": "",
        "satisfaction": "",
        "closed_on": "",
        "reply": rich_text(""),
        "reply_document": "",
        "cosigners": inline_formset([{"name": "赵六", "delegate": ""}]),
        "bodies": inline_formset([{"body": body.pk, "role": BodyRole.LEAD}]),
        "comments": inline_formset([]),
    }
    fields.update(changes)
    return nested_form_data(fields)


@pytest.fixture
def form(make_delegate, handling_body, suggestion_topic, congress_session):
    """The admin form's data for one suggestion, with `changes`; `form.delegate` leads it."""
    delegate = make_delegate(name="王建国")

    def build(**changes):
        return suggestion_form(
            delegate, handling_body, suggestion_topic, congress_session, **changes
        )

    build.delegate = delegate
    return build


def user_in(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="x")
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return user, client


def test_editor_submits_reviewer_approves_then_answers(
    client,
    django_user_model,
    suggestion_index,
    form,
    rules,
):
    delegate = form.delegate
    _editor, as_editor = user_in(django_user_model, "editor", EDITORS)
    reviewer, as_reviewer = user_in(django_user_model, "reviewer", REVIEWERS)

    # The editor creates it and submits it for review: not public yet.
    data = dict(form(), **{"action-submit": "action-submit"})
    response = as_editor.post(
        f"/admin/pages/add/motions/suggestionpage/{suggestion_index.pk}/", data
    )
    assert response.status_code == 302, response.context["form"].errors
    page = SuggestionPage.objects.get(number="第十六届第3次会议第088号")
    assert not page.live and page.workflow_in_progress
    assert "老年食堂" not in client.get("/suggestions/").content.decode()
    assert not PerformanceRecord.objects.filter(delegate=delegate).exists()

    # The reviewer approves it through the workflow: live, and in the delegate's record.
    task_state = page.current_workflow_task_state
    response = as_reviewer.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    html = client.get(page.url).content.decode()
    assert "已提出" in html and "尚未答复。" in html
    record = PerformanceRecord.objects.get(delegate=delegate)
    assert record.kind == "suggestion" and record.link_page_id == page.pk

    # Milestones and the reply, published by the reviewer.
    changed = form(
        assigned_on="2025-02-01",
        due_on="2025-05-01",
        answered_on="2025-04-20",
        rated_on="2025-05-10",
        satisfaction=Satisfaction.SATISFIED,
        reply=rich_text("<p>已在东城街道试点开设老年食堂，年内覆盖全部街道。</p>"),
    )
    data = dict(changed, **{"action-publish": "action-publish"})
    response = as_reviewer.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    html = client.get(page.url).content.decode()
    assert "已在东城街道试点开设老年食堂" in html
    assert "已测评" in html and "满意" in html
    for step in ("提出", "交办", "答复", "满意度测评"):
        assert f"<strong>{step}</strong>" in html
    assert "办理期限：2025-05-01" in html
    # The delegate is linked, the co-signer without a profile shown by name.
    assert f'href="{delegate.url}"' in html and "赵六" in html
    assert "已测评" in client.get("/suggestions/").content.decode()
    assert PerformanceRecord.objects.filter(delegate=delegate).count() == 1

    # Unpublishing withdraws it everywhere, the performance record too.
    page.unpublish()
    assert "老年食堂" not in client.get("/suggestions/").content.decode()
    assert not PerformanceRecord.objects.filter(delegate=delegate).exists()


def test_editor_cannot_publish_directly(
    django_user_model,
    suggestion_index,
    form,
):
    _editor, as_editor = user_in(django_user_model, "editor", EDITORS)
    data = dict(form(), **{"action-publish": "action-publish"})
    as_editor.post(f"/admin/pages/add/motions/suggestionpage/{suggestion_index.pk}/", data)
    page = SuggestionPage.objects.get(number="第十六届第3次会议第088号")
    assert not page.live


def test_bad_milestone_order_gets_a_chinese_message(
    django_user_model,
    suggestion_index,
    form,
):
    _reviewer, as_reviewer = user_in(django_user_model, "reviewer", REVIEWERS)
    data = dict(form(assigned_on="2024-12-01"), **{"action-publish": "action-publish"})
    response = as_reviewer.post(
        f"/admin/pages/add/motions/suggestionpage/{suggestion_index.pk}/", data
    )
    assert response.status_code == 200
    assert "日期不能早于前一个办理环节。" in response.content.decode()
    assert not SuggestionPage.objects.exists()
