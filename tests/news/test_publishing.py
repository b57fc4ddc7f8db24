"""Scheduled go-live and expiry, and the 审核发布 moderation workflow."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import Page

from home.roles import EDITORS, REVIEWERS, WORKFLOW_NAME
from news.models import ArticlePage, Publication

pytestmark = pytest.mark.django_db


def listed_titles():
    return list(Publication.objects.listed().values_list("title", flat=True))


def test_scheduled_page_appears_only_after_its_time(client, news_column):
    go_live = timezone.now() + datetime.timedelta(hours=2)
    article = ArticlePage(title="定时发布的新闻", summary="摘要", go_live_at=go_live, live=False)
    news_column.add_child(instance=article)
    article.save_revision().publish()
    article.refresh_from_db()

    assert not article.live  # scheduled, not yet live
    call_command("publish_scheduled")
    assert client.get("/news/").content.decode().count("定时发布的新闻") == 0
    assert "定时发布的新闻" not in listed_titles()

    with freeze_time(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live
    assert "定时发布的新闻" in client.get("/news/").content.decode()


def test_expired_page_is_unpublished_by_the_scheduler(client, make_article):
    article = make_article(title="将要下线的新闻")
    Page.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert not article.live and article.expired
    assert client.get(article.url or "/news/将要下线的新闻/").status_code == 404
    assert "将要下线的新闻" not in client.get("/news/").content.decode()


def make_user(username, group_name):
    user = User.objects.create_user(username, password="pw-123456-abc")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_editor_submits_and_reviewer_approves(news_column):
    editor = make_user("editor", EDITORS)
    reviewer = make_user("reviewer", REVIEWERS)

    article = ArticlePage(title="待审核的新闻", summary="摘要", live=False)
    news_column.add_child(instance=article)
    assert not article.permissions_for_user(editor).can_publish()
    assert article.permissions_for_user(reviewer).can_publish()

    workflow = article.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    article.save_revision(user=editor)
    state = workflow.start(article, editor)
    task_state = state.current_task_state
    task = task_state.task.specific

    assert task.get_actions(article, editor) == []  # editors cannot approve
    assert "approve" in [action[0] for action in task.get_actions(article, reviewer)]
    article.refresh_from_db()
    assert not article.live

    task_state.approve(user=reviewer)
    article.refresh_from_db()
    assert article.live
    state.refresh_from_db()
    assert state.status == state.STATUS_APPROVED


def test_reviewer_can_reject(news_column):
    editor = make_user("editor", EDITORS)
    reviewer = make_user("reviewer", REVIEWERS)
    article = ArticlePage(title="被退回的新闻", summary="摘要", live=False)
    news_column.add_child(instance=article)
    article.save_revision(user=editor)
    state = article.get_workflow().start(article, editor)
    state.current_task_state.reject(user=reviewer)
    article.refresh_from_db()
    state.refresh_from_db()
    assert not article.live
    assert state.status == state.STATUS_NEEDS_CHANGES
