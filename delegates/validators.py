"""Validators with messages residents and editors can act on."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Mobile: 11 digits starting 13–19. Landline: area code 0xx/0xxx, 7–8 digits, optional
# extension. Service numbers: 400/800 hotlines and 5-digit government lines such as 12345.
PHONE_RE = re.compile(
    r"^(?:"
    r"1[3-9]\d{9}"
    r"|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?"
    r"|[48]00-?\d{3}-?\d{4}"
    r"|12\d{3}"
    r")$"
)


def normalise_phone(value: str) -> str:
    """Strip spaces, a +86 prefix and full-width characters; keep hyphens."""
    value = (value or "").strip()
    value = value.translate({0xFF10 + i: ord("0") + i for i in range(10)}).replace("－", "-")
    value = re.sub(r"[\s()（）]", "", value)
    if value.startswith("+86"):
        value = value[3:].lstrip("-")
    return value


def validate_phone(value: str) -> None:
    if not PHONE_RE.match(normalise_phone(value)):
        raise ValidationError(
            _(
                "“%(value)s”不是有效的电话号码：手机号为 11 位数字（如 13812345678），"
                "固定电话需带区号（如 0572-2345678）。"
            ),
            code="invalid_phone",
            params={"value": value},
        )


def validate_latitude(value) -> None:
    if value is None or not -90 <= float(value) <= 90:
        raise ValidationError(
            _("纬度应在 -90 到 90 之间（当前为 %(value)s）。"),
            code="latitude_range",
            params={"value": value},
        )


def validate_longitude(value) -> None:
    if value is None or not -180 <= float(value) <= 180:
        raise ValidationError(
            _("经度应在 -180 到 180 之间（当前为 %(value)s）。"),
            code="longitude_range",
            params={"value": value},
        )
