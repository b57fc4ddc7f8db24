"""Residents' photos lose their metadata on upload: a phone photo's EXIF may carry the GPS
position of the sender's home, the camera's serial number and the time. The image is decoded,
turned upright by its EXIF orientation (which is then no longer needed) and encoded again in
its own format without EXIF or XMP; only the colour profile is kept."""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

QUALITY = 90


def without_metadata(uploaded) -> ContentFile:
    uploaded.seek(0)
    with Image.open(uploaded) as original:
        image_format = original.format
        options = {}
        if getattr(original, "is_animated", False):
            image = original  # every frame re-encoded; animations have no orientation
            options = {"save_all": True}
        else:
            image = ImageOps.exif_transpose(original)
            if image_format == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
                image = image.convert("RGB")
        if image_format in ("JPEG", "WEBP"):
            options["quality"] = QUALITY
        icc_profile = original.info.get("icc_profile")
        if icc_profile and image_format in ("JPEG", "PNG", "WEBP"):
            options["icc_profile"] = icc_profile
        buffer = io.BytesIO()
        image.save(buffer, format=image_format, **options)
    return ContentFile(buffer.getvalue(), name=uploaded.name)
