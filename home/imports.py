"""What every spreadsheet import of the site shares: the roster (delegates/importer.py) and the
代表建议 (motions/importer.py).

- Reading: an XLSX (or CSV) with a header row, refused before parsing when the archive would
  expand too far, and reading stops at a row cap (`Limits`).
- Reporting: per-row errors in Chinese with the row number as the user sees it, warnings, what
  would change, and which pages are not published and why (`ImportReport`).
- Writing: all or nothing in one transaction; a dry run does the same work inside a transaction
  it rolls back (`run_all_or_nothing`).
- Review: changes reach a page only as a new revision, published or submitted to the
  moderation workflow by what the acting user may do (`ReviewedWrites`).

The upload admin view and its report templates (templates/home/admin/import*.html) live in
home/import_views.py."""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

# Columns read from each sheet: a file that claims the whole width of a sheet (16,384
# columns) must not make every row that wide.
MAX_COLUMNS = 100


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong format, unknown columns, too many rows)."""


@dataclass
class Limits:
    rows: int  # data rows in the whole file (every sheet, blank rows too)
    uncompressed_mb: int  # what an XLSX may expand to
    ratio: int  # how many times its packed size an XLSX (above 1 MB) may expand
    errors: int  # errors a report keeps (the rest are counted)


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
    kind: str  # "联络站", "代表", "建议" …
    title: str
    reason: str

    def __str__(self):
        return f"{self.kind}“{self.title}”：{self.reason}"


@dataclass
class ImportReport:
    max_errors: int = 200
    labels: dict = field(default_factory=dict)  # kind -> label, in the order of the summary
    errors: list = field(default_factory=list)  # the first `max_errors` errors
    errors_omitted: int = 0  # how many more were found and not kept
    warnings: list = field(default_factory=list)  # RowMessage: imported, but worth a look
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
        if len(self.errors) < self.max_errors:
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
        for kind, label in self.labels.items():
            if kind in self.counts:
                c = self.counts[kind]
                line = f"{label}：新增 {c['created']}，更新 {c['updated']}，无变化 {c['unchanged']}"
                if c.get("held"):
                    line += f"，暂缓 {c['held']}"
                lines.append(line)
        return lines

    def held_lines(self):
        return [str(page) for page in self.held]


# Reading -------------------------------------------------------------------------------------


def clean_cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer() and abs(value) > 1000:
        return str(int(value))
    return value


def records(headers, rows, mapping, first_row=2):
    """[(row number as the user sees it, {field: value})] for the non-blank rows; `mapping`
    maps a header to a field name (columns it does not name are ignored)."""
    headers = [str(clean_cell(h)) for h in headers]
    result = []
    for offset, raw in enumerate(rows):
        values = [clean_cell(v) for v in raw]
        if not any(v not in ("", None) for v in values):
            continue
        record = {}
        for header, value in zip(headers, values, strict=False):
            if header in mapping:
                record[mapping[header]] = value
        result.append((first_row + offset, record))
    return result


def check_archive(data: bytes, limits: Limits) -> None:
    """Refuse an XLSX (a zip archive) that would expand to far more than a sheet of data: the
    sizes are those the archive declares, and Python's zipfile never inflates a member beyond
    its declared size, so openpyxl cannot be made to read more than is checked here."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ImportFileError("无法打开 Excel 文件，请确认是 .xlsx 格式。") from exc
    expanded = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if expanded > limits.uncompressed_mb * 1024 * 1024:
        raise ImportFileError(
            f"Excel 文件解压后超过 {limits.uncompressed_mb} MB，超出导入文件的上限，"
            "请删去多余内容后重新上传。"
        )
    # Small files cannot hurt whatever their ratio; large ones must compress like a table.
    if expanded > 1024 * 1024 and expanded > limits.ratio * max(packed, 1):
        raise ImportFileError(
            "Excel 文件的压缩比异常（可能包含大量空行或重复内容），请另存为新文件后重新上传。"
        )


class RowLimit:
    """Counts the rows read from a whole file (every sheet, blank rows too) and stops reading
    at the limit, before a file of a million rows is parsed to its end."""

    def __init__(self, limit):
        self.limit = limit
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


def read_sheets(data: bytes, filename: str, limits: Limits, read_sheet, csv_allowed=True):
    """Calls `read_sheet(sheet title, header, rows)` for every sheet with a header (a CSV file
    is one sheet titled "") and returns what it returns, as a list. `rows` is an iterator that
    stops the whole file at the row limit."""
    suffix = Path(filename).suffix.lower()
    limit = RowLimit(limits.rows)
    if suffix == ".xlsx":
        import openpyxl

        check_archive(data, limits)
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise ImportFileError("无法打开 Excel 文件，请确认是 .xlsx 格式。") from exc
        results = []
        try:
            for sheet in workbook.worksheets:
                # Read the rows the sheet holds, not the size it claims: a wrong <dimension>
                # would cut rows off or pad the sheet with up to a million empty ones.
                sheet.reset_dimensions()
                header, rows = limit.rows(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True))
                if not header or not any(header):
                    continue
                results.append(read_sheet(sheet.title, header, rows))
        finally:
            workbook.close()
        return results
    if suffix == ".csv" and csv_allowed:
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
        return [read_sheet("", header[:MAX_COLUMNS], (row[:MAX_COLUMNS] for row in rows))]
    raise ImportFileError("只支持 .csv 和 .xlsx 文件。" if csv_allowed else "只支持 .xlsx 文件。")


# Parsing values -----------------------------------------------------------------------------


def split_list(value, separators):
    """The parts of a cell such as "幸福社区、和平社区" (separated by any of `separators`)."""
    text = str(value or "")
    for sep in separators[1:]:
        text = text.replace(sep, separators[0])
    return [part.strip() for part in text.split(separators[0]) if part.strip()]


def parse_date(value, label, errors):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip().replace("/", "-").replace(".", "-")
    try:
        return datetime.datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        errors.append(f"{label}“{value}”格式不正确（应为 2021-12-20）")
        return None


def parse_choice(value, choices, label, errors, default=None):
    if not value:
        return default
    for key, text in choices:
        if value in (key, str(text)):
            return key
    errors.append(f"{label}“{value}”无效，可选：{'、'.join(str(t) for _k, t in choices)}")
    return None


def parse_text(value, limit, label, errors):
    text = str(value or "").strip()
    if len(text) > limit:
        errors.append(f"{label}过长（最多 {limit} 字）")
    return text


# Writing -------------------------------------------------------------------------------------


class _RollBack(Exception):
    """Raised inside the transaction to roll back everything it did."""


def run_all_or_nothing(report: ImportReport, write, apply: bool) -> ImportReport:
    """`write(apply)` inside one transaction: applied, everything or nothing is written; a dry
    run is rolled back whatever it did (and after-commit work, such as cache purges and search
    updates, never runs). Errors `write` adds to the report (a page that fails its own
    validation while written) roll everything back too."""
    try:
        with transaction.atomic():
            write(apply)
            if not apply or not report.ok:
                raise _RollBack
    except _RollBack:
        return report
    report.applied = True
    return report


def has_pending_draft(page) -> bool:
    """A revision newer than what was last published: an editor's draft awaiting review (or a
    page that was never published)."""
    if page.live:
        return page.has_unpublished_changes
    if page.latest_revision_created_at is None:
        return False
    return page.last_published_at is None or page.latest_revision_created_at > (
        page.last_published_at
    )


class ReviewedWrites:
    """Changes made to pages as revisions, like an edit in the admin; the acting user decides
    what happens to each:

    - a page that is live, has no pending draft, is not in a workflow, scheduled or locked, and
      that the user may publish: published (unless `publish` is False: submitted);
    - the same page when the user may not publish (or no user: a command without --user):
      saved and submitted to the page's moderation workflow;
    - a page that is offline (unpublished on purpose): saved as a draft, not republished;
    - a page with a pending draft, in a workflow, scheduled or locked: left alone entirely (the
      import would otherwise bury an editor's draft).

    Subclasses set `self.user`, `self.publish` and `self.report`, call `start_writes()` before
    planning and `save_pages(pks)` at the end."""

    user = None
    publish = True  # a user who may publish publishes; False: every change is submitted

    def start_writes(self):
        self.plans = {}  # page pk -> PUBLISH / SUBMIT / DRAFT / HOLD
        self.pages = {}  # page pk -> the page object the import changes

    def page_kind(self, page) -> str:
        return str(page.specific_class._meta.verbose_name)

    def page_label(self, page) -> str:
        return page.title

    def can_publish(self, page):
        return self.user is not None and page.permissions_for_user(self.user).can_publish()

    def plan_existing(self, page):
        """Decided once per page, before anything of it is changed."""
        if page.pk in self.plans:
            return self.plans[page.pk]
        if page.workflow_in_progress or page.scheduled_revision or has_pending_draft(page):
            plan, reason = HOLD, PENDING
        elif page.locked:
            plan, reason = HOLD, LOCKED
        elif not page.live:
            plan, reason = DRAFT, OFFLINE
        elif self.publish and self.can_publish(page):
            plan, reason = PUBLISH, None
        else:
            plan, reason = SUBMIT, SUBMITTED
        self.plans[page.pk] = plan
        self.pages[page.pk] = page
        if reason:
            self.report.held.append(HeldPage(self.page_kind(page), self.page_label(page), reason))
        return plan

    def plan_new(self, page, parent):
        """A page created by the import: published if the user may publish there, else created
        as a draft and submitted for review."""
        may_publish = self.user is not None and (
            parent.permissions_for_user(self.user).can_publish_subpage()
        )
        page.live = False
        parent.add_child(instance=page)
        plan = PUBLISH if may_publish and self.publish else SUBMIT
        self.plans[page.pk] = plan
        self.pages[page.pk] = page
        if plan == SUBMIT:
            self.report.held.append(
                HeldPage(self.page_kind(page), self.page_label(page), SUBMITTED)
            )
        return plan

    def save_page(self, page, plan):
        revision = page.save_revision(user=self.user, log_action=True)
        if plan == PUBLISH:
            revision.publish(user=self.user)
        elif plan == SUBMIT:
            workflow = page.get_workflow()
            if workflow is not None:
                workflow.start(page, self.user)


# The command line ------------------------------------------------------------------------------


def write_report(command, report: ImportReport) -> None:
    """A report on a management command's output (import_roster, import_suggestions): errors on
    stderr and a CommandError when there are any; else warnings, changes, the summary and the
    pages not published."""
    from django.core.management.base import CommandError

    for error in report.errors:
        command.stderr.write(f"[{error.table or '文件'}] 第 {error.row} 行：{error.message}")
    if report.errors_omitted:
        command.stderr.write(f"另有 {report.errors_omitted} 处错误未列出。")
    if not report.ok:
        raise CommandError(f"共 {report.error_count} 处错误，未导入任何数据。")
    for warning in report.warnings:
        command.stdout.write(f"[{warning.table}] 第 {warning.row} 行（提示）：{warning.message}")
    for action in report.actions:
        command.stdout.write(f"[{action.table}] 第 {action.row} 行：{action.message}")
    for line in report.summary_lines():
        command.stdout.write(line)
    if report.held:
        command.stdout.write("未发布的页面：")
        for line in report.held_lines():
            command.stdout.write(f"  {line}")
