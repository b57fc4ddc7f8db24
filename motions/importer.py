"""Import a session's suggestions (代表建议/议案) from a spreadsheet, the roster's way
(home/imports.py): a dry run reports per row, in Chinese, what is wrong or what would change;
applying writes everything in one transaction or nothing.

Rows are matched by 编号: an existing number updates that suggestion (a new revision), a new
number creates a page under the suggestion list. On an update, a column the file does not have
is left as it is (a file of 编号 and 交办日期 only sets the assignment dates); a blank cell
in a column it has clears an optional value. Delegates are matched by name: the lead (领衔代表)
must be exactly one delegate page; co-signers (附议代表) not found are kept as plain names and
reported as warnings. Topics (主题) and bodies (主办单位、协办单位) must exist already.

Changes go through review like an edit in the admin (home.imports.ReviewedWrites): a user who
may publish publishes (or, choosing so, submits for review); anyone else submits to the
moderation workflow; pages with a pending draft or in a workflow are left alone. The page's own
validation (SuggestionPage.clean: milestones in order …) runs on every row, in the dry run too."""

import html
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import strip_tags
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

from .models import BodyRole, Kind, Satisfaction, SuggestionPage

SHEET = "代表建议"
HEADERS = {
    "编号": "number",
    "标题": "title",
    "类别": "kind",
    "会议": "session",
    "领衔代表": "lead",
    "附议代表": "cosigners",
    "主题": "topic",
    "主办单位": "lead_bodies",
    "协办单位": "assist_bodies",
    "提出日期": "submitted_on",
    "交办日期": "assigned_on",
    "办理期限": "due_on",
    "答复日期": "answered_on",
    "测评日期": "rated_on",
    "满意度": "satisfaction",
    "办结日期": "closed_on",
    "正文": "text",
}
COLUMNS = {field: header for header, field in HEADERS.items()}
# Needed to create a suggestion (an update may leave them out).
REQUIRED = ["title", "session", "lead", "submitted_on", "text"]
MILESTONES = ["submitted_on", "assigned_on", "due_on", "answered_on", "rated_on", "closed_on"]
NAME_SEPARATORS = ["、", "，", ","]
LABELS = {"suggestions": "代表建议"}
EXAMPLE = [
    "第十六届第3次会议第001号",
    "关于加快老旧小区加装电梯的建议",
    "建议",
    "十六届三次",
    "张子平",
    "李秀兰、王建国",
    "城市建设",
    "区住房和城乡建设局",
    "区财政局",
    "2026-01-10",
    "2026-02-01",
    "2026-05-01",
    "",
    "",
    "",
    "",
    "老旧小区居民出行不便，建议加快加装电梯。\n建议财政给予补助。",
]


def limits():
    return Limits(
        rows=settings.SUGGESTION_IMPORT_MAX_ROWS,
        uncompressed_mb=settings.ROSTER_IMPORT_MAX_UNCOMPRESSED_MB,
        ratio=settings.ROSTER_IMPORT_MAX_RATIO,
        errors=settings.ROSTER_IMPORT_MAX_ERRORS,
    )


def new_report():
    return ImportReport(max_errors=settings.ROSTER_IMPORT_MAX_ERRORS, labels=LABELS)


# Reading ------------------------------------------------------------------------------------


def _sheet(title, header, rows):
    headers = [str(clean_cell(h)) for h in header]
    if "编号" not in headers:
        return None
    return (
        title or SHEET,
        [f for h, f in HEADERS.items() if h in headers],
        records(headers, rows, HEADERS),
    )


def read_rows(data: bytes, filename: str):
    """[(sheet title, the fields its header has, [(row number, record)])] of the sheets with a
    编号 column (other sheets, such as notes, are skipped)."""
    sheets = [s for s in read_sheets(data, filename, limits(), _sheet) if s is not None]
    if not sheets:
        raise ImportFileError("找不到“编号”列：请使用代表建议导入模板，第一行为表头。")
    return sheets


# Rich text as plain text and back -----------------------------------------------------------


def plain_text(rich: str) -> str:
    """The text of a RichTextField, one paragraph a line (as the export writes it)."""
    text = re.sub(r"</p>|<br\s*/?>|</h\d>|</li>", "\n", rich or "")
    lines = (html.unescape(strip_tags(line)).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def rich_text(plain: str) -> str:
    return "".join(
        f"<p>{html.escape(line.strip())}</p>" for line in plain.splitlines() if line.strip()
    )


# Validation messages ------------------------------------------------------------------------


def validation_messages(exc: ValidationError, model=SuggestionPage) -> list[str]:
    """A page's ValidationError as Chinese lines naming the field (答复日期：…)."""
    if not hasattr(exc, "error_dict"):
        return [str(m) for m in exc.messages]
    lines = []
    for name, errors in exc.error_dict.items():
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except Exception:
            label = ""
        for error in errors:
            for message in error.messages:
                lines.append(f"{label}：{message}" if label else str(message))
    return lines


class RowFailed(Exception):
    """A row's page did not validate; its messages are already in the report."""


# Writing one suggestion (shared with the bulk milestone editor) ------------------------------


class SuggestionWrites(ReviewedWrites):
    """Sets fields of a suggestion and saves it as a revision, published or submitted by the
    rule of ReviewedWrites; the page's validation errors become Chinese row messages."""

    def page_kind(self, page):
        return "代表建议"

    def page_label(self, page):
        return page.number

    def update_page(self, page, values, where, apply):
        """`values`: {field: value} (child rows as lists under "cosigners"/"bodies"). Returns
        the changed field names, "held" when the page is left alone, or raises RowFailed."""
        changed = [
            name
            for name, value in values.items()
            if name not in ("cosigners", "bodies") and getattr(page, name) != value
        ]
        for relation in ("cosigners", "bodies"):
            if relation in values and _rows(page, relation) != _rows(values[relation], None):
                changed.append(relation)
        if not changed:
            return []
        if self.plan_existing(page) == HOLD:
            return "held"
        for name in changed:
            setattr(page, name, values[name])
        self.check(page, where)
        if apply:
            self.save_page(page, self.plans[page.pk])
        return changed

    def check(self, page, where):
        try:
            page.full_clean()
        except ValidationError as exc:
            for message in validation_messages(exc):
                self.report.add_error(RowMessage(*where, message))
            raise RowFailed from exc


def _rows(source, relation):
    items = getattr(source, relation).all() if relation else source
    return [
        (
            getattr(i, "delegate_id", None),
            getattr(i, "name", None),
            getattr(i, "body_id", None),
            getattr(i, "role", None),
        )
        for i in items
    ]


# The importer -------------------------------------------------------------------------------


class SuggestionImporter(SuggestionWrites):
    def __init__(self, sheets, user=None, publish=True):
        """`user`: who imports (None: the system, every change submitted for review);
        `publish`: False submits for review even what the user may publish."""
        self.sheets = sheets
        self.user = user
        self.publish = publish
        self.report = new_report()

    def validate(self):
        from delegates.models import DelegatePage
        from voices.models import HandlingBody, OpinionTopic

        from .models import CongressSession

        self.sessions = {}
        for session in CongressSession.objects.all():
            self.sessions.setdefault(session.name, session)
            self.sessions.setdefault(session.short_name, session)
        self.delegates = {}
        for pk, title in DelegatePage.objects.values_list("pk", "title"):
            self.delegates.setdefault(title, []).append(pk)
        self.topics = {t.name: t for t in OpinionTopic.objects.all()}
        self.bodies = {b.name: b for b in HandlingBody.objects.all()}
        self.existing = set(SuggestionPage.objects.values_list("number", flat=True))
        self.specs = []
        seen = {}
        for title, fields, rows in self.sheets:
            for row_number, record in rows:
                errors, warnings = [], []
                spec = self._parse(record, fields, errors, warnings)
                number = spec.get("number")
                if number and not errors:
                    if number in seen:
                        errors.append(f"与第 {seen[number]} 行重复（编号 {number}）")
                    else:
                        seen[number] = row_number
                for message in errors:
                    self.report.add_error(RowMessage(title, row_number, message))
                for message in warnings:
                    self.report.warnings.append(RowMessage(title, row_number, message))
                if not errors:
                    spec["row"] = (title, row_number)
                    self.specs.append(spec)
        return self.report.ok

    def _parse(self, r, fields, errors, warnings):
        number = parse_text(r.get("number"), 40, "编号", errors)
        if not number:
            errors.append("“编号”不能为空")
            return {}
        new = number not in self.existing
        if new:
            for name in REQUIRED:
                if r.get(name) in ("", None):
                    errors.append(f"“{COLUMNS[name]}”不能为空（新增建议必填）")
        values = {}
        present = set(fields)
        if "title" in present and r.get("title"):
            values["title"] = parse_text(r["title"], 255, "标题", errors)
        if "kind" in present and (r.get("kind") or new):
            values["kind"] = parse_choice(
                r.get("kind"), Kind.choices, "类别", errors, Kind.SUGGESTION
            )
        if "session" in present and r.get("session"):
            session = self.sessions.get(str(r["session"]))
            if session is None:
                errors.append(f"未知的会议“{r['session']}”，请填写会议名称或简称（如：十六届三次）")
            values["session"] = session
        if "lead" in present and r.get("lead"):
            name = parse_text(r["lead"], 20, "领衔代表", errors)
            found = self.delegates.get(name, [])
            if not found:
                errors.append(f"找不到领衔代表“{name}”的代表页面，请核对姓名")
            elif len(found) > 1:
                errors.append(f"领衔代表“{name}”有 {len(found)} 位同名代表，无法确定是哪一位")
            else:
                values["lead_delegate_id"] = found[0]
                values["lead_delegate_name"] = name
        if "cosigners" in present:
            values["cosigners"] = self._cosigners(r.get("cosigners"), errors, warnings)
        if "topic" in present:
            name = str(r.get("topic") or "")
            topic = self.topics.get(name) if name else None
            if name and topic is None:
                choices = "、".join(self.topics) or "（请先在后台添加意见类别）"
                errors.append(f"未知的主题“{name}”，可选：{choices}")
            values["topic"] = topic
        if "lead_bodies" in present or "assist_bodies" in present:
            values["bodies"] = self._bodies(r, present, errors)
        for name in MILESTONES:
            if name in present:
                value = r.get(name)
                values[name] = (
                    parse_date(value, COLUMNS[name], errors) if value not in ("", None) else None
                )
        if "satisfaction" in present:
            values["satisfaction"] = parse_choice(
                r.get("satisfaction"), Satisfaction.choices, "满意度", errors, ""
            )
        if "text" in present and r.get("text"):
            values["text"] = str(r["text"])
        if not new and "submitted_on" in present and r.get("submitted_on") in ("", None):
            errors.append("“提出日期”不能为空")
        return {"number": number, "new": new, "values": values}

    def _cosigners(self, value, errors, warnings):
        from .models import SuggestionCosigner

        cosigners = []
        for i, name in enumerate(split_list(value, NAME_SEPARATORS)):
            if len(name) > 20:
                errors.append(f"附议代表“{name}”过长（最多 20 字）")
                continue
            found = self.delegates.get(name, [])
            if len(found) != 1:
                why = "找不到代表页面" if not found else f"有 {len(found)} 位同名代表"
                warnings.append(f"附议代表“{name}”{why}，按姓名保存，未关联代表页面")
            delegate_id = found[0] if len(found) == 1 else None
            cosigners.append(SuggestionCosigner(delegate_id=delegate_id, name=name, sort_order=i))
        return cosigners

    def _bodies(self, r, present, errors):
        from .models import SuggestionBody

        bodies = []
        for field, role in (("lead_bodies", BodyRole.LEAD), ("assist_bodies", BodyRole.ASSIST)):
            for name in split_list(r.get(field) if field in present else "", NAME_SEPARATORS):
                body = self.bodies.get(name)
                if body is None:
                    errors.append(f"未知的{COLUMNS[field]}“{name}”，请先在后台“承办单位”中添加")
                    continue
                bodies.append(SuggestionBody(body=body, role=role, sort_order=len(bodies)))
        return bodies

    # Applying ----------------------------------------------------------------------------
    def run(self, apply: bool = False):
        if not self.validate():
            return self.report
        return run_all_or_nothing(self.report, self._write, apply)

    def _write(self, apply):
        from .models import SuggestionIndexPage

        self.start_writes()
        index = SuggestionIndexPage.objects.first()
        pages = {
            p.number: p
            for p in SuggestionPage.objects.filter(number__in=[s["number"] for s in self.specs])
        }
        for spec in self.specs:
            values = dict(spec["values"])
            if "text" in values:
                page = pages.get(spec["number"])
                if page is not None and plain_text(page.text) == plain_text(
                    rich_text(values["text"])
                ):
                    del values["text"]  # the same text (as the export writes it)
                else:
                    values["text"] = rich_text(values["text"])
            try:
                with transaction.atomic():
                    if spec["number"] in pages:
                        self._update(pages[spec["number"]], values, spec, apply)
                    else:
                        if index is None:
                            raise ImportFileError("网站中还没有“代表建议栏目”页面，请先创建。")
                        self._create(index, values, spec, apply)
            except RowFailed:
                continue

    def _create(self, index, values, spec, apply):
        children = {k: values.pop(k) for k in ("cosigners", "bodies") if k in values}
        page = SuggestionPage(
            number=spec["number"], slug=_free_slug(index, spec["number"]), **values
        )
        for relation, items in children.items():
            setattr(page, relation, items)
        try:
            self.plan_new(page, index)
        except ValidationError as exc:
            for message in validation_messages(exc):
                self.report.add_error(RowMessage(*spec["row"], message))
            raise RowFailed from exc
        self.check(page, spec["row"])  # a draft is added with only its title and slug checked
        if apply:
            self.save_page(page, self.plans[page.pk])
        self._record(spec, "created", f"新增{page.get_kind_display()}“{spec['number']}”")

    def _update(self, page, values, spec, apply):
        changed = self.update_page(page, values, spec["row"], apply)
        if changed == "held":
            self._record(spec, "held")
        elif changed:
            labels = "、".join(_labels(changed))
            self._record(spec, "updated", f"更新“{spec['number']}”：{labels}")
        else:
            self._record(spec, "unchanged")

    def _record(self, spec, what, message=None):
        self.report.count("suggestions", what)
        if message:
            self.report.actions.append(RowMessage(*spec["row"], message))


CHANGE_LABELS = {
    **COLUMNS,
    "lead_delegate_id": "领衔代表",
    "lead_delegate_name": "领衔代表",
    "bodies": "承办单位",
    "cosigners": "附议代表",
}


def _labels(fields):
    labels = []
    for name in fields:
        label = CHANGE_LABELS.get(name, name)
        if label not in labels:
            labels.append(label)
    return labels


def _free_slug(parent, number):
    base = "suggestion-" + (slugify(number) or "new")
    slug, n = base, 1
    while not SuggestionPage._slug_is_available(slug, parent):
        n += 1
        slug = f"{base}-{n}"
    return slug


def import_suggestions(data: bytes, filename: str, apply=False, user=None, publish=True):
    importer = SuggestionImporter(read_rows(data, filename), user=user, publish=publish)
    return importer.run(apply=apply)


def template_rows():
    return [list(HEADERS), EXAMPLE]
