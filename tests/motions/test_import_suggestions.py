"""Suggestion import: dry run, all-or-nothing, Chinese per-row errors, row cap, updates of
existing numbers, review, the admin view, the template and the command."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from home.imports import ImportFileError
from motions.importer import HEADERS, import_suggestions, plain_text
from motions.models import SuggestionPage

HEADER = list(HEADERS)


def row(number="第十六届第3次会议第101号", **values):
    """A full row of the template; `values` by header (e.g. 交办日期="2026-02-01")."""
    base = {
        "编号": number,
        "标题": "关于加快老旧小区加装电梯的建议",
        "类别": "建议",
        "会议": "十六届三次",
        "领衔代表": "张子平",
        "附议代表": "李秀兰、王建国",
        "主题": "城市建设",
        "主办单位": "区住房和城乡建设局",
        "协办单位": "区财政局",
        "提出日期": "2026-01-10",
        "交办日期": "2026-02-01",
        "办理期限": "2026-05-01",
        "答复日期": "",
        "测评日期": "",
        "满意度": "",
        "办结日期": "",
        "正文": "老旧小区居民出行不便。\n建议财政给予补助。",
    }
    base.update(values)
    return [base[h] for h in HEADER]


def book(*rows, header=HEADER):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "代表建议"
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def ready(suggestion_index, congress_session, mi_delegates, mi_bodies):
    return suggestion_index


def numbers():
    return sorted(SuggestionPage.objects.values_list("number", flat=True))


@pytest.mark.django_db
def test_dry_run_reports_and_writes_nothing(ready, mi_publisher):
    revisions = Revision.objects.count()
    report = import_suggestions(book(row(), row("第102号")), "s.xlsx", user=mi_publisher)
    assert report.ok and not report.applied
    assert report.counts["suggestions"]["created"] == 2
    assert "新增建议“第十六届第3次会议第101号”" in [a.message for a in report.actions]
    assert numbers() == [] and Revision.objects.count() == revisions


@pytest.mark.django_db
def test_apply_creates_published_suggestions_with_links(ready, mi_publisher, mi_delegates, client):
    report = import_suggestions(book(row()), "s.xlsx", apply=True, user=mi_publisher)
    assert report.ok and report.applied and report.held == []
    page = SuggestionPage.objects.get(number="第十六届第3次会议第101号")
    assert page.live and page.session.short_name == "十六届三次"
    assert page.lead_delegate == mi_delegates["张子平"] and page.lead_delegate_name == "张子平"
    assert page.topic.name == "城市建设"
    assert [(b.body.name, b.role) for b in page.bodies.all()] == [
        ("区住房和城乡建设局", "lead"),
        ("区财政局", "assist"),
    ]
    assert [(c.name, c.delegate_id) for c in page.cosigners.all()] == [
        ("李秀兰", mi_delegates["李秀兰"].pk),
        ("王建国", None),
    ]
    # The unknown co-signer is kept as a name and reported as a warning, not an error.
    assert [w.message for w in report.warnings] == [
        "附议代表“王建国”找不到代表页面，按姓名保存，未关联代表页面"
    ]
    assert page.assigned_on == datetime.date(2026, 2, 1)
    assert plain_text(page.text) == "老旧小区居民出行不便。\n建议财政给予补助。"
    assert "加装电梯" in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_bad_rows_are_reported_in_chinese_and_nothing_is_written(
    ready, mi_publisher, make_delegate
):
    make_delegate(name="张子平")  # a namesake: the lead becomes ambiguous
    rows = [
        row("第201号", 领衔代表="李秀兰"),  # a good row, not written either
        row("第202号", 领衔代表="张子平"),
        row("第203号", 领衔代表="赵无名", 会议="十七届一次"),
        row("第204号", 领衔代表="李秀兰", 主办单位="区不存在局", 主题="外太空"),
        row("第205号", 领衔代表="李秀兰", 类别="提案", 提出日期="2026年1月", 满意度="很好"),
        row("第201号", 领衔代表="李秀兰"),
        row("第206号", 标题="", 领衔代表="李秀兰"),
    ]
    report = import_suggestions(book(*rows), "s.xlsx", apply=True, user=mi_publisher)
    assert not report.ok and not report.applied
    messages = {}
    for e in report.errors:
        messages.setdefault(e.row, []).append(e.message)
    assert messages[3] == ["领衔代表“张子平”有 2 位同名代表，无法确定是哪一位"]
    assert "未知的会议“十七届一次”，请填写会议名称或简称（如：十六届三次）" in messages[4]
    assert "找不到领衔代表“赵无名”的代表页面，请核对姓名" in messages[4]
    assert messages[5][0].startswith("未知的主题“外太空”，可选：城市建设、")
    assert messages[5][1] == "未知的主办单位“区不存在局”，请先在后台“承办单位”中添加"
    assert "类别“提案”无效，可选：议案、建议、批评和意见" in messages[6]
    assert "提出日期“2026年1月”格式不正确（应为 2021-12-20）" in messages[6]
    assert "满意度“很好”无效，可选：满意、基本满意、不满意" in messages[6]
    assert messages[7] == ["与第 2 行重复（编号 第201号）"]
    assert messages[8] == ["“标题”不能为空（新增建议必填）"]
    assert numbers() == []


@pytest.mark.django_db
def test_a_row_failing_the_pages_own_rules_rolls_everything_back(ready, mi_publisher):
    rows = [
        row("第301号"),
        row("第302号", 交办日期="2026-03-01", 答复日期="2026-02-01"),
        row("第303号", 满意度="满意", 答复日期="2026-04-01"),
    ]
    for apply in (False, True):
        report = import_suggestions(book(*rows), "s.xlsx", apply=apply, user=mi_publisher)
        assert not report.applied
        assert [(e.row, e.message) for e in report.errors] == [
            (3, "答复日期：日期不能早于前一个办理环节。"),
            (4, "满意度测评日期：填写满意度时请同时填写测评日期。"),
        ]
        assert numbers() == []


@pytest.mark.django_db
def test_existing_numbers_are_updated_as_new_revisions(ready, mi_publisher, mi_suggestion):
    page = mi_suggestion(number="第401号", title="关于道路改造的建议")
    revisions = page.revisions.count()
    milestones = ["编号", "交办日期", "办理期限", "答复日期"]
    data = book(["第401号", "2026-02-01", "2026-05-01", "2026-04-20"], header=milestones)
    report = import_suggestions(data, "m.xlsx", apply=True, user=mi_publisher)
    assert report.ok and report.counts["suggestions"] == {
        "created": 0,
        "updated": 1,
        "unchanged": 0,
    }
    assert report.actions[0].message == "更新“第401号”：交办日期、办理期限、答复日期"
    page = SuggestionPage.objects.get(pk=page.pk)
    assert page.answered_on == datetime.date(2026, 4, 20) and page.live
    assert page.title == "关于道路改造的建议"  # columns the file has not are kept
    assert page.revisions.count() == revisions + 1
    assert not page.has_unpublished_changes
    # The same file again changes nothing.
    again = import_suggestions(data, "m.xlsx", apply=True, user=mi_publisher)
    assert again.changes == 0 and page.revisions.count() == revisions + 1


@pytest.mark.django_db
def test_row_cap(ready, settings, mi_publisher):
    settings.SUGGESTION_IMPORT_MAX_ROWS = 2
    assert import_suggestions(book(row("第1号"), row("第2号")), "s.xlsx").ok
    with pytest.raises(ImportFileError, match="文件行数超过上限 2 行"):
        import_suggestions(book(row("第1号"), row("第2号"), row("第3号")), "s.xlsx", apply=True)
    assert numbers() == []
    with pytest.raises(ImportFileError, match="找不到“编号”列"):
        import_suggestions(book(["x"], header=["标题"]), "s.xlsx")


# Review --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_editor_without_publish_permission_submits_for_review(
    ready, mi_editor, mi_publisher, mi_suggestion
):
    page = mi_suggestion(number="第501号")
    data = book(row("第501号", 答复日期="2026-04-01"), row("第502号"))
    report = import_suggestions(data, "s.xlsx", apply=True, user=mi_editor, publish=True)
    assert report.ok and report.applied
    assert report.held_lines() == [
        "代表建议“第501号”：已提交审核，审核通过后发布",
        "代表建议“第502号”：已提交审核，审核通过后发布",
    ]
    page = SuggestionPage.objects.get(pk=page.pk)
    assert page.answered_on is None and page.workflow_in_progress  # live row unchanged
    new = SuggestionPage.objects.get(number="第502号")
    assert not new.live and new.workflow_in_progress

    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, mi_publisher, "approve")
    assert SuggestionPage.objects.get(pk=page.pk).answered_on == datetime.date(2026, 4, 1)


@pytest.mark.django_db
def test_a_publisher_may_choose_to_submit_for_review(ready, mi_publisher, mi_suggestion):
    page = mi_suggestion(number="第601号")
    data = book(row("第601号", 答复日期="2026-04-01"))
    report = import_suggestions(data, "s.xlsx", apply=True, user=mi_publisher, publish=False)
    assert "已提交审核" in report.held_lines()[0]
    page = SuggestionPage.objects.get(pk=page.pk)
    assert page.answered_on is None and page.workflow_in_progress
    # A page awaiting review is left alone by the next import.
    report = import_suggestions(
        book(row("第601号", 答复日期="2026-04-02")), "s.xlsx", apply=True, user=mi_publisher
    )
    assert report.counts["suggestions"]["held"] == 1
    assert "有待审核的修改，未发布" in report.held_lines()[0]


@pytest.mark.django_db
def test_command_dry_run_and_apply(ready, tmp_path, capsys, mi_publisher, mi_editor):
    path = tmp_path / "s.xlsx"
    path.write_bytes(book(row()))
    call_command("import_suggestions", str(path), "--dry-run", "--user", mi_publisher.username)
    out = capsys.readouterr().out
    assert "试运行：将有 1 项变更" in out and "附议代表“王建国”找不到代表页面" in out
    assert numbers() == []
    call_command("import_suggestions", str(path), "--user", mi_publisher.username)
    assert "已导入，共 1 项变更" in capsys.readouterr().out
    assert SuggestionPage.objects.get().live
    with pytest.raises(CommandError, match="找不到用户：nobody"):
        call_command("import_suggestions", str(path), "--user", "nobody")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(book(row("第9号", 领衔代表="赵无名")))
    with pytest.raises(CommandError, match="共 1 处错误，未导入任何数据"):
        call_command("import_suggestions", str(bad))
    assert "第 2 行：找不到领衔代表“赵无名”" in capsys.readouterr().err


@pytest.mark.django_db
def test_command_without_user_submits_for_review(ready, tmp_path, capsys):
    path = tmp_path / "s.xlsx"
    path.write_bytes(book(row()))
    call_command("import_suggestions", str(path))
    assert "未发布的页面：" in capsys.readouterr().out
    page = SuggestionPage.objects.get()
    assert not page.live and page.workflow_in_progress


# Admin -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_view_dry_runs_then_applies_with_the_chosen_mode(ready, client, mi_publisher):
    client.force_login(mi_publisher)
    upload = SimpleUploadedFile("s.xlsx", book(row()))
    response = client.post("/admin/motions/import/", {"file": upload, "mode": "submit"})
    html = response.content.decode()
    assert "试运行结果" in html and "新增建议“第十六届第3次会议第101号”" in html
    assert "附议代表“王建国”找不到代表页面" in html and "已提交审核" in html
    assert numbers() == []
    token = response.context["token"]
    response = client.post(
        "/admin/motions/import/", {"token": token, "suffix": ".xlsx", "mode": "submit"}
    )
    assert "导入结果" in response.content.decode()
    page = SuggestionPage.objects.get()
    assert not page.live and page.workflow_in_progress

    bad = SimpleUploadedFile("bad.xlsx", book(row("第9号", 交办日期="明天")))
    html = client.post("/admin/motions/import/", {"file": bad, "mode": "publish"}).content.decode()
    assert "交办日期“明天”格式不正确" in html and "确认导入" not in html


@pytest.mark.django_db
def test_admin_template_download_is_accepted_back(ready, client, mi_publisher):
    client.force_login(mi_publisher)
    response = client.get("/admin/motions/import/template/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADER
    report = import_suggestions(response.content, "template.xlsx", user=mi_publisher)
    assert report.ok and report.counts["suggestions"]["created"] == 1


@pytest.mark.django_db
def test_import_needs_the_page_permissions_on_the_list(ready, client, mi_outsider, mi_editor):
    client.force_login(mi_outsider)
    for url in ("/admin/motions/import/", "/admin/motions/import/template/"):
        assert client.get(url).status_code == 403
    upload = SimpleUploadedFile("s.xlsx", book(row()))
    assert client.post("/admin/motions/import/", {"file": upload}).status_code == 403
    client.force_login(mi_editor)
    html = client.get("/admin/motions/import/").content.decode()
    assert "导入代表建议" in html and 'name="mode"' not in html  # no choice without publishing
