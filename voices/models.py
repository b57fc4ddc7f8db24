"""Residents' opinions to a liaison station or a delegate (网上联络站) and their handling loop
收集 → 研判 → 交办 → 督办 → 反馈.

- `Opinion` holds what was said and where it stands; `OpinionSender` (one-to-one) holds who
  said it — name, contact, a hash of the address — so that personal data can be anonymised
  after 办结 without touching the opinion or its history.
- `OpinionEvent` is the timeline: each step has a public text (shown to the sender on the
  tracking page) and an internal note (staff only), kept in separate fields.
- Tokens (e-mail confirmation, private tracking link) are random and stored as SHA-256 digests
  only; the plain token exists in the link the sender receives.
- 受理编号 `JB-YYYY-NNNNNN` comes from `OpinionCounter`, one row per year locked with
  SELECT … FOR UPDATE (SQLite serialises writers anyway), allocated when the opinion is
  confirmed, so unconfirmed spam leaves no gaps in the numbering.

The state machine is `TRANSITIONS`; every change goes through `voices.workflow`, which checks
it and writes the event in the same transaction."""

import hashlib
import secrets

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from home.visibility import visible_through

from .choices import EventKind, Rating, Status, Verification
from .workdays import add_working_days

NUMBER_PREFIX = "JB"

TRANSITIONS = {
    Status.PENDING: {Status.RECEIVED},
    Status.RECEIVED: {Status.ACCEPTED, Status.DECLINED, Status.MERGED},
    Status.ACCEPTED: {Status.ASSIGNED, Status.MERGED},
    Status.ASSIGNED: {Status.ASSIGNED, Status.IN_PROGRESS, Status.ANSWERED},
    Status.IN_PROGRESS: {Status.ASSIGNED, Status.ANSWERED},
    # Rated 满意/基本满意 → 办结; 不满意 → 办理中 once (reopened), then 办结.
    Status.ANSWERED: {Status.IN_PROGRESS, Status.CLOSED},
    Status.DECLINED: set(),
    Status.MERGED: set(),
    Status.CLOSED: set(),
}
# States in which the handling clock runs (for "overdue now").
OPEN_STATES = (Status.ASSIGNED, Status.IN_PROGRESS)
# States in which an approved opinion with its answer may be shown to the public.
PUBLISHABLE_STATES = (Status.ANSWERED, Status.CLOSED)
PUBLIC_NAME_MAX = 12


def mask_name(name: str) -> str:
    """The sender's name as the public list shows it: the first character, the rest hidden
    (王小明 → 王**); no name → 匿名. The one masking rule of the public side."""
    name = (name or "").strip()
    if not name:
        return str(_("匿名"))
    return (name[0] + "*" * max(len(name) - 1, 1))[:PUBLIC_NAME_MAX]


def due_soon_limit(today):
    """The last due date that counts as "due soon" (VOICES_REMIND_BEFORE_DAYS working days)."""
    days = settings.VOICES_REMIND_BEFORE_DAYS
    return add_working_days(today, days) if days > 0 else today


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class OpinionTopic(models.Model):
    """What an opinion is about (城市建设、环境保护 …): an editable list."""

    name = models.CharField(max_length=30, unique=True, verbose_name=_("名称"))
    sort_order = models.PositiveSmallIntegerField(default=0, verbose_name=_("排序"))
    active = models.BooleanField(default=True, verbose_name=_("可选"))

    panels = [FieldPanel("name"), FieldPanel("sort_order"), FieldPanel("active")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("意见类别")
        verbose_name_plural = _("意见类别")

    def __str__(self):
        return self.name


class HandlingBody(models.Model):
    """承办单位: a government department or other body an opinion (later also a delegate's
    suggestion) is assigned to."""

    name = models.CharField(max_length=60, unique=True, verbose_name=_("名称"))
    contact_name = models.CharField(max_length=20, blank=True, verbose_name=_("联系人"))
    contact_phone = models.CharField(max_length=30, blank=True, verbose_name=_("联系电话"))
    contact_email = models.EmailField(
        max_length=120,
        blank=True,
        verbose_name=_("联系邮箱"),
        help_text=_("督办提醒（到期前、超期后）发送到这个地址。"),
    )
    active = models.BooleanField(default=True, verbose_name=_("可选"))

    panels = [
        FieldPanel("name"),
        FieldPanel("contact_name"),
        FieldPanel("contact_phone"),
        FieldPanel("contact_email"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("承办单位")
        verbose_name_plural = _("承办单位")

    def __str__(self):
        return self.name


class OpinionCounter(models.Model):
    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


def allocate_number(year: int) -> str:
    """The next 受理编号 of `year`, race-free: the year's counter row is locked until the
    surrounding transaction ends."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                OpinionCounter.objects.get_or_create(year=year)
        except IntegrityError:  # created by a concurrent transaction in between
            pass
        counter = OpinionCounter.objects.select_for_update().get(year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"{NUMBER_PREFIX}-{year}-{counter.last:06d}"


class OpinionQuerySet(models.QuerySet):
    def for_user(self, user):
        """The opinions `user` may work on (voices/permissions.py)."""
        from .permissions import editable_pages

        page_ids = editable_pages(user).values("pk")
        return self.filter(
            models.Q(station__in=page_ids) | models.Q(station__isnull=True, delegate__in=page_ids)
        )

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status__in=OPEN_STATES, due_date__lt=today)

    def due_soon(self, today=None):
        """Open and due today or within VOICES_REMIND_BEFORE_DAYS working days."""
        today = today or timezone.localdate()
        return self.filter(
            status__in=OPEN_STATES, due_date__gte=today, due_date__lte=due_soon_limit(today)
        )

    def published(self):
        """What the public may see (list, detail, feed, search): the sender agreed, the
        liaison approved a public summary, the opinion is answered or closed, and its station
        is visible (home/visibility.py). One rule for every public view."""
        return visible_through(
            self.filter(
                publish_consent=True,
                published_at__isnull=False,
                status__in=PUBLISHABLE_STATES,
                number__isnull=False,
            ).exclude(public_answer=""),
            "station",
        )


class Opinion(models.Model):
    number = models.CharField(
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("受理编号"),
    )
    topic = models.ForeignKey(
        OpinionTopic, on_delete=models.PROTECT, related_name="opinions", verbose_name=_("类别")
    )
    text = models.TextField(max_length=3000, verbose_name=_("意见内容"))
    community = models.CharField(max_length=40, blank=True, verbose_name=_("所在社区（村）"))
    station = models.ForeignKey(
        "delegates.StationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinions",
        verbose_name=_("联络站"),
    )
    delegate = models.ForeignKey(
        "delegates.DelegatePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinions",
        verbose_name=_("代表"),
    )
    publish_consent = models.BooleanField(default=False, verbose_name=_("同意公开"))
    status = models.CharField(
        max_length=12,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        verbose_name=_("状态"),
    )
    verification = models.CharField(
        max_length=10, choices=Verification.choices, verbose_name=_("核实方式")
    )
    decline_reason = models.TextField(blank=True, verbose_name=_("不予受理理由"))
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
        verbose_name=_("合并到"),
    )
    assigned_delegate = models.ForeignKey(
        "delegates.DelegatePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_opinions",
        verbose_name=_("交办代表"),
    )
    handling_body = models.ForeignKey(
        HandlingBody,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinions",
        verbose_name=_("承办单位"),
    )
    assigned_on = models.DateField(null=True, blank=True, verbose_name=_("交办日期"))
    due_date = models.DateField(null=True, blank=True, db_index=True, verbose_name=_("办理期限"))
    public_answer = models.TextField(blank=True, verbose_name=_("答复内容"))
    answered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("答复时间"))
    first_answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    rating = models.CharField(
        max_length=12, choices=Rating.choices, blank=True, verbose_name=_("满意度")
    )
    reopened = models.BooleanField(default=False, verbose_name=_("已重新办理"))
    created_at = models.DateTimeField(
        default=timezone.now, db_index=True, verbose_name=_("提交时间")
    )
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("确认时间"))
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("办结时间"))
    # Anti-abuse and privacy: the submission's form token (one opinion per form, however often
    # it is posted), a hash of the text for duplicate detection, the hashed tokens.
    form_token = models.CharField(max_length=64, unique=True, editable=False)
    text_hash = models.CharField(max_length=64, db_index=True, editable=False)
    confirm_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    lookup_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # Publication (网上联络站 公开): the sender's consent is not enough, a liaison approves a
    # public summary (the text may name neighbours); the masked name is fixed at approval so
    # the public side never reads OpinionSender.
    public_summary = models.TextField(max_length=1000, blank=True, verbose_name=_("公开摘要"))
    public_name = models.CharField(
        max_length=PUBLIC_NAME_MAX, blank=True, verbose_name=_("公开署名")
    )
    published_at = models.DateTimeField(
        null=True, blank=True, db_index=True, verbose_name=_("批准公开时间")
    )

    objects = OpinionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("群众意见")
        verbose_name_plural = _("群众意见")

    def __str__(self):
        return self.number or _("待确认意见 %(pk)s") % {"pk": self.pk}

    @property
    def addressee(self):
        """Whom the opinion was written to: the delegate, else the station."""
        return self.delegate or self.station

    def can_move_to(self, status) -> bool:
        return status in TRANSITIONS[Status(self.status)]

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in OPEN_STATES
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )

    @property
    def rating_deadline(self):
        """The last day the sender may rate an answer; `voices_remind` closes it (办结) after
        that (VOICES_AUTO_CLOSE_WORKING_DAYS working days; 0 turns auto-closing off)."""
        days = settings.VOICES_AUTO_CLOSE_WORKING_DAYS
        if self.status != Status.ANSWERED or self.answered_at is None or days < 1:
            return None
        return add_working_days(timezone.localdate(self.answered_at), days)

    @property
    def may_reopen(self) -> bool:
        return self.status == Status.ANSWERED and not self.reopened

    def public_events(self):
        return self.events.exclude(public_text="").order_by("created_at", "pk")


class OpinionSender(models.Model):
    """Who wrote the opinion. Kept apart so it can be anonymised after 办结 (`anonymise`)."""

    opinion = models.OneToOneField(Opinion, on_delete=models.CASCADE, related_name="sender")
    name = models.CharField(max_length=30, blank=True, verbose_name=_("姓名"))
    mobile = models.CharField(max_length=11, blank=True, db_index=True, verbose_name=_("手机号码"))
    email = models.EmailField(max_length=120, blank=True, db_index=True, verbose_name=_("电子邮箱"))
    ip_hash = models.CharField(max_length=64, blank=True, verbose_name=_("来源地址摘要"))
    anonymised_at = models.DateTimeField(null=True, blank=True, verbose_name=_("匿名化时间"))

    class Meta:
        verbose_name = _("来信人")
        verbose_name_plural = _("来信人")

    def __str__(self):
        return self.name or _("（匿名）")

    @property
    def contact(self) -> str:
        return self.email or self.mobile

    def anonymise(self):
        self.name = self.mobile = self.email = self.ip_hash = ""
        self.anonymised_at = timezone.now()
        self.save()


def photo_path(instance, filename):
    # A random name, under media/voices/ which is never served publicly (portal/media.py,
    # deploy/nginx): residents' photos are shown to staff through the admin only.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"voices/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{extension}"


class OpinionPhoto(models.Model):
    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="photos")
    file = models.ImageField(upload_to=photo_path, verbose_name=_("照片"))
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("照片")
        verbose_name_plural = _("照片")

    def __str__(self):
        return self.file.name


class OpinionEvent(models.Model):
    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=EventKind.choices, verbose_name=_("事项"))
    public_text = models.TextField(blank=True, verbose_name=_("公开说明"))
    internal_note = models.TextField(blank=True, verbose_name=_("内部备注"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("经办人"),
    )
    by_sender = models.BooleanField(default=False, verbose_name=_("来信人"))
    created_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("时间"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"


class OpinionReminder(models.Model):
    """A 督办 reminder sent for one assignment (the 交办 event it follows): each stage at most
    once, so the daily `voices_remind` can run any number of times. A new 交办 starts afresh."""

    assignment = models.ForeignKey(
        OpinionEvent, on_delete=models.CASCADE, related_name="reminders", editable=False
    )
    stage = models.CharField(max_length=20, verbose_name=_("提醒阶段"))
    recipients = models.TextField(blank=True, verbose_name=_("收件人"))
    sent_at = models.DateTimeField(default=timezone.now, verbose_name=_("发送时间"))

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "stage"], name="voices_reminder_once_per_stage"
            )
        ]
        verbose_name = _("督办提醒")
        verbose_name_plural = _("督办提醒")

    def __str__(self):
        return f"{self.assignment.opinion} {self.stage}"
