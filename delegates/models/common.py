"""Reference data editors keep in the admin: streets/towns, delegation groups and the
points rule table (履职积分规则)."""

import functools

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from ..choices import RecordKind, StreetKind
from ..validators import validate_latitude, validate_longitude


def shared_rows(model):
    """Every row of a reference table (streets, delegation groups) in its default order, shared
    by the pages that list or name them until the next site-wide purge (saving or deleting a
    row purges everything: delegates/cache.py)."""
    from home.cache import shared

    return shared(shared_rows_name(model), lambda: all_rows(model))


def all_rows(model) -> list:
    """Every row of a reference table in its default order, by a query compiled once."""
    return _all_rows_query(model)()


@functools.cache
def _all_rows_query(model):
    from home.prepared import prepared

    return prepared(lambda: model.objects.all())


def shared_rows_name(model) -> str:
    """The name `shared_rows(model)` is shared under (home.cache.prefetch_shared reads it)."""
    return f"delegates:rows:{model._meta.label}"


def shared_row(model, pk):
    """Row `pk` of a reference table, from `shared_rows` (read on its own if it is newer than
    the shared list); None for None."""
    if pk is None:
        return None
    found = next((row for row in shared_rows(model) if row.pk == pk), None)
    return found or model.objects.filter(pk=pk).first()


class Street(models.Model):
    """A street (街道) or town (乡镇) of the district, with its congress body."""

    name = models.CharField(max_length=40, unique=True, verbose_name=_("名称"))
    kind = models.CharField(
        max_length=10, choices=StreetKind.choices, default=StreetKind.STREET, verbose_name=_("类型")
    )
    body_name = models.CharField(
        max_length=60,
        blank=True,
        verbose_name=_("人大组织"),
        help_text=_("如：东城街道人大工委、河口镇人大主席团"),
    )
    latitude = models.FloatField(
        null=True, blank=True, validators=[validate_latitude], verbose_name=_("中心纬度")
    )
    longitude = models.FloatField(
        null=True, blank=True, validators=[validate_longitude], verbose_name=_("中心经度")
    )
    sort_order = models.PositiveSmallIntegerField(default=0, verbose_name=_("排序"))

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("body_name"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("街道乡镇")
        verbose_name_plural = _("街道乡镇")

    def __str__(self):
        return self.name


class DelegationGroup(models.Model):
    """代表团 — called 代表联组 between sessions; usually one per street/town."""

    name = models.CharField(max_length=60, unique=True, verbose_name=_("代表团名称"))
    street = models.ForeignKey(
        Street,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delegation_groups",
        verbose_name=_("所在街道乡镇"),
    )
    sort_order = models.PositiveSmallIntegerField(default=0, verbose_name=_("排序"))

    panels = [FieldPanel("name"), FieldPanel("street"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("代表团（联组）")
        verbose_name_plural = _("代表团（联组）")

    def __str__(self):
        return self.name


class PointsRule(models.Model):
    """One line of the published points table: so many points per record of a kind,
    capped per year. Scores are always computed from these rules at read time."""

    kind = models.CharField(
        max_length=20, choices=RecordKind.choices, unique=True, verbose_name=_("履职类别")
    )
    points = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0)],
        verbose_name=_("每次积分"),
    )
    yearly_cap = models.DecimalField(
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        verbose_name=_("年度上限"),
        help_text=_("该类别一年最多计多少分；留空表示不设上限。"),
    )
    note = models.CharField(max_length=200, blank=True, verbose_name=_("说明"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("更新时间"))

    panels = [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("points"), FieldPanel("yearly_cap")]),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["kind"]
        verbose_name = _("履职积分规则")
        verbose_name_plural = _("履职积分规则")

    def __str__(self):
        return f"{self.get_kind_display()}：{self.points}分/次"

    def clean(self):
        if self.yearly_cap is not None and self.points and self.yearly_cap < self.points:
            raise ValidationError({"yearly_cap": _("年度上限不能低于每次积分。")})


class StarAssessment(models.Model):
    """A dated star rating of a station (星级评定) with its reason. Kept as a snippet, not a
    station child, so a station's own liaison cannot award stars to it."""

    station = models.ForeignKey(
        "delegates.StationPage",
        on_delete=models.CASCADE,
        related_name="star_assessments",
        verbose_name=_("联络站"),
    )
    date = models.DateField(verbose_name=_("评定日期"))
    stars = models.PositiveSmallIntegerField(
        validators=[
            MinValueValidator(1, _("星级最少为 1 星。")),
            MaxValueValidator(5, _("星级最多为 5 星。")),
        ],
        verbose_name=_("星级"),
    )
    reason = models.CharField(max_length=300, verbose_name=_("评定理由"))

    panels = [
        FieldPanel("station"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("stars")]),
        FieldPanel("reason"),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("星级评定")
        verbose_name_plural = _("星级评定")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="star_assessment_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.station} {self.date} {self.stars}星"
