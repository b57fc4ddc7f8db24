"""An article's lead image is shown once: above the body, or in the body's own figure."""

import random

import pytest
from bs4 import BeautifulSoup
from wagtail.rich_text import RichText

from home.demo.media import demo_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def image(db):
    return demo_image("代表接访现场", "代表在联络站接待选民", random.Random(1))


def figures(client, page):
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    return html.select("main article figure")


def test_lead_image_is_shown_above_the_body(client, make_article, image):
    article = make_article(
        lead_image=image, body=[("paragraph", RichText("<p>代表们听取意见。</p>"))]
    )
    [figure] = figures(client, article)
    assert "article__lead" in figure["class"]


def test_lead_image_already_in_the_body_is_not_shown_twice(client, make_article, image):
    figure_block = {
        "image": {"image": image, "decorative": False, "alt_text": "代表在联络站接待选民"},
        "caption": "代表在联络站接待选民",
    }
    article = make_article(
        lead_image=image,
        body=[("paragraph", RichText("<p>代表们听取意见。</p>")), ("figure", figure_block)],
    )
    [figure] = figures(client, article)
    assert "block-figure" in figure["class"]
    assert figure.figcaption.get_text() == "代表在联络站接待选民"
