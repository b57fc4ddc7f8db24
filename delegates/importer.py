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
saves, publishes and submits nothing.

The reading, reporting and review rules are shared with the suggestion import (home/imports.py)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify

from home.imports import (
    HOLD,
    ImportFileError,
    ImportReport,
    Limits,
    ReviewedWrites,
    RowMessage,
    clean_cell,
    parse_choice,
    parse_date,
    parse_text,
    read_sheets,
    records,
    run_all_or_nothing,
    split_list,
)

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


def limits():
    return Limits(
        rows=settings.ROSTER_IMPORT_MAX_ROWS,
        uncompressed_mb=settings.ROSTER_IMPORT_MAX_UNCOMPRESSED_MB,
        ratio=settings.ROSTER_IMPORT_MAX_RATIO,
        errors=settings.ROSTER_IMPORT_MAX_ERRORS,
    )


@dataclass
class Table:
    kind: str
    name: str
    rows: list  # [(row number as the user sees it, {field: value})]


def Report():  # noqa: N802 (the roster's report: its error cap and its tables' labels)
    return ImportReport(max_errors=settings.ROSTER_IMPORT_MAX_ERRORS, labels=KIND_LABELS)


# Reading -------------------------------------------------------------------------------------


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


def _table(sheet_name, headers, rows):
    headers = [str(clean_cell(h)) for h in headers]
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
    return Table(kind, sheet_name or KIND_LABELS[kind], records(headers, rows, mapping))


def read_tables(data: bytes, filename: str) -> list[Table]:
    return read_sheets(data, filename, limits(), _table)


# Parsing values -----------------------------------------------------------------------------


def _split(value):
    return split_list(value, SEPARATORS)


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


_date = parse_date
_choice = parse_choice
_text = parse_text


# The importer ------------------------------------------------------------------------------


class RosterImporter(ReviewedWrites):
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
    def run(self, apply: bool = False):
        if not self.validate():
            return self.report
        return run_all_or_nothing(self.report, self._write, apply)

    def page_kind(self, page):
        return "联络站" if page.specific_class.__name__ == "StationPage" else "代表"

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

        self.start_writes()
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
                self.plan_new(station, station_index)
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
            if self.plan_existing(station) == HOLD:
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
                self.plan_new(delegate, delegate_index)
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
            if self.plan_existing(delegate) == HOLD:
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
            if station.pk not in touched and self.plan_existing(station) == HOLD:
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
            if station.pk not in touched and self.plan_existing(station) == HOLD:
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
            self.save_page(self.pages[pk], self.plans[pk])

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


def import_roster(data: bytes, filename: str, apply: bool = False, user=None) -> Report:
    importer = RosterImporter(read_tables(data, filename), user=user)
    return importer.run(apply=apply)
