"""Refresh the Simplified Chinese message catalog (locale/zh_Hans) from the code and templates.

The portal's source strings are already Simplified Chinese, so every entry translates to itself.
The catalog still matters: without it each of the hundreds of strings on a page is looked up
through every installed app's catalog and their fallbacks before Django gives up and returns
the msgid (about 4 times slower per string), and it is where a Traditional Chinese or English
version would start. Run `make messages` after adding or changing translatable text; a test
fails while the catalog lacks a string of the code or its compiled form is out of date.

    python scripts/messages.py            # makemessages + identity msgstr + compilemessages
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
IGNORE = [".venv", "node_modules", "build", "bench", "tests", "staticfiles", "media", "*.egg-info"]


def fill_identity(path: Path, translations: dict[str, str] | None = None) -> int:
    """Set every entry's translation to its msgid (and drop fuzzy marks), except the Wagtail
    admin strings of `translations` (portal/admin_messages.py); return the count."""
    translations = translations or {}
    catalog = polib.pofile(str(path))
    for entry in catalog:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid_plural}
        else:
            entry.msgstr = translations.get(entry.msgid, entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalog.metadata_is_fuzzy = False
    catalog.header = "Simplified Chinese messages of the portal: the source strings themselves."
    catalog.metadata["Project-Id-Version"] = "renda-portal"
    catalog.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalog.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    catalog.metadata["Language"] = "zh_Hans"
    catalog.save()
    return len(catalog)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django
    from django.core.management import call_command

    django.setup()
    call_command(
        "makemessages", locale=["zh_Hans"], ignore_patterns=IGNORE, no_location=True, verbosity=0
    )
    from portal.admin_messages import ADMIN_TRANSLATIONS

    count = fill_identity(CATALOG, ADMIN_TRANSLATIONS)
    call_command("compilemessages", locale=["zh_Hans"], verbosity=0)
    print(f"{CATALOG.relative_to(ROOT)}: {count} messages, compiled")


if __name__ == "__main__":
    main()
