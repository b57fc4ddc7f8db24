"""Editors paste or upload the draft; on save the articles are (re)built, keeping the rows
(and comments) of articles that stay, refusing to drop articles that have comments."""

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from consultations.choices import CommentStatus
from consultations.demo_drafts import ELDERLY_CARE, GREENING
from consultations.models import Comment, DraftArticle

pytestmark = pytest.mark.django_db


def test_saving_builds_the_articles(consultation):
    articles = list(consultation.articles.all())
    assert len(articles) == 21
    assert [a.label for a in articles[:2]] == ["第一条", "第二条"]
    assert articles[5].chapter == "第二章 规划和建设" and articles[5].section == "第一节 规划"
    assert articles[0].anchor == "art-1" and articles[20].anchor == "art-21"
    assert consultation.preamble == "江州市城市绿化条例（修订草案征求意见稿）"


def test_no_article_gives_a_chinese_error(make_consultation):
    page = make_consultation(publish=False)
    page.draft_text = "本草案正在起草中，敬请期待。"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "没有找到条文" in " ".join(error.value.message_dict["draft_text"])


def test_closing_before_opening_is_refused(consultation):
    consultation.closes_on = consultation.opens_on.replace(year=consultation.opens_on.year - 1)
    with pytest.raises(ValidationError) as error:
        consultation.full_clean()
    assert "截止日期不能早于开始日期" in str(error.value)


def test_reparsing_keeps_rows_and_comments_of_articles_that_stay(consultation, make_comment):
    comment = make_comment(consultation, "第十三条")
    old = consultation.articles.get(label="第十三条")
    consultation.draft_text = GREENING.replace("占用期限不得超过一年", "占用期限不得超过六个月")
    consultation.save_revision().publish()
    new = DraftArticle.objects.get(consultation=consultation, label="第十三条")
    assert new.pk == old.pk and "六个月" in new.text
    comment.refresh_from_db()
    assert comment.article_id == old.pk


def test_reparsing_may_drop_articles_without_comments(consultation):
    text = GREENING.replace("第二十一条　本条例自　　年　　月　　日起施行。", "")
    consultation.draft_text = text
    consultation.save_revision().publish()
    assert consultation.articles.count() == 20


def test_reparsing_refuses_to_drop_an_article_with_comments(consultation, make_comment):
    make_comment(consultation, "第二十一条", status=CommentStatus.PENDING)
    consultation.draft_text = GREENING.replace("第二十一条　本条例自　　年　　月　　日起施行。", "")
    with pytest.raises(ValidationError) as error:
        consultation.full_clean()
    message = " ".join(error.value.message_dict["draft_text"])
    assert "第二十一条" in message and "已经收到意见" in message
    assert DraftArticle.objects.filter(consultation=consultation).count() == 21


def test_after_moving_its_comments_to_the_whole_draft_an_article_may_go(consultation, make_comment):
    comment = make_comment(consultation, "第二十一条")
    Comment.objects.filter(pk=comment.pk).update(article=None)
    consultation.draft_text = GREENING.replace("第二十一条　本条例自　　年　　月　　日起施行。", "")
    consultation.full_clean()
    consultation.save_revision().publish()
    assert consultation.articles.count() == 20
    assert Comment.objects.get(pk=comment.pk).article is None


def test_deleting_a_consultation_deletes_its_articles_and_comments(consultation, make_comment):
    make_comment(consultation, "第一条")
    consultation.delete()
    assert not Comment.objects.exists() and not DraftArticle.objects.exists()


def _document(name, data) -> Document:
    document = Document(title=name)
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    return document


def _docx(text) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_uploaded_word_file_replaces_the_text_once(consultation):
    consultation.draft_file = _document("draft.docx", _docx(ELDERLY_CARE))
    consultation.save_revision().publish()
    consultation.refresh_from_db()
    assert consultation.draft_text.startswith("江州市居家养老服务条例")
    assert consultation.articles.count() == 7
    # Later edits of the text stay: the same file is not read again.
    consultation.draft_text = consultation.draft_text.replace("二十平方米", "三十平方米")
    consultation.save_revision().publish()
    consultation.refresh_from_db()
    assert "三十平方米" in consultation.articles.get(label="第四条").text


def test_an_uploaded_text_file_in_gb18030(consultation):
    consultation.draft_file = _document("draft.txt", ELDERLY_CARE.encode("gb18030"))
    consultation.save_revision().publish()
    assert consultation.articles.count() == 7


def test_other_files_are_refused_on_the_file_field(consultation):
    consultation.draft_file = _document("draft.pdf", b"%PDF-1.4")
    with pytest.raises(ValidationError) as error:
        consultation.full_clean()
    assert ".docx" in " ".join(error.value.message_dict["draft_file"])
