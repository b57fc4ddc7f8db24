"""Fixtures for 立法意见征集 (a plugin of tests/conftest.py, so the browser tests share them):
the index page, published consultations (open, closed, upcoming)
built from the demo drafts, comments in any state, and a valid resident's form."""

import datetime
import time

import pytest

from consultations.choices import CommentStatus
from consultations.demo_drafts import GREENING
from consultations.models import Comment, ConsultationIndexPage, ConsultationPage, beijing_today
from voices.forms import FormStamp


@pytest.fixture
def consultation_index(home):
    index = ConsultationIndexPage(title="立法意见征集", slug="consultations")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_consultation(consultation_index):
    counter = {"n": 0}

    def factory(
        title="江州市城市绿化条例（修订草案征求意见稿）",
        opens=-5,
        closes=20,
        draft=GREENING,
        publish=True,
        **extra,
    ):
        counter["n"] += 1
        today = beijing_today()
        page = ConsultationPage(
            title=title,
            slug=f"draft-{counter['n']}",
            asked_by="江州市人大常委会法制工作委员会",
            contact_point="江滨区人大常委会基层立法联系点",
            explanation="<p>修订草案重点完善了绿地率和养护责任。</p>",
            opens_on=today + datetime.timedelta(days=opens),
            closes_on=today + datetime.timedelta(days=closes),
            draft_text=draft,
            **extra,
        )
        page.live = False
        consultation_index.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        return ConsultationPage.objects.get(pk=page.pk)

    return factory


@pytest.fixture
def consultation(make_consultation):
    return make_consultation()


@pytest.fixture
def make_comment():
    counter = {"n": 0}

    def factory(
        consultation,
        label=None,
        status=CommentStatus.APPROVED,
        text=None,
        name="王建国",
        contact="wang.jianguo@example.com",
    ):
        counter["n"] += 1
        article = consultation.articles.get(label=label) if label else None
        return Comment.objects.create(
            consultation=consultation,
            article=article,
            name=name,
            contact=contact,
            text=text or f"建议把临时占用绿地的期限缩短为六个月。（{counter['n']}）",
            status=status,
            form_token=f"form-{counter['n']}",
        )

    return factory


@pytest.fixture
def comment_form():
    """A valid comment form, as a browser that took a minute to fill it in."""

    def build(**overrides):
        data = {
            "article": "art-13",
            "text": "临时占用绿地一年的期限偏长，建议缩短为六个月。",
            "name": "李秀英",
            "email": "li.xiuying@example.com",
            "mobile": "",
            "privacy": "on",
            "website": "",
            "stamp": FormStamp.issue(at=time.time() - 60),
        }
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    return build
