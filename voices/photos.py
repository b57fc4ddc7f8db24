"""Residents' photos lose their metadata on upload: a phone photo's EXIF may carry the GPS
position of the sender's home, the camera's serial number and the time. The image is decoded,
turned upright by its EXIF orientation (which is then no longer needed) and encoded again in
its own format without EXIF or XMP; only the colour profile is kept."""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

JPEG_QUALITY = 90


def without_metadata(uploaded) -> ContentFile:
    uploaded.seek(0)
    with Image.open(uploaded) as original:
        image_format = original.format
        icc_profile = original.info.get("icc_profile")
        frames = getattr(original, "n_frames", 1)
        options = {}
        if image_format == "GIF" and frames > 1:
            image = original  # an animation: re-encode every frame (GIF carries no EXIF)
            options = {"save_all": True, "loop": original.info.get("loop", 0)}
            buffer = _encode(image, image_format, options)
        else:
            image = ImageOps.exif_transpose(original)
            if image_format == "JPEG":
                if image.mode not in ("RGB", "L", "CMYK"):
                    image = image.convert("RGB")
                options = {"quality": JPEG_QUALITY, "optimize": True}
            elif image_format == "WEBP":
                options = {"quality": JPEG_QUALITY}
            if icc_profile and image_format in ("JPEG", "PNG", "WEBP"):
                options["icc_profile"] = icc_profile
            buffer = _encode(image, image_format, options)
    return ContentFile(buffer.getvalue(), name=uploaded.name)


def _encode(image, image_format, options) -> io.BytesIO:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer
