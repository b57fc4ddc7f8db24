"""Our static JavaScript never turns text into markup: no innerHTML and friends, and what goes
into Leaflet's popups and tooltips (which take a string as HTML) is a DOM node built with
textContent. The browser test tests/browser/test_station_map.py checks the map itself."""

import re
from pathlib import Path

import pytest

JS = sorted((Path(__file__).resolve().parents[2] / "static" / "js").glob("*.js"))
HTML_SINKS = re.compile(r"\.(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write\(")
LEAFLET_SINKS = re.compile(
    r"\.(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)\(\s*([^,)]*)"
)


@pytest.mark.parametrize("path", JS, ids=lambda p: p.name)
def test_no_html_from_strings(path):
    source = path.read_text()
    assert not HTML_SINKS.search(source), path.name
    for method, argument in LEAFLET_SINKS.findall(source):
        assert re.fullmatch(r"[A-Za-z_$][\w$]*", argument), f"{path.name}: {method}({argument})"
        built = (
            rf"\b(var|let|const)\s+{re.escape(argument)}\s*=\s*document\.create(Element|TextNode)\("
        )
        assert re.search(built, source), f"{path.name}: {method}({argument}) is not a DOM node"


def test_the_check_sees_the_map():
    assert any(LEAFLET_SINKS.search(p.read_text()) for p in JS)
