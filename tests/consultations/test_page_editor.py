"""The page editor: editors paste the draft and save; the articles appear; a draft without
articles gives the Chinese error on the field, nothing is saved."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from consultations.demo_drafts import ELDERLY_CARE
from consultations.models import ConsultationPage, beijing_today

pytestmark = pytest.mark.django_db


def page_form(draft_text, **overrides):
    today = beijing_today()
    data = {
        "title": "江州市居家养老服务条例（草案征求意见稿）",
        "slug": "elderly-care",
        "asked_by": "江州市人大常委会社会建设委员会",
        "contact_point": "江滨区人大常委会基层立法联系点",
        "summary": "就居家养老服务条例草案征求意见。",
        "explanation": rich_text("<p>草案主要规定服务设施和助餐服务。</p>"),
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=30)).isoformat(),
        "draft_text": draft_text,
        "adoption_note": rich_text(""),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_pastes_a_draft_and_publishes(admin_client, consultation_index):
    add = reverse(
        "wagtailadmin_pages:add", args=["consultations", "consultationpage", consultation_index.pk]
    )
    form_page = admin_client.get(add).content.decode()
    assert "草案全文" in form_page and "草案文件" in form_page and "采纳情况" in form_page
    data = page_form(ELDERLY_CARE)
    data["action-publish"] = "publish"
    response = admin_client.post(add, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = ConsultationPage.objects.get(slug="elderly-care")
    assert page.live and page.articles.count() == 7
    assert page.articles.get(label="第五条").chapter == "第二章 服务设施"


def test_a_draft_without_articles_is_refused_in_chinese(admin_client, consultation_index):
    add = reverse(
        "wagtailadmin_pages:add", args=["consultations", "consultationpage", consultation_index.pk]
    )
    response = admin_client.post(add, page_form("这里还没有条文。"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "草案中没有找到条文" in html
    assert not ConsultationPage.objects.exists()


def test_editing_keeps_articles_with_comments(admin_client, consultation, make_comment):
    make_comment(consultation, "第二十一条")
    edit = reverse("wagtailadmin_pages:edit", args=[consultation.pk])
    text = consultation.draft_text.replace("第二十一条　本条例自　　年　　月　　日起施行。", "")
    data = page_form(text, title=consultation.title, slug=consultation.slug)
    data["action-publish"] = "publish"
    html = admin_client.post(edit, data).content.decode()
    assert "以下条文已经收到意见" in html and "第二十一条" in html
    assert consultation.articles.count() == 21
