"""The bulk milestone editor (/admin/motions/milestones/) and its export: filters, row edits,
one date for many, one transaction, Chinese validation, review, permissions."""

import datetime
import io

import openpyxl
import pytest

from motions.importer import import_suggestions
from motions.models import BodyRole, SuggestionPage

URL = "/admin/motions/milestones/"
FIELDS = ["assigned_on", "due_on", "answered_on", "rated_on", "satisfaction", "closed_on"]


def form_data(pages, changes=None):
    """What the page posts: every row's current values, with `changes` ({pk: {field: value}})."""
    data = {"action": "save", "rows": [str(p.pk) for p in pages]}
    for page in pages:
        for name in FIELDS:
            value = (changes or {}).get(page.pk, {}).get(name, getattr(page, name))
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            data[f"s{page.pk}-{name}"] = value or ""
    return data


def fresh(page):
    return SuggestionPage.objects.get(pk=page.pk)


@pytest.fixture
def three(mi_suggestion, mi_bodies):
    _topic, (housing, finance) = mi_bodies
    return [
        mi_suggestion(number="第001号"),
        mi_suggestion(number="第002号", assigned_on=datetime.date(2026, 2, 1)),
        mi_suggestion(number="第003号", bodies=[(finance, BodyRole.LEAD)]),
    ]


@pytest.mark.django_db
def test_lists_a_sessions_suggestions_filtered_by_status_and_body(
    three, client, mi_publisher, mi_bodies
):
    client.force_login(mi_publisher)
    html = client.get(URL).content.decode()
    assert all(n in html for n in ("第001号", "第002号", "第003号"))
    html = client.get(URL, {"status": "assigned"}).content.decode()
    assert "第002号" in html and "第001号" not in html
    finance = mi_bodies[1][1]
    html = client.get(URL, {"body": finance.pk}).content.decode()
    assert "第003号" in html and "第002号" not in html


@pytest.mark.django_db
def test_a_publisher_saves_row_edits_as_published_revisions(three, client, mi_publisher):
    client.force_login(mi_publisher)
    first, second, third = three
    revisions = second.revisions.count()
    data = form_data(three, {second.pk: {"answered_on": "2026-04-01", "rated_on": "2026-04-10"}})
    data[f"s{second.pk}-satisfaction"] = "satisfied"
    data["mode"] = "publish"
    response = client.post(URL, data, follow=True)
    assert "已保存 1 件建议的办理进度。" in response.content.decode()
    second = fresh(second)
    assert second.answered_on == datetime.date(2026, 4, 1) and second.satisfaction == "satisfied"
    assert second.revisions.count() == revisions + 1 and not second.has_unpublished_changes
    assert fresh(first).revisions.count() == first.revisions.count()  # untouched rows stay


@pytest.mark.django_db
def test_one_date_for_many_selected_suggestions(three, client, mi_publisher):
    client.force_login(mi_publisher)
    first, second, third = three
    data = form_data(three)
    data.update(
        action="bulk",
        selected=[str(first.pk), str(third.pk)],
        milestone="assigned_on",
        date="2026-02-15",
        mode="publish",
    )
    client.post(URL, data)
    assert fresh(first).assigned_on == fresh(third).assigned_on == datetime.date(2026, 2, 15)
    assert fresh(second).assigned_on == datetime.date(2026, 2, 1)

    data.update(selected=[])
    html = client.post(URL, data).content.decode()
    assert "请至少选择一件建议。" in html


@pytest.mark.django_db
def test_an_invalid_row_saves_nothing_with_a_chinese_message(three, client, mi_publisher):
    client.force_login(mi_publisher)
    first, second, third = three
    data = form_data(
        three,
        {
            first.pk: {"assigned_on": "2026-02-03"},  # valid, but not saved either
            second.pk: {"answered_on": "2026-01-20"},  # before 交办 (2026-02-01)
        },
    )
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "没有保存任何修改" in html and "第002号：答复日期：日期不能早于前一个办理环节。" in html
    assert fresh(first).assigned_on is None and fresh(second).answered_on is None
    assert fresh(first).revisions.count() == first.revisions.count()

    data = form_data(three, {first.pk: {"due_on": "明天"}})
    html = client.post(URL, data).content.decode()
    assert "第001号：办理期限" in html


@pytest.mark.django_db
def test_an_editor_without_publish_permission_waits_for_review(three, client, mi_editor):
    client.force_login(mi_editor)
    first = three[0]
    html = client.get(URL).content.decode()
    assert 'name="mode"' not in html  # nothing to choose: changes go to review
    response = client.post(
        URL, form_data(three, {first.pk: {"assigned_on": "2026-02-03"}}), follow=True
    )
    assert "代表建议“第001号”：已提交审核，审核通过后发布" in response.content.decode()
    page = fresh(first)
    assert page.assigned_on is None and page.workflow_in_progress
    assert page.get_latest_revision_as_object().assigned_on == datetime.date(2026, 2, 3)


@pytest.mark.django_db
def test_a_publisher_may_submit_for_review(three, client, mi_publisher):
    client.force_login(mi_publisher)
    first = three[0]
    data = form_data(three, {first.pk: {"assigned_on": "2026-02-03"}})
    data["mode"] = "submit"
    client.post(URL, data)
    page = fresh(first)
    assert page.assigned_on is None and page.workflow_in_progress


@pytest.mark.django_db
def test_export_is_accepted_back_by_the_importer(three, client, mi_publisher):
    client.force_login(mi_publisher)
    response = client.get(URL + "export/")
    assert response["Content-Disposition"].startswith('attachment; filename="milestones-')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][:5] == ["编号", "标题", "会议", "提出日期", "交办日期"]
    assert [r[0] for r in rows[1:]] == ["第001号", "第002号", "第003号"]
    report = import_suggestions(response.content, "m.xlsx", apply=True, user=mi_publisher)
    assert report.ok and report.changes == 0

    sheet.cell(row=2, column=5, value="2026-03-01")
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    report = import_suggestions(buffer.getvalue(), "m.xlsx", apply=True, user=mi_publisher)
    assert report.ok and [a.message for a in report.actions] == ["更新“第001号”：交办日期"]
    assert fresh(three[0]).assigned_on == datetime.date(2026, 3, 1)


@pytest.mark.django_db
def test_needs_the_page_permissions_on_the_list(three, client, mi_outsider):
    client.force_login(mi_outsider)
    assert client.get(URL).status_code == 403
    assert client.get(URL + "export/").status_code == 403
    response = client.post(URL, form_data(three, {three[0].pk: {"assigned_on": "2026-02-03"}}))
    assert response.status_code == 403
    assert fresh(three[0]).assigned_on is None


@pytest.mark.django_db
def test_the_menu_shows_the_pages_to_those_who_may_use_them(
    three, client, mi_publisher, mi_outsider
):
    client.force_login(mi_publisher)
    html = client.get("/admin/").content.decode()
    assert "/admin/motions/milestones/" in html and "/admin/motions/import/" in html
    client.force_login(mi_outsider)
    html = client.get("/admin/").content.decode()
    assert "/admin/motions/milestones/" not in html and "/admin/motions/import/" not in html


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_more_suggestions(
    three, client, mi_publisher, mi_suggestion, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(mi_publisher)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for n in range(4, 10):
        mi_suggestion(number=f"第{n:03d}号")
    with django_assert_max_num_queries(len(few)):
        html = client.get(URL).content.decode()
    assert "第009号" in html
