"""Upload validation for images, on top of Wagtail's own checks (format by content, extension,
file size and pixel count; Pillow's decompression-bomb guard stays on)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.images.forms import BaseImageForm


class PortalImageForm(BaseImageForm):
    def clean_file(self):
        image_file = self.cleaned_data.get("file")
        if not image_file or "file" not in self.changed_data:
            return image_file
        width, height = image_file.image.get_size()
        smallest, largest = settings.PORTAL_IMAGE_MIN_SIDE, settings.PORTAL_IMAGE_MAX_SIDE
        if min(width, height) < smallest:
            raise ValidationError(
                _("图片太小（%(w)d×%(h)d 像素），宽和高都至少需要 %(min)d 像素。")
                % {"w": width, "h": height, "min": smallest},
                code="image_too_small",
            )
        if max(width, height) > largest:
            raise ValidationError(
                _(
                    "图片尺寸过大（%(w)d×%(h)d 像素），"
                    "宽和高都不能超过 %(max)d 像素，请缩小后再上传。"
                )
                % {"w": width, "h": height, "max": largest},
                code="image_too_large",
            )
        return image_file
