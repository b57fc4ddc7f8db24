"""Vocabularies of the delegates domain (labels in Simplified Chinese)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """The five levels of people's congress ("五级代表"), highest first."""

    NATIONAL = "national", _("全国人大代表")
    PROVINCIAL = "provincial", _("省人大代表")
    CITY = "city", _("市人大代表")
    COUNTY = "county", _("区人大代表")
    TOWNSHIP = "township", _("乡镇人大代表")


LEVEL_ORDER = {value: index for index, value in enumerate(Level.values)}

LEVEL_SHORT = {
    Level.NATIONAL: _("全国"),
    Level.PROVINCIAL: _("省"),
    Level.CITY: _("市"),
    Level.COUNTY: _("区县"),
    Level.TOWNSHIP: _("乡镇"),
}


class Gender(models.TextChoices):
    MALE = "m", _("男")
    FEMALE = "f", _("女")


class StreetKind(models.TextChoices):
    STREET = "street", _("街道")
    TOWN = "town", _("乡镇")


class StationKind(models.TextChoices):
    STATION = "station", _("人大代表联络站")
    HOME = "home", _("人大代表之家")
    STUDIO = "studio", _("人大代表工作室")


class StationRole(models.TextChoices):
    HEAD = "head", _("站长")
    DEPUTY = "deputy", _("副站长")
    MEMBER = "member", _("进站代表")


class RecordKind(models.TextChoices):
    """Kinds of entry in a delegate's performance record (履职档案)."""

    MEETING = "meeting", _("会议")
    INSPECTION = "inspection", _("视察")
    SURVEY = "survey", _("调研")
    ENFORCEMENT = "enforcement", _("执法检查")
    RECEPTION = "reception", _("接访")
    SUGGESTION = "suggestion", _("建议/议案")
    DUTY_REPORT = "duty_report", _("述职")
    TRAINING = "training", _("培训")
    SERVICE = "service", _("为民办实事")


class DisclosureStatus(models.TextChoices):
    OK = "ok", _("已公开")
    STALE = "stale", _("待更新")
    MISSING = "missing", _("未公开")


_LABELS = {}


def label_of(choices, value):
    """What get_FOO_display() gives for a field with these `choices` (a TextChoices class):
    the label in the active language, or the value itself when it is not a choice. Django's
    get_FOO_display hashes every lazy label of the field at each call (translating each one);
    here one dict per class, keyed by the plain values, and only the label asked for is
    translated."""
    try:
        labels = _LABELS[choices]
    except KeyError:
        labels = _LABELS[choices] = {member.value: member.label for member in choices}
    return str(labels.get(value, value))
