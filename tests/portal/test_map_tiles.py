"""Map tile settings (portal/settings/tiles.py): the `{s}` subdomains, the datum, and the
Content-Security-Policy that allows exactly the configured tile hosts."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.tiles import tile_crs, tile_sources, tile_subdomains

ROOT = Path(__file__).resolve().parents[2]
TIANDITU = "https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY"
TIANDITU_LABELS = (
    "https://t{s}.tianditu.gov.cn/cva_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY"
)
AMAP = "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&style=8&x={x}&y={y}&z={z}"


def test_subdomains_are_letters_or_a_list():
    assert tile_subdomains("abc") == ["a", "b", "c"]
    assert tile_subdomains("01234567") == list("01234567")
    assert tile_subdomains("t0, t1,t2") == ["t0", "t1", "t2"]
    assert tile_subdomains("") == []


def test_datum_is_checked():
    assert tile_crs("GCJ02") == "gcj02"
    assert tile_crs(" wgs84") == "wgs84"
    with pytest.raises(ImproperlyConfigured):
        tile_crs("gcj-02")  # a typo would misplace every marker by hundreds of metres


def test_sources_spell_out_every_tile_host():
    assert tile_sources([AMAP], list("1234")) == [
        f"https://webrd0{n}.is.autonavi.com" for n in "1234"
    ]
    # Tianditu's map and labels layers share their hosts: each host once.
    assert tile_sources([TIANDITU, TIANDITU_LABELS], list("01")) == [
        "https://t0.tianditu.gov.cn",
        "https://t1.tianditu.gov.cn",
    ]
    assert tile_sources(["https://tiles.example:8443/{z}/{x}/{y}.png"], []) == [
        "https://tiles.example:8443"
    ]
    assert tile_sources(["", "/tiles/{z}/{x}/{y}.png"], ["a"]) == []  # none, or our own host


@pytest.mark.parametrize(
    "url",
    ["ftp://tiles.example/{z}/{x}/{y}.png", "https://{z}.tiles.example/{x}/{y}.png"],
)
def test_sources_refuse_what_a_policy_cannot_express(url):
    with pytest.raises(ImproperlyConfigured):
        tile_sources([url], ["a"])


def settings_from(env):
    """The settings as a process with this environment sees them."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'img': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], "
        "'sub': s.MAP_TILE_SUBDOMAINS, 'crs': s.MAP_TILE_CRS, 'zoom': s.MAP_TILE_MAX_ZOOM}))"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MAP_TILE_")}
    environment.update(env, DJANGO_SETTINGS_MODULE="portal.settings.test")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_policy_follows_the_environment():
    default = settings_from({})
    assert default["img"] == ["'self'", "data:"]
    assert default["crs"] == "wgs84" and default["zoom"] == 18
    amap = settings_from(
        {
            "MAP_TILE_URL": AMAP,
            "MAP_TILE_SUBDOMAINS": "1234",
            "MAP_TILE_CRS": "gcj02",
            "MAP_TILE_MAX_ZOOM": "19",
        }
    )
    assert amap["img"] == ["'self'", "data:"] + [
        f"https://webrd0{n}.is.autonavi.com" for n in "1234"
    ]
    assert amap["sub"] == ["1", "2", "3", "4"] and amap["crs"] == "gcj02" and amap["zoom"] == 19
