"""Readable text of page content for the search index: StreamField values, rich text, HTML."""

from __future__ import annotations

import html
import re

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

_SPACE_RE = re.compile(r"\s+")


def plain_text(value) -> str:
    """Readable text of a StreamField value, rich text or HTML string (tags stripped)."""
    if value is None:
        return ""
    if hasattr(value, "stream_block"):  # StreamValue: blocks give their text already stripped
        text = " ".join(str(p) for p in _searchable(value.stream_block, list(value.raw_data)))
    else:
        parts = value if isinstance(value, (list, tuple)) else [getattr(value, "source", value)]
        text = html.unescape(strip_tags(" ".join(str(p) for p in parts)))
    return _SPACE_RE.sub(" ", text).strip()


def _searchable(block, raw) -> list[str]:
    """``block.get_searchable_content`` computed from the block's raw (JSON) data.

    Wagtail's version converts the whole stream to Python values first, and chooser blocks fetch
    their objects from the database (one query per page with a figure or attachment) only to
    contribute no text. Here containers are walked on their raw data, choosers are skipped, and
    every other block answers for itself from ``to_python``. An image block's text is its alt
    text unless it is decorative (what ``ImageBlock.get_searchable_content`` returns).
    """
    if raw is None or isinstance(block, blocks.ChooserBlock):
        return []
    if not getattr(block, "search_index", True):
        return []
    if isinstance(block, ImageBlock):
        if isinstance(raw, dict) and raw.get("image") and not raw.get("decorative"):
            return [str(raw.get("alt_text") or "")]
        return []
    if isinstance(block, blocks.StreamBlock):
        children = ((block.child_blocks.get(item.get("type")), item.get("value")) for item in raw)
        return [text for child, value in children if child for text in _searchable(child, value)]
    if isinstance(block, blocks.ListBlock):
        items = (
            item["value"] if isinstance(item, dict) and "value" in item else item for item in raw
        )
        return [text for item in items for text in _searchable(block.child_block, item)]
    if isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        return [
            text
            for name, child in block.child_blocks.items()
            if name in raw
            for text in _searchable(child, raw[name])
        ]
    return block.get_searchable_content(block.to_python(raw))
