"""约访: a resident's booking of places at an announced reception session.

The booking (`Appointment`) holds what the station needs to plan the session — how many
people, what they want to raise, whether they came; the person (`AppointmentContact`: name,
mobile, e-mail) is kept apart and deleted APPOINTMENTS_RETENTION_DAYS after the session
(`manage.py appointments_purge`). The private manage link's token is stored hashed, like the
voices app's links. Places are counted in one place: ReceptionSessionQuerySet.with_places_taken."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delegates.models import ReceptionSession

MAX_PEOPLE = 3


class Attendance(models.TextChoices):
    UNKNOWN = "", _("未登记")
    ATTENDED = "attended", _("已到场")
    NO_SHOW = "no_show", _("未到场")


class AppointmentQuerySet(models.QuerySet):
    def active(self):
        """Bookings that hold places: not cancelled."""
        return self.filter(cancelled_at__isnull=True)

    def for_user(self, user):
        """The bookings of the sessions at stations `user` may edit (voices/permissions.py)."""
        from voices.permissions import editable_pages

        return self.filter(session__station__in=editable_pages(user).values("pk"))


class Appointment(models.Model):
    session = models.ForeignKey(
        ReceptionSession,
        on_delete=models.CASCADE,
        related_name="appointments",
        verbose_name=_("接访活动"),
    )
    people = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PEOPLE)],
        verbose_name=_("人数"),
    )
    topic = models.CharField(max_length=200, blank=True, verbose_name=_("想反映的问题"))
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, blank=True, verbose_name=_("到场情况")
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    cancelled_at = models.DateTimeField(null=True, blank=True, verbose_name=_("取消时间"))
    cancelled_by_staff = models.BooleanField(default=False, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # One booking per form, however often it is posted; the manage link's token, hashed.
    form_token = models.CharField(max_length=64, unique=True, editable=False)
    manage_token_hash = models.CharField(max_length=64, db_index=True, editable=False)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("约访预约")
        verbose_name_plural = _("约访预约")

    def __str__(self):
        return f"{self.session} #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None

    @property
    def may_cancel(self) -> bool:
        return self.is_active and self.session.start > timezone.now()


class AppointmentContact(models.Model):
    """The person behind a booking — kept apart, deleted after the retention time."""

    appointment = models.OneToOneField(
        Appointment, on_delete=models.CASCADE, related_name="contact", primary_key=True
    )
    name = models.CharField(max_length=30, verbose_name=_("姓名"))
    mobile = models.CharField(max_length=20, blank=True, db_index=True, verbose_name=_("手机号码"))
    email = models.EmailField(max_length=120, blank=True, db_index=True, verbose_name=_("电子邮箱"))
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("预约人")
        verbose_name_plural = _("预约人")

    def __str__(self):
        return self.name
