"""The accessible challenge asked only over the per-address limit (portal/challenge.py)."""

import html as html_lib
import re
import time

import pytest

from portal.challenge import NUMERALS
from voices.forms import FormStamp
from voices.models import Opinion

URL = "/voices/write/"
QUESTION = re.compile(r"请回答：(.)加(.)等于几？")


@pytest.fixture
def limited(settings):
    settings.PORTAL_RATE_LIMITS = {
        **settings.PORTAL_RATE_LIMITS,
        "voices": "1/h",
        "voices_challenged": "2/h",
    }


def challenge_of(response):
    """The question's sum and the signed field, read from the page as a person would."""
    page = response.content.decode()
    a, b = QUESTION.search(page).groups()
    signed = re.search(r'name="challenge" value="([^"]+)"', page).group(1)
    return NUMERALS.index(a) + NUMERALS.index(b), html_lib.unescape(signed)


def test_no_question_under_the_limit(client, form_data, limited):
    page = client.get(URL).content.decode()
    assert "请回答" not in page and 'name="challenge_answer"' not in page
    client.post(URL, form_data())
    assert Opinion.objects.count() == 1


def test_over_the_limit_a_right_answer_goes_through(client, form_data, limited):
    client.post(URL, form_data(website="bot"))  # the address's one post this hour
    data = form_data(text="小区东门的路灯坏了两个月，晚上出行很不方便。")
    asked = client.post(URL, data)
    assert asked.status_code == 429
    page = asked.content.decode()
    assert "为确认是您本人操作" in page and "小区东门的路灯" in page
    assert '<label for="id_challenge_answer">请回答：' in page
    assert not Opinion.objects.exists()

    total, signed = challenge_of(asked)
    wrong = client.post(URL, {**data, "challenge": signed, "challenge_answer": str(total + 1)})
    assert wrong.status_code == 429 and "问题回答不正确" in wrong.content.decode()
    assert "小区东门的路灯" in wrong.content.decode()
    assert not Opinion.objects.exists()

    total, signed = challenge_of(wrong)  # a fresh question each time
    answer = str(total).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    passed = client.post(URL, {**data, "challenge": signed, "challenge_answer": answer})
    assert passed.status_code == 200
    assert Opinion.objects.get().text.startswith("小区东门的路灯")


def test_an_answer_serves_only_its_own_form(client, form_data, limited):
    client.post(URL, form_data(website="bot"))
    asked = client.post(URL, form_data())
    total, signed = challenge_of(asked)
    other_form = form_data(stamp=FormStamp.issue(at=time.time() - 60))
    response = client.post(URL, {**other_form, "challenge": signed, "challenge_answer": total})
    assert response.status_code == 429 and "问题回答不正确" in response.content.decode()
    assert not Opinion.objects.exists()


def test_above_the_ceiling_only_waiting_helps(client, form_data, limited):
    client.post(URL, form_data(website="bot"))
    for n in range(2):  # the two answered posts the ceiling allows
        data = form_data(
            text=f"第{n}件事：楼道里的灯不亮了，老人上下楼很危险。",
            email=f"r{n}@example.com",
            stamp=FormStamp.issue(at=time.time() - 60),
        )
        total, signed = challenge_of(client.post(URL, data))
        assert (
            client.post(URL, {**data, "challenge": signed, "challenge_answer": total}).status_code
            == 200
        )
    data = form_data(email="r9@example.com", stamp=FormStamp.issue(at=time.time() - 60))
    total, signed = challenge_of(client.post(URL, data))
    response = client.post(URL, {**data, "challenge": signed, "challenge_answer": total})
    page = response.content.decode()
    assert response.status_code == 429
    assert "分钟后再试" in page and "请回答" not in page and "3号楼前的路灯" in page
    assert Opinion.objects.count() == 2
