"""Roster import: stations, delegates, memberships and reception sessions from CSV or XLSX.

A dry run validates every row and reports, per row and in Chinese, what is wrong or what would
change. Applying runs the same validation and then writes everything in one transaction —
any error and nothing is written. Rows are matched by stable keys (站点编号, 代表编号, and
站点编号 + 开始时间 for receptions), so importing the same file twice changes nothing.

An import respects review like an edit in the admin. Changes are made to each page as a new
revision, never to the live rows directly, and the acting user decides what happens to it:

- a page that is live, has no pending draft, is not in a workflow, scheduled or locked, and
  that the user may publish: published;
- the same page when the user may not publish (or no user: `import_roster` without `--user`):
  saved and submitted to the 审核发布 workflow;
- a page that is offline (unpublished on purpose): saved as a draft, not republished;
- a page with a pending draft, in a workflow, scheduled or locked: left alone entirely (the
  import would otherwise bury an editor's draft) — import again once it is dealt with.

The report lists every page that was not published and why. A dry run decides the same but
saves, publishes and submits nothing."""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .choices import Gender, Level, StationKind, StationRole
from .validators import normalise_phone, validate_phone

KINDS = ["stations", "delegates", "memberships", "receptions"]
KIND_LABELS = {
    "stations": "联络站",
    "delegates": "代表",
    "memberships": "进站代表",
    "receptions": "接访安排",
}
HEADERS = {
    "stations": {
        "站点编号": "code",
        "名称": "title",
        "类型": "kind",
        "街道乡镇": "street",
        "地址": "address",
        "纬度": "latitude",
        "经度": "longitude",
        "开放时间": "opening_hours",
        "站点电话": "phone",
        "站长": "head_name",
        "联络员": "liaison_name",
        "联络员电话": "liaison_phone",
        "覆盖社区": "communities",
    },
    "delegates": {
        "代表编号": "code",
        "姓名": "title",
        "性别": "gender",
        "代表层级": "levels",
        "届次": "term",
        "选区": "constituency",
        "当选日期": "start_date",
        "代表团": "delegation_group",
        "专业小组": "professional_group",
        "单位及职务": "unit_position",
        "联系电话": "contact_phone",
        "简介": "bio",
    },
    "memberships": {"站点编号": "station", "代表编号": "delegate", "站内职务": "role"},
    "receptions": {
        "站点编号": "station",
        "开始时间": "start",
        "结束时间": "end",
        "地点": "place",
        "接访代表": "delegates",
        "主题": "topic",
        "联络员": "liaison_name",
        "联络电话": "liaison_phone",
    },
}
REQUIRED = {
    "stations": ["code", "title", "street", "address", "latitude", "longitude"],
    "delegates": ["code", "title", "levels", "term"],
    "memberships": ["station", "delegate"],
    "receptions": ["station", "start", "end"],
}
LEVEL_WORDS = {
    "全国": Level.NATIONAL,
    "全国人大代表": Level.NATIONAL,
    "省": Level.PROVINCIAL,
    "省人大代表": Level.PROVINCIAL,
    "市": Level.CITY,
    "市人大代表": Level.CITY,
    "区": Level.COUNTY,
    "县": Level.COUNTY,
    "区县": Level.COUNTY,
    "区人大代表": Level.COUNTY,
    "县人大代表": Level.COUNTY,
    "乡镇": Level.TOWNSHIP,
    "镇": Level.TOWNSHIP,
    "乡": Level.TOWNSHIP,
    "乡镇人大代表": Level.TOWNSHIP,
}
SEPARATORS = ["；", ";", "、", "，", ",", "/", "|"]
# Columns read from each sheet: the templates have at most 13, and a file that claims the whole
# width of a sheet (16,384 columns) must not make every row that wide.
MAX_COLUMNS = 100


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong format, unknown columns)."""


@dataclass
class Table:
    kind: str
    name: str
    rows: list  # [(row number as the user sees it, {field: value})]


@dataclass
class RowMessage:
    table: str
    row: int
    message: str


# Why a page the import changes is not published (shown in the report).
PENDING = "有待审核的修改，未发布（本次导入未修改此页，处理后请重新导入）"
LOCKED = "已被锁定，未发布（本次导入未修改此页，解锁后请重新导入）"
OFFLINE = "已下线，未重新发布（导入的修改已存为草稿）"
SUBMITTED = "已提交审核，审核通过后发布"

PUBLISH, SUBMIT, DRAFT, HOLD = "publish", "submit", "draft", "hold"


@dataclass
class HeldPage:
    kind: str  # "联络站" or "代表"
    title: str
    reason: str

    def __str__(self):
        return f"{self.kind}“{self.title}”：{self.reason}"


@dataclass
class Report:
    errors: list = field(default_factory=list)  # the first ROSTER_IMPORT_MAX_ERRORS errors
    errors_omitted: int = 0  # how many more were found and not kept
    actions: list = field(default_factory=list)  # RowMessage with what would change
    counts: dict = field(default_factory=dict)  # kind -> {"created": n, "updated": n, ...}
    held: list = field(default_factory=list)  # HeldPage: changed pages not published
    applied: bool = False

    @property
    def ok(self):
        return not self.errors and not self.errors_omitted

    @property
    def error_count(self):
        return len(self.errors) + self.errors_omitted

    def add_error(self, message: RowMessage):
        if len(self.errors) < settings.ROSTER_IMPORT_MAX_ERRORS:
            self.errors.append(message)
        else:
            self.errors_omitted += 1

    def count(self, kind, what):
        counts = self.counts.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0})
        counts[what] = counts.get(what, 0) + 1

    @property
    def changes(self):
        return sum(c["created"] + c["updated"] for c in self.counts.values())

    def summary_lines(self):
        lines = []
        for kind in KINDS:
            if kind in self.counts:
                c = self.counts[kind]
                line = (
                    f"{KIND_LABELS[kind]}：新增 {c['created']}，更新 {c['updated']}，"
                    f"无变化 {c['unchanged']}"
                )
                if c.get("held"):
                    line += f"，暂缓 {c['held']}"
                lines.append(line)
        return lines

    def held_lines(self):
        return [str(page) for page in self.held]


# Reading -------------------------------------------------------------------------------------


def _clean_cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer() and abs(value) > 1000:
        return str(int(value))
    return value


def _detect(headers, sheet_name=""):
    for kind, label in KIND_LABELS.items():
        if sheet_name.strip() == label:
            return kind
    names = set(headers)
    if "纬度" in names:
        return "stations"
    if "开始时间" in names:
        return "receptions"
    if "姓名" in names and "代表编号" in names:
        return "delegates"
    if {"站点编号", "代表编号"} <= names:
        return "memberships"
    return None


def _table(headers, rows, sheet_name, first_row=2):
    headers = [str(_clean_cell(h)) for h in headers]
    kind = _detect(headers, sheet_name)
    if kind is None:
        raise ImportFileError(
            f"无法识别“{sheet_name or '文件'}”的内容："
            "表头应为联络站、代表、进站代表或接访安排的模板列。"
        )
    mapping = HEADERS[kind]
    missing = [h for h, f in mapping.items() if f in REQUIRED[kind] and h not in headers]
    if missing:
        raise ImportFileError(
            f"“{sheet_name or KIND_LABELS[kind]}”缺少必需的列：{'、'.join(missing)}"
        )
    table = Table(kind, sheet_name or KIND_LABELS[kind], [])
    for offset, raw in enumerate(rows):
        values = [_clean_cell(v) for v in raw]
        if not any(v not in ("", None) for v in values):
            continue
        record = {}
        for header, value in zip(headers, values, strict=False):
            if header in mapping:
                record[mapping[header]] = value
        table.rows.append((first_row + offset, record))
    return table


def _check_archive(data: bytes) -> None:
    """Refuse an XLSX (a zip archive) that would expand to far more than a roster: the sizes
    are those the archive declares, and Python's zipfile never inflates a member beyond its
    declared size, so openpyxl cannot be made to read more than is checked here."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ImportFileError("无法打开 Excel 文件，请确认是 .xlsx 格式。") from exc
    expanded = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    limit_mb = settings.ROSTER_IMPORT_MAX_UNCOMPRESSED_MB
    if expanded > limit_mb * 1024 * 1024:
        raise ImportFileError(
            f"Excel 文件解压后超过 {limit_mb} MB，超出名册文件的上限，请删去多余内容后重新上传。"
        )
    # Small files cannot hurt whatever their ratio; large ones must compress like a roster.
    ratio = settings.ROSTER_IMPORT_MAX_RATIO
    if expanded > 1024 * 1024 and expanded > ratio * max(packed, 1):
        raise ImportFileError(
            "Excel 文件的压缩比异常（可能包含大量空行或重复内容），请另存为新文件后重新上传。"
        )


class _RowLimit:
    """Counts the rows read from a whole file (every sheet, blank rows too) and stops reading
    at the limit, before a file of a million rows is parsed to its end."""

    def __init__(self):
        self.limit = settings.ROSTER_IMPORT_MAX_ROWS
        self.count = 0

    def rows(self, rows):
        """The header row, then data rows while the file stays under the limit."""
        rows = iter(rows)
        header = next(rows, None)
        if header is None:
            return None, []
        return header, self._data(rows)

    def _data(self, rows):
        for row in rows:
            self.count += 1
            if self.count > self.limit:
                raise ImportFileError(f"文件行数超过上限 {self.limit} 行，请分成几个文件导入。")
            yield row


def read_tables(data: bytes, filename: str) -> list[Table]:
    suffix = Path(filename).suffix.lower()
    limit = _RowLimit()
    if suffix == ".xlsx":
        import openpyxl

        _check_archive(data)
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise ImportFileError("无法打开 Excel 文件，请确认是 .xlsx 格式。") from exc
        tables = []
        try:
            for sheet in workbook.worksheets:
                # Read the rows the sheet holds, not the size it claims: a wrong <dimension>
                # would cut rows off or pad the sheet with up to a million empty ones.
                sheet.reset_dimensions()
                header, rows = limit.rows(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True))
                if not header or not any(header):
                    continue
                tables.append(_table(header, rows, sheet.title))
        finally:
            workbook.close()
        return tables
    if suffix == ".csv":
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportFileError("无法识别 CSV 文件的编码，请另存为 UTF-8 格式。")
        header, rows = limit.rows(csv.reader(io.StringIO(text)))
        if header is None:
            raise ImportFileError("文件是空的。")
        return [_table(header[:MAX_COLUMNS], (row[:MAX_COLUMNS] for row in rows), "")]
    raise ImportFileError("只支持 .csv 和 .xlsx 文件。")


# Parsing values -----------------------------------------------------------------------------


def _split(value):
    text = str(value or "")
    for sep in SEPARATORS[1:]:
        text = text.replace(sep, SEPARATORS[0])
    return [part.strip() for part in text.split(SEPARATORS[0]) if part.strip()]


def _float(value, label, low, high, errors):
    try:
        number = float(value)
    except (TypeError, ValueError):
        errors.append(f"{label}“{value}”不是数字")
        return None
    if not low <= number <= high:
        errors.append(f"{label} {number} 超出范围（应在 {low} 到 {high} 之间）")
        return None
    return number


def _phone(value, label, errors):
    if not value:
        return ""
    value = normalise_phone(str(value))
    try:
        validate_phone(value)
    except ValidationError:
        errors.append(f"{label}“{value}”格式不正确（手机 11 位，固话需带区号，如 0572-2345678）")
        return None
    return value


def _datetime(value, label, errors):
    if isinstance(value, datetime.datetime):
        parsed = value
    else:
        text = str(value or "").strip().replace("/", "-").replace("T", " ")
        parsed = None
        for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"):
            try:
                parsed = datetime.datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        if parsed is None:
            errors.append(f"{label}“{value}”格式不正确（应为 2026-03-15 09:00）")
            return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _date(value, label, errors):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip().replace("/", "-")
    try:
        return datetime.datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        errors.append(f"{label}“{value}”格式不正确（应为 2021-12-20）")
        return None


def _choice(value, choices, label, errors, default=None):
    if not value:
        return default
    for key, text in choices:
        if value in (key, str(text)):
            return key
    errors.append(f"{label}“{value}”无效，可选：{'、'.join(str(t) for _k, t in choices)}")
    return None


def _text(value, limit, label, errors):
    text = str(value or "").strip()
    if len(text) > limit:
        errors.append(f"{label}过长（最多 {limit} 字）")
    return text


# The importer ------------------------------------------------------------------------------


class RosterImporter:
    def __init__(self, tables: list[Table], user=None):
        """`user`: who imports (their publish rights decide what is published); None for the
        system (command without --user): every change is submitted for review."""
        self.tables = sorted(tables, key=lambda t: KINDS.index(t.kind))
        self.user = user
        self.report = Report()

    # Validation: turns rows into clean specs, collecting errors with row numbers.
    def validate(self):
        from .models import DelegatePage, StationPage, Street

        self.streets = {s.name: s for s in Street.objects.all()}
        self.station_codes = set(StationPage.objects.values_list("code", flat=True))
        self.delegate_codes = set(DelegatePage.objects.values_list("code", flat=True))
        self.specs = {kind: [] for kind in KINDS}
        seen = {kind: {} for kind in KINDS}
        for table in self.tables:
            for row_number, record in table.rows:
                errors = []
                for name in REQUIRED[table.kind]:
                    if record.get(name) in ("", None):
                        header = next(h for h, f in HEADERS[table.kind].items() if f == name)
                        errors.append(f"“{header}”不能为空")
                spec = None
                if not errors:
                    spec = getattr(self, f"_parse_{table.kind}")(record, errors)
                if spec is not None and not errors:
                    key = spec["key"]
                    if key in seen[table.kind]:
                        errors.append(
                            f"与第 {seen[table.kind][key]} 行重复"
                            f"（{self._key_label(table.kind, key)}）"
                        )
                    else:
                        seen[table.kind][key] = row_number
                for message in errors:
                    self.report.add_error(RowMessage(table.name, row_number, message))
                if spec is not None and not errors:
                    spec["row"] = (table.name, row_number)
                    self.specs[table.kind].append(spec)
                    if table.kind == "stations":
                        self.station_codes.add(spec["code"])
                    if table.kind == "delegates":
                        self.delegate_codes.add(spec["code"])
        # References are checked once every table is read, so one file may hold them all.
        for kind in ("memberships", "receptions"):
            for spec in list(self.specs[kind]):
                errors = []
                if spec["station"] not in self.station_codes:
                    errors.append(f"未知的站点编号“{spec['station']}”")
                unknown = [
                    c for c in spec.get("delegate_codes", []) if c not in self.delegate_codes
                ]
                if unknown:
                    errors.append(f"未知的代表编号“{'、'.join(unknown)}”")
                if errors:
                    self.specs[kind].remove(spec)
                    for message in errors:
                        self.report.add_error(RowMessage(*spec["row"], message))
        return self.report.ok

    @staticmethod
    def _key_label(kind, key):
        if kind == "stations":
            return f"站点编号 {key}"
        if kind == "delegates":
            return f"重复的代表：代表编号 {key}"
        if kind == "memberships":
            return f"站点 {key[0]} 的代表 {key[1]}"
        return f"站点 {key[0]} {timezone.localtime(key[1]):%Y-%m-%d %H:%M} 的接访"

    def _parse_stations(self, r, errors):
        street = self.streets.get(str(r["street"]))
        if street is None:
            errors.append(
                f"未知的街道乡镇“{r['street']}”，"
                f"可选：{'、'.join(self.streets) or '（请先在后台添加街道乡镇）'}"
            )
        spec = {
            "key": str(r["code"]),
            "code": str(r["code"]),
            "title": _text(r["title"], 255, "名称", errors),
            "kind": _choice(
                r.get("kind"), StationKind.choices, "类型", errors, StationKind.STATION
            ),
            "street": street,
            "address": _text(r["address"], 160, "地址", errors),
            "latitude": _float(r["latitude"], "纬度", -90, 90, errors),
            "longitude": _float(r["longitude"], "经度", -180, 180, errors),
            "opening_hours": _text(r.get("opening_hours"), 120, "开放时间", errors),
            "phone": _phone(r.get("phone"), "站点电话", errors),
            "head_name": _text(r.get("head_name"), 20, "站长", errors),
            "liaison_name": _text(r.get("liaison_name"), 20, "联络员", errors),
            "liaison_phone": _phone(r.get("liaison_phone"), "联络员电话", errors),
            "communities": _split(r.get("communities")),
        }
        return spec

    def _parse_delegates(self, r, errors):
        # "区县、乡镇" uses the 届次 column for every level; "区县:第十六届、乡镇:第十八届"
        # gives each level its own term (as the exporter writes it).
        term = _text(r["term"], 20, "届次", errors)
        levels = []
        for word in _split(r["levels"]):
            word, _sep, own_term = word.replace("：", ":").partition(":")
            level = LEVEL_WORDS.get(word) or (word if word in Level.values else None)
            if level is None:
                errors.append(f"代表层级“{word}”无效，可选：全国、省、市、区县、乡镇")
            elif level not in [lv for lv, _t in levels]:
                levels.append((level, own_term.strip() or term))
        start = _date(r["start_date"], "当选日期", errors) if r.get("start_date") else None
        return {
            "key": str(r["code"]),
            "code": str(r["code"]),
            "title": _text(r["title"], 255, "姓名", errors),
            "gender": _choice(r.get("gender"), Gender.choices, "性别", errors, ""),
            "levels": levels,
            "term": term,
            "constituency": _text(r.get("constituency"), 80, "选区", errors),
            "start_date": start or datetime.date(2021, 12, 1),
            "delegation_group": _text(r.get("delegation_group"), 60, "代表团", errors),
            "professional_group": _text(r.get("professional_group"), 60, "专业小组", errors),
            "unit_position": _text(r.get("unit_position"), 120, "单位及职务", errors),
            "contact_phone": _phone(r.get("contact_phone"), "联系电话", errors),
            "bio": _text(r.get("bio"), 2000, "简介", errors),
        }

    def _parse_memberships(self, r, errors):
        role = _choice(r.get("role"), StationRole.choices, "站内职务", errors, StationRole.MEMBER)
        station, delegate = str(r["station"]), str(r["delegate"])
        return {
            "key": (station, delegate),
            "station": station,
            "delegate_codes": [delegate],
            "role": role,
        }

    def _parse_receptions(self, r, errors):
        start = _datetime(r["start"], "开始时间", errors)
        end = _datetime(r["end"], "结束时间", errors)
        if start and end and end <= start:
            errors.append("结束时间必须晚于开始时间")
        station = str(r["station"])
        return {
            "key": (station, start),
            "station": station,
            "start": start,
            "end": end,
            "place": _text(r.get("place"), 160, "地点", errors),
            "topic": _text(r.get("topic"), 120, "主题", errors),
            "delegate_codes": _split(r.get("delegates")),
            "liaison_name": _text(r.get("liaison_name"), 20, "联络员", errors),
            "liaison_phone": _phone(r.get("liaison_phone"), "联络电话", errors),
        }

    # Applying ----------------------------------------------------------------------------
    def run(self, apply: bool = False) -> Report:
        if not self.validate():
            return self.report
        if not apply:
            try:
                with transaction.atomic():
                    self._write(apply=False)
                    raise _DryRun
            except _DryRun:
                pass
            return self.report
        with transaction.atomic():
            self._write(apply=True)
        self.report.applied = True
        return self.report

    # What happens to a page: publish, submit (for review), draft (saved only) or hold (left
    # alone). Decided once per page, before anything of it is changed.
    def _can_publish(self, page):
        return self.user is not None and page.permissions_for_user(self.user).can_publish()

    def _plan_existing(self, page):
        if page.pk in self.plans:
            return self.plans[page.pk]
        if page.workflow_in_progress or page.scheduled_revision or _has_pending_draft(page):
            plan, reason = HOLD, PENDING
        elif page.locked:
            plan, reason = HOLD, LOCKED
        elif not page.live:
            plan, reason = DRAFT, OFFLINE
        elif self._can_publish(page):
            plan, reason = PUBLISH, None
        else:
            plan, reason = SUBMIT, SUBMITTED
        self.plans[page.pk] = plan
        self.pages[page.pk] = page
        if reason:
            kind = "联络站" if page.specific_class.__name__ == "StationPage" else "代表"
            self.report.held.append(HeldPage(kind, page.title, reason))
        return plan

    def _plan_new(self, page, parent):
        """A page created by the import: published if the user may publish there, else
        created as a draft and submitted for review."""
        may_publish = self.user is not None and (
            parent.permissions_for_user(self.user).can_publish_subpage()
        )
        page.live = False
        parent.add_child(instance=page)
        plan = PUBLISH if may_publish else SUBMIT
        self.plans[page.pk] = plan
        self.pages[page.pk] = page
        if plan == SUBMIT:
            kind = "联络站" if type(page).__name__ == "StationPage" else "代表"
            self.report.held.append(HeldPage(kind, page.title, SUBMITTED))
        return plan

    def _children(self, page, relation):
        """The page's child rows (communities, memberships, …) as a list kept for this run:
        changes go to these objects and reach the database only through a revision."""
        key = (page.pk, relation)
        if key not in self.children:
            self.children[key] = list(getattr(page, relation).all())
        return self.children[key]

    def _write(self, apply: bool):
        from .models import (
            DelegateIndexPage,
            DelegatePage,
            DelegationGroup,
            ReceptionSession,
            StationCommunity,
            StationIndexPage,
            StationMembership,
            StationPage,
        )

        self.plans = {}  # page pk -> PUBLISH / SUBMIT / DRAFT / HOLD
        self.pages = {}  # page pk -> the page object the import changes
        self.children = {}  # (page pk, relation) -> list of child objects
        touched = set()  # pages with changes, saved once at the end
        station_index = StationIndexPage.objects.first()
        delegate_index = DelegateIndexPage.objects.first()
        stations = {s.code: s for s in StationPage.objects.all()}

        for spec in self.specs["stations"]:
            fields = {
                k: spec[k]
                for k in (
                    "title",
                    "kind",
                    "street",
                    "address",
                    "latitude",
                    "longitude",
                    "opening_hours",
                    "phone",
                    "head_name",
                    "liaison_name",
                    "liaison_phone",
                )
            }
            station = stations.get(spec["code"])
            if station is None:
                if station_index is None:
                    raise ImportFileError("网站中还没有“联络站目录”页面，请先创建。")
                station = StationPage(code=spec["code"], slug=slugify(spec["code"]), **fields)
                for name in spec["communities"]:
                    station.communities.add(StationCommunity(name=name))
                self._plan_new(station, station_index)
                stations[station.code] = station
                touched.add(station.pk)
                self._record("stations", spec, "created", f"新增联络站“{spec['title']}”")
                continue
            changed = [k for k, v in fields.items() if getattr(station, k) != v]
            existing = [c.name for c in self._children(station, "communities")]
            new_communities = existing != spec["communities"] and spec["communities"]
            if not changed and not new_communities:
                self._record("stations", spec, "unchanged")
                continue
            if self._plan_existing(station) == HOLD:
                self._record("stations", spec, "held")
                continue
            for k in changed:
                setattr(station, k, fields[k])
            if new_communities:
                self.children[(station.pk, "communities")] = [
                    StationCommunity(name=name, sort_order=i)
                    for i, name in enumerate(spec["communities"])
                ]
            touched.add(station.pk)
            self._record("stations", spec, "updated", f"更新联络站“{spec['title']}”")

        delegates = {d.code: d for d in DelegatePage.objects.all()}
        for spec in self.specs["delegates"]:
            group = None
            if spec["delegation_group"]:
                group = DelegationGroup.objects.filter(name=spec["delegation_group"]).first()
                if group is None:
                    group = DelegationGroup.objects.create(name=spec["delegation_group"])
            fields = {
                "title": spec["title"],
                "gender": spec["gender"],
                "delegation_group": group,
                "professional_group": spec["professional_group"],
                "unit_position": spec["unit_position"],
                "contact_phone": spec["contact_phone"],
                "bio": spec["bio"],
            }
            delegate = delegates.get(spec["code"])
            if delegate is None:
                if delegate_index is None:
                    raise ImportFileError("网站中还没有“代表名录”页面，请先创建。")
                delegate = DelegatePage(code=spec["code"], slug=slugify(spec["code"]), **fields)
                for i, (level, term) in enumerate(spec["levels"]):
                    delegate.roles.add(self._role(spec, level, term, i))
                self._plan_new(delegate, delegate_index)
                delegates[delegate.code] = delegate
                touched.add(delegate.pk)
                self._record("delegates", spec, "created", f"新增代表“{spec['title']}”")
                continue
            changed = [k for k, v in fields.items() if getattr(delegate, k) != v]
            roles = self._children(delegate, "roles")
            have = {(r.level, r.term) for r in roles}
            missing = [(lv, t) for lv, t in spec["levels"] if (lv, t) not in have]
            if not changed and not missing:
                self._record("delegates", spec, "unchanged")
                continue
            if self._plan_existing(delegate) == HOLD:
                self._record("delegates", spec, "held")
                continue
            for k in changed:
                setattr(delegate, k, fields[k])
            for i, (level, term) in enumerate(missing):
                roles.append(self._role(spec, level, term, len(have) + i))
            touched.add(delegate.pk)
            self._record("delegates", spec, "updated", f"更新代表“{spec['title']}”")

        for spec in self.specs["memberships"]:
            station = stations[spec["station"]]
            delegate = delegates[spec["delegate_codes"][0]]
            memberships = self._children(station, "memberships")
            membership = next((m for m in memberships if m.delegate_id == delegate.pk), None)
            label = f"{station.title}：{delegate.title}"
            if membership is not None and membership.role == spec["role"]:
                self._record("memberships", spec, "unchanged")
                continue
            if station.pk not in touched and self._plan_existing(station) == HOLD:
                self._record("memberships", spec, "held")
                continue
            touched.add(station.pk)
            if membership is None:
                memberships.append(StationMembership(delegate=delegate, role=spec["role"]))
                self._record("memberships", spec, "created", f"新增进站代表 {label}")
            else:
                membership.role = spec["role"]
                self._record("memberships", spec, "updated", f"更新站内职务 {label}")

        for spec in self.specs["receptions"]:
            station = stations[spec["station"]]
            fields = {
                k: spec[k] for k in ("end", "place", "topic", "liaison_name", "liaison_phone")
            }
            wanted = [delegates[c] for c in spec["delegate_codes"]]
            sessions = self._children(station, "sessions")
            session = next((s for s in sessions if s.start == spec["start"]), None)
            label = f"{station.title} {timezone.localtime(spec['start']):%Y-%m-%d %H:%M}"
            if session is not None:
                changed = [k for k, v in fields.items() if getattr(session, k) != v]
                same_delegates = {d.pk for d in session.delegates.all()} == {d.pk for d in wanted}
                if not changed and same_delegates:
                    self._record("receptions", spec, "unchanged")
                    continue
            if station.pk not in touched and self._plan_existing(station) == HOLD:
                self._record("receptions", spec, "held")
                continue
            touched.add(station.pk)
            if session is None:
                session = ReceptionSession(start=spec["start"], **fields)
                session.delegates = wanted
                sessions.append(session)
                self._record("receptions", spec, "created", f"新增接访 {label}")
                continue
            for k in changed:
                setattr(session, k, fields[k])
            if not same_delegates:
                session.delegates = wanted
            self._record("receptions", spec, "updated", f"更新接访 {label}")

        if not apply:
            return  # a dry run reports; it saves, publishes and submits nothing
        for (pk, relation), items in self.children.items():
            if pk in touched:
                setattr(self.pages[pk], relation, items)
        for pk in sorted(touched):
            self._save(self.pages[pk], self.plans[pk])

    def _save(self, page, plan):
        revision = page.save_revision(user=self.user, log_action=True)
        if plan == PUBLISH:
            revision.publish(user=self.user)
        elif plan == SUBMIT:
            workflow = page.get_workflow()
            if workflow is not None:
                workflow.start(page, self.user)

    @staticmethod
    def _role(spec, level, term, order):
        from .models import DelegateRole

        return DelegateRole(
            level=level,
            term=term,
            constituency=spec["constituency"],
            start_date=spec["start_date"],
            sort_order=order,
        )

    def _record(self, kind, spec, what, message=None):
        self.report.count(kind, what)
        if message:
            self.report.actions.append(RowMessage(*spec["row"], message))


def _has_pending_draft(page) -> bool:
    """A revision newer than what was last published: an editor's draft awaiting review (or a
    page that was never published)."""
    if page.live:
        return page.has_unpublished_changes
    if page.latest_revision_created_at is None:
        return False
    return page.last_published_at is None or page.latest_revision_created_at > (
        page.last_published_at
    )


class _DryRun(Exception):
    """Raised inside the dry run's transaction to roll back everything it did."""


def import_roster(data: bytes, filename: str, apply: bool = False, user=None) -> Report:
    importer = RosterImporter(read_tables(data, filename), user=user)
    return importer.run(apply=apply)
