"""seed_demo builds a realistic site from nothing, and a second run changes nothing."""

import pytest
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.models import Page

from home.models import HomePage, PortalImage
from news.models import ColumnPage, NoticePage, Publication, ReportPage

pytestmark = pytest.mark.django_db


def snapshot():
    return (Page.objects.count(), PortalImage.objects.count(), Document.objects.count())


def test_seed_demo_is_complete_and_idempotent(client):
    call_command("seed_demo", "--no-index")
    first = snapshot()
    call_command("seed_demo", "--no-index")
    assert snapshot() == first

    assert HomePage.objects.count() == 1
    columns = list(ColumnPage.objects.values_list("title", flat=True))
    for title in [
        "人大简介",
        "机构设置",
        "人代会",
        "常委会",
        "主任会议",
        "工作动态",
        "立法工作",
        "监督工作",
        "代表工作",
        "选举任免",
        "通知公告",
        "决议决定",
        "工作报告",
        "调查研究",
    ]:
        assert title in columns
    assert Publication.objects.live().count() >= 60
    assert NoticePage.objects.exclude(document_number="").exists()
    assert ReportPage.objects.filter(attachments__isnull=False).exists()
    assert PortalImage.objects.exclude(description="").count() == PortalImage.objects.count()

    home_html = client.get("/").content.decode()
    assert "通知公告" in home_html and "工作动态" in home_html and "找联络站" in home_html
    body = " ".join(Publication.objects.values_list("summary", flat=True))
    assert "lorem" not in body.lower() and "人大" in body
