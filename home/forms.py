"""Upload validation for images and documents, on top of Wagtail's own checks (image format by
content, extension, file size and pixel count; Pillow's decompression-bomb guard stays on)."""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

ZIP = (b"PK\x03\x04",)
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
# What each permitted document extension must start with (checked on content, not the name).
DOCUMENT_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "zip": ZIP,
    "ofd": ZIP,
    "doc": OLE,
    "xls": OLE,
    "ppt": OLE,
    "wps": OLE,
}
TEXT_EXTENSIONS = {"txt", "csv"}


def document_content_error(name: str, head: bytes) -> str | None:
    """Why the first bytes of an upload do not fit its extension, or None when they do."""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    signatures = DOCUMENT_SIGNATURES.get(extension)
    if signatures and not head.startswith(signatures):
        return _("文件内容与扩展名 .%(ext)s 不符，请上传真实的 %(ext)s 文件。") % {"ext": extension}
    if extension in TEXT_EXTENSIONS and b"\x00" in head:
        return _("文本文件中含有二进制内容，请检查文件。")
    if extension == "mp4" and head[4:8] != b"ftyp":
        return _("文件不是有效的 MP4 视频。")
    return None


def check_image_sides(image_file):
    """Refuse an image (a file checked by Wagtail's image field: `image_file.image` is its
    Willow image) whose sides are outside PORTAL_IMAGE_MIN_SIDE..PORTAL_IMAGE_MAX_SIDE."""
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
            _("图片尺寸过大（%(w)d×%(h)d 像素），宽和高都不能超过 %(max)d 像素，请缩小后再上传。")
            % {"w": width, "h": height, "max": largest},
            code="image_too_large",
        )


class PortalImageForm(BaseImageForm):
    def clean_file(self):
        image_file = self.cleaned_data.get("file")
        if not image_file or "file" not in self.changed_data:
            return image_file
        check_image_sides(image_file)
        return image_file


class PortalDocumentForm(BaseDocumentForm):
    def clean_file(self):
        document = self.cleaned_data.get("file")
        if not document or "file" not in self.changed_data:
            return document
        head = document.read(16)
        document.seek(0)
        error = document_content_error(document.name, head)
        if error:
            raise ValidationError(error, code="content_mismatch")
        return document
