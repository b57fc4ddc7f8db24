"""Refresh the Simplified Chinese message catalog (locale/zh_Hans) from the code and templates.

The portal's source strings are already Simplified Chinese, so every entry translates to itself.
The catalog still matters: without it each of the hundreds of strings on a page is looked up
through every installed app's catalog and their fallbacks before Django gives up and returns
the msgid (about 4 times slower per string), and it is where a Traditional Chinese or English
version would start. Run `make messages` after adding or changing translatable text; a test
fails while the catalog lacks a string of the code or its compiled form is out of date.

    python scripts/messages.py            # makemessages + identity msgstr + compilemessages

The exception is the Wagtail admin: portal/admin_messages.py holds Chinese for the admin strings
(Python/templates and JavaScript) that Wagtail's own zh_Hans catalogs lack; they are written
into django.po and djangojs.po here.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
JS_CATALOG = CATALOG.with_name("djangojs.po")
ARGUMENT = re.compile(r"%\((\w+)\)")
IGNORE = [".venv", "node_modules", "build", "bench", "tests", "staticfiles", "media", "*.egg-info"]


def fill_identity(path: Path, translations: dict | None = None) -> int:
    """Set every entry's translation to its msgid (and drop fuzzy marks), then write the Wagtail
    admin strings of `translations` (portal/admin_messages.py); return the count."""
    catalog = polib.pofile(str(path))
    for entry in catalog:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    add_translations(catalog, translations or {})
    set_header(catalog, "Simplified Chinese messages of the portal: the source strings themselves.")
    catalog.save()
    return len(catalog)


def add_translations(catalog: polib.POFile, translations: dict) -> None:
    """Write Chinese for msgids that are not in our code (Wagtail's): a key is the msgid, or
    (singular, plural) for a plural entry (one form in Chinese). makemessages marks such an
    entry obsolete when it finds it nowhere in our code; it is brought back here."""
    for key, text in translations.items():
        msgid, plural = key if isinstance(key, tuple) else (key, "")
        entry = catalog.find(msgid, include_obsolete_entries=True)
        if entry is None:
            entry = polib.POEntry(msgid=msgid)
            catalog.append(entry)
        entry.obsolete = False
        entry.msgid_plural = plural
        if plural:
            entry.msgstr, entry.msgstr_plural = "", {0: text}
        else:
            entry.msgstr, entry.msgstr_plural = text, {}
        # msgfmt checks that the Chinese uses the msgid's %(name)s arguments; a translation
        # that leaves one out on purpose (the page search passes model_name=None) is not checked.
        entry.flags = [
            f for f in entry.flags if f not in ("fuzzy", "python-format", "no-python-format")
        ]
        if ARGUMENT.search(msgid + plural):
            same = plural or set(ARGUMENT.findall(text)) == set(ARGUMENT.findall(msgid))
            entry.flags.append("python-format" if same else "no-python-format")


def write_js_catalog(path: Path, translations: dict) -> int:
    """The djangojs catalog: Chinese for Wagtail's admin JavaScript strings that its own
    zh_Hans lacks. Wagtail's /admin/jsi18n/ view merges it in (LOCALE_PATHS). Our own scripts
    use no gettext, so the file is written from `translations` alone."""
    catalog = polib.POFile(wrapwidth=0)
    add_translations(catalog, translations)
    set_header(catalog, "Simplified Chinese for the Wagtail admin's JavaScript (see messages.py).")
    catalog.save(str(path))
    return len(catalog)


def set_header(catalog: polib.POFile, header: str) -> None:
    catalog.metadata_is_fuzzy = False
    catalog.header = header
    catalog.metadata["Project-Id-Version"] = "renda-portal"
    catalog.metadata["MIME-Version"] = "1.0"
    catalog.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalog.metadata["Content-Transfer-Encoding"] = "8bit"
    catalog.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    catalog.metadata["Language"] = "zh_Hans"


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
    from portal.admin_messages import ADMIN_JS_TRANSLATIONS, ADMIN_TRANSLATIONS

    count = fill_identity(CATALOG, ADMIN_TRANSLATIONS)
    js_count = write_js_catalog(JS_CATALOG, ADMIN_JS_TRANSLATIONS)
    call_command("compilemessages", locale=["zh_Hans"], verbosity=0)
    print(f"{CATALOG.relative_to(ROOT)}: {count} messages, compiled")
    print(f"{JS_CATALOG.relative_to(ROOT)}: {js_count} messages, compiled")


if __name__ == "__main__":
    main()
