"""Images and PDF attachments drawn locally with Pillow (no downloads)."""

import hashlib
import io
import random
from functools import lru_cache
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.documents.models import Document

from home.models import PortalImage

FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
]
PALETTES = [
    ((163, 0, 11), (255, 213, 74)),
    ((31, 78, 121), (230, 240, 250)),
    ((46, 104, 62), (236, 246, 232)),
    ((120, 60, 20), (250, 238, 220)),
]


@lru_cache(maxsize=8)
def _font(size: int):
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def _can_draw_chinese() -> bool:
    return any(Path(c).exists() for c in FONT_CANDIDATES)


def _label(text: str, fallback: str) -> str:
    return text if _can_draw_chinese() else fallback


def demo_image(title: str, caption: str, rng: random.Random) -> PortalImage:
    """A 1200×675 illustration: a coloured scene with the caption, e.g. 代表接访活动现场."""
    existing = PortalImage.objects.filter(title=title).first()
    if existing:
        return existing
    dark, light = rng.choice(PALETTES)
    image = Image.new("RGB", (1200, 675), light)
    draw = ImageDraw.Draw(image)
    for step in range(0, 675, 15):
        shade = tuple(int(light[i] + (dark[i] - light[i]) * step / 1350) for i in range(3))
        draw.rectangle([0, step, 1200, step + 15], fill=shade)
    for _ in range(6):
        x, y, r = rng.randint(0, 1200), rng.randint(200, 675), rng.randint(40, 160)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=dark, width=6)
    draw.rectangle([0, 520, 1200, 675], fill=dark)
    draw.text((60, 560), _label(caption, "Demo image"), font=_font(56), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return PortalImage.objects.create(
        title=title,
        description=caption,
        file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"demo-{_digest(title)}.jpg"),
    )


def demo_pdf(title: str, paragraphs: list[str]) -> Document:
    """A one-page A4 PDF of the text, as offices publish scanned originals."""
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    page = Image.new("RGB", (1240, 1754), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    draw.text((620, 160), _label(title, "Document"), font=_font(44), fill=(0, 0, 0), anchor="mm")
    y = 280
    for text in paragraphs:
        line = ""
        for char in "　　" + text:
            line += char
            if draw.textlength(line, font=_font(30)) > 1040:
                draw.text((100, y), _label(line, ""), font=_font(30), fill=(20, 20, 20))
                y, line = y + 48, ""
        draw.text((100, y), _label(line, ""), font=_font(30), fill=(20, 20, 20))
        y += 72
        if y > 1600:
            break
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=150)
    document = Document(title=title)
    document.file.save(f"demo-{_digest(title)}.pdf", ContentFile(buffer.getvalue()), save=False)
    document.save()
    return document
