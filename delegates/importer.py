"""Roster import: stations, delegates, memberships and reception sessions from CSV or XLSX.

A dry run validates every row and reports, per row and in Chinese, what is wrong or what would
change. Applying runs the same validation and then writes everything in one transaction —
any error and nothing is written. Rows are matched by stable keys (站点编号, 代表编号, and
站点编号 + 开始时间 for receptions), so importing the same file twice changes nothing."""

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


@dataclass
class Report:
    errors: list = field(default_factory=list)  # the first ROSTER_IMPORT_MAX_ERRORS errors
    errors_omitted: int = 0  # how many more were found and not kept
    actions: list = field(default_factory=list)  # RowMessage with what would change
    counts: dict = field(default_factory=dict)  # kind -> {"created": n, "updated": n, ...}
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
        self.counts.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0})
        self.counts[kind][what] += 1

    @property
    def changes(self):
        return sum(c["created"] + c["updated"] for c in self.counts.values())

    def summary_lines(self):
        lines = []
        for kind in KINDS:
            if kind in self.counts:
                c = self.counts[kind]
                lines.append(
                    f"{KIND_LABELS[kind]}：新增 {c['created']}，更新 {c['updated']}，"
                    f"无变化 {c['unchanged']}"
                )
        return lines


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
    def __init__(self, tables: list[Table]):
        self.tables = sorted(tables, key=lambda t: KINDS.index(t.kind))
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
                    self._write()
                    raise _DryRun
            except _DryRun:
                pass
            return self.report
        with transaction.atomic():
            self._write()
        self.report.applied = True
        return self.report

    def _write(self):
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

        touched = {}  # page pk -> page class, republished once at the end
        station_index = StationIndexPage.objects.first()
        delegate_index = DelegateIndexPage.objects.first()

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
            station = StationPage.objects.filter(code=spec["code"]).first()
            if station is None:
                if station_index is None:
                    raise ImportFileError("网站中还没有“联络站目录”页面，请先创建。")
                station = StationPage(code=spec["code"], slug=slugify(spec["code"]), **fields)
                for name in spec["communities"]:
                    station.communities.add(StationCommunity(name=name))
                station_index.add_child(instance=station)
                touched[station.pk] = StationPage
                self._record("stations", spec, "created", f"新增联络站“{spec['title']}”")
                continue
            changed = [k for k, v in fields.items() if getattr(station, k) != v]
            existing = [c.name for c in station.communities.all()]
            if changed:
                for k in changed:
                    setattr(station, k, fields[k])
                station.save()
            if existing != spec["communities"] and spec["communities"]:
                StationCommunity.objects.filter(station=station).delete()
                for i, name in enumerate(spec["communities"]):
                    StationCommunity.objects.create(station=station, name=name, sort_order=i)
                changed.append("communities")
            if changed:
                touched[station.pk] = StationPage
                self._record("stations", spec, "updated", f"更新联络站“{spec['title']}”")
            else:
                self._record("stations", spec, "unchanged")

        for spec in self.specs["delegates"]:
            group = None
            if spec["delegation_group"]:
                group, _ = DelegationGroup.objects.get_or_create(name=spec["delegation_group"])
            fields = {
                "title": spec["title"],
                "gender": spec["gender"],
                "delegation_group": group,
                "professional_group": spec["professional_group"],
                "unit_position": spec["unit_position"],
                "contact_phone": spec["contact_phone"],
                "bio": spec["bio"],
            }
            delegate = DelegatePage.objects.filter(code=spec["code"]).first()
            if delegate is None:
                if delegate_index is None:
                    raise ImportFileError("网站中还没有“代表名录”页面，请先创建。")
                delegate = DelegatePage(code=spec["code"], slug=slugify(spec["code"]), **fields)
                for i, (level, term) in enumerate(spec["levels"]):
                    delegate.roles.add(self._role(spec, level, term, i))
                delegate_index.add_child(instance=delegate)
                touched[delegate.pk] = DelegatePage
                self._record("delegates", spec, "created", f"新增代表“{spec['title']}”")
                continue
            changed = [k for k, v in fields.items() if getattr(delegate, k) != v]
            if changed:
                for k in changed:
                    setattr(delegate, k, fields[k])
                delegate.save()
            have = {(r.level, r.term) for r in delegate.roles.all()}
            for i, (level, term) in enumerate(spec["levels"]):
                if (level, term) not in have:
                    role = self._role(spec, level, term, len(have) + i)
                    role.delegate = delegate
                    role.save()
                    changed.append("roles")
            if changed:
                touched[delegate.pk] = DelegatePage
                self._record("delegates", spec, "updated", f"更新代表“{spec['title']}”")
            else:
                self._record("delegates", spec, "unchanged")

        stations = {s.code: s for s in StationPage.objects.all()}
        delegates = {d.code: d for d in DelegatePage.objects.all()}
        for spec in self.specs["memberships"]:
            station = stations[spec["station"]]
            delegate = delegates[spec["delegate_codes"][0]]
            membership = StationMembership.objects.filter(
                station=station, delegate=delegate
            ).first()
            label = f"{station.title}：{delegate.title}"
            if membership is None:
                StationMembership.objects.create(
                    station=station, delegate=delegate, role=spec["role"]
                )
                touched[station.pk] = StationPage
                self._record("memberships", spec, "created", f"新增进站代表 {label}")
            elif membership.role != spec["role"]:
                membership.role = spec["role"]
                membership.save()
                touched[station.pk] = StationPage
                self._record("memberships", spec, "updated", f"更新站内职务 {label}")
            else:
                self._record("memberships", spec, "unchanged")

        for spec in self.specs["receptions"]:
            station = stations[spec["station"]]
            fields = {
                k: spec[k] for k in ("end", "place", "topic", "liaison_name", "liaison_phone")
            }
            wanted = {delegates[c].pk for c in spec["delegate_codes"]}
            session = ReceptionSession.objects.filter(station=station, start=spec["start"]).first()
            label = f"{station.title} {timezone.localtime(spec['start']):%Y-%m-%d %H:%M}"
            if session is None:
                session = ReceptionSession.objects.create(
                    station=station, start=spec["start"], **fields
                )
                _set_delegates(session, wanted)
                touched[station.pk] = StationPage
                self._record("receptions", spec, "created", f"新增接访 {label}")
                continue
            changed = [k for k, v in fields.items() if getattr(session, k) != v]
            for k in changed:
                setattr(session, k, fields[k])
            if changed:
                session.save()
            if _delegate_ids(session) != wanted:
                _set_delegates(session, wanted)
                changed.append("delegates")
            if changed:
                touched[station.pk] = StationPage
                self._record("receptions", spec, "updated", f"更新接访 {label}")
            else:
                self._record("receptions", spec, "unchanged")

        for pk, model in touched.items():
            page = model.objects.get(pk=pk)
            page.save_revision().publish()

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


def _delegate_ids(session):
    through = type(session).delegates.through
    return set(
        through.objects.filter(receptionsession=session).values_list("delegatepage_id", flat=True)
    )


def _set_delegates(session, ids):
    # Written through the join table: a ParentalManyToManyField would wait for a save().
    through = type(session).delegates.through
    through.objects.filter(receptionsession=session).delete()
    through.objects.bulk_create(
        [through(receptionsession_id=session.pk, delegatepage_id=pk) for pk in sorted(ids)]
    )


class _DryRun(Exception):
    """Raised inside the dry run's transaction to roll back everything it did."""


def import_roster(data: bytes, filename: str, apply: bool = False) -> Report:
    importer = RosterImporter(read_tables(data, filename))
    return importer.run(apply=apply)
