"""The Simplified Chinese message catalog covers every translatable string and is compiled."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

CATALOG = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
SOURCE_DIRS = ["portal", "home", "news", "delegates", "search", "templates"]


def _entries(catalog) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in catalog if not e.obsolete and not e.msgid_plural}


def test_compiled_catalog_matches_the_source() -> None:
    source = _entries(polib.pofile(str(CATALOG)))
    compiled = _entries(polib.mofile(str(CATALOG.with_suffix(".mo"))))
    assert compiled == source, "run `make messages`"
    from portal.admin_messages import ADMIN_TRANSLATIONS

    assert all(msgstr == ADMIN_TRANSLATIONS.get(msgid, msgid) for msgid, msgstr in source.items())


def _texts(catalog) -> dict[str, str]:
    return {e.msgid: e.msgstr_plural.get(0) if e.msgid_plural else e.msgstr for e in catalog}


@pytest.mark.parametrize("name", ["ADMIN_TRANSLATIONS", "ADMIN_JS_TRANSLATIONS"])
def test_compiled_catalogs_carry_the_admin_translations(name) -> None:
    """portal/admin_messages.py reaches the compiled django.mo and djangojs.mo, plurals too."""
    from portal import admin_messages

    wanted = {
        key[0] if isinstance(key, tuple) else key: text
        for key, text in getattr(admin_messages, name).items()
    }
    path = CATALOG if name == "ADMIN_TRANSLATIONS" else CATALOG.with_name("djangojs.po")
    compiled = _texts(polib.mofile(str(path.with_suffix(".mo"))))
    assert {msgid: compiled.get(msgid) for msgid in wanted} == wanted, "run `make messages`"


def test_catalog_has_every_string_of_the_code(tmp_path, monkeypatch) -> None:
    # makemessages scans the working directory: give it links to the code and a locale
    # directory of its own, so that the committed catalog is left alone.
    root = Path(settings.BASE_DIR)
    for name in SOURCE_DIRS:
        (tmp_path / name).symlink_to(root / name)
    (tmp_path / "locale").mkdir()
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[str(tmp_path / "locale")]):
        call_command(
            "makemessages", locale=["zh_Hans"], symlinks=True, no_location=True, verbosity=0
        )
    extracted = set(_entries(polib.pofile(str(tmp_path / "locale/zh_Hans/LC_MESSAGES/django.po"))))
    assert len(extracted) > 300
    missing = extracted - set(_entries(polib.pofile(str(CATALOG))))
    assert not missing, f"run `make messages`: {sorted(missing)[:5]}"


@pytest.mark.parametrize("text", ["五上墙公开情况一览", "已公开", "跳到正文"])
def test_portal_strings_are_found_in_the_catalog(text) -> None:
    catalog = translation.trans_real.translation("zh-hans")._catalog
    assert text in catalog and catalog[text] == text
