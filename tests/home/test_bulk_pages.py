"""Benchmarks' bulk page inserts make pages Wagtail serves and keeps building on."""

import datetime

from django.utils import timezone

from home.demo.bulk import add_pages
from news.models import NoticePage
from tests.conftest import publish


def test_bulk_pages_are_live_children_served_like_any_other(client, notice_column):
    when = timezone.now() - datetime.timedelta(days=3)
    pages = [NoticePage(title=f"批量通知{n}", date=when, first_published_at=when) for n in range(3)]
    add_pages([(notice_column, page) for page in pages])

    notice_column.refresh_from_db()
    assert notice_column.numchild == 3
    stored = NoticePage.objects.visible().child_of(notice_column).order_by("path")
    assert [p.title for p in stored] == ["批量通知0", "批量通知1", "批量通知2"]
    assert stored[0].first_published_at == when
    response = client.get(stored[2].url)
    assert "批量通知2" in response.content.decode()

    # The tree stays consistent: Wagtail adds the next child after the bulk ones.
    later = NoticePage(
        title="之后发布", slug="later", date=when, summary="摘要", issuing_body="办公室"
    )
    later = publish(notice_column, later)
    assert later.path > stored[2].path
    notice_column.refresh_from_db()
    assert notice_column.numchild == 4
