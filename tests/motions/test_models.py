"""The data model and the one status rule (motions/status.py): the Python value of one
suggestion and the SQL annotation of a list always agree."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError

from motions.models import CongressSession, Satisfaction, SuggestionPage
from motions.status import Status, status_of

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 1)
D = datetime.date


class Milestones:
    def __init__(self, **dates):
        for name in ("assigned_on", "due_on", "answered_on", "rated_on", "closed_on"):
            setattr(self, name, dates.get(name))


@pytest.mark.parametrize(
    "dates, expected",
    [
        ({}, Status.SUBMITTED),
        ({"assigned_on": D(2025, 2, 1)}, Status.ASSIGNED),
        ({"assigned_on": D(2025, 2, 1), "due_on": D(2025, 7, 1)}, Status.ASSIGNED),
        ({"assigned_on": D(2025, 2, 1), "due_on": D(2025, 5, 31)}, Status.OVERDUE),
        ({"assigned_on": D(2025, 2, 1), "due_on": TODAY}, Status.ASSIGNED),
        ({"due_on": D(2025, 5, 1), "answered_on": D(2025, 5, 20)}, Status.ANSWERED),
        ({"answered_on": D(2025, 5, 1), "rated_on": D(2025, 5, 5)}, Status.RATED),
        ({"answered_on": D(2025, 5, 1), "closed_on": D(2025, 5, 9)}, Status.CLOSED),
        ({"due_on": D(2025, 1, 1), "closed_on": D(2025, 5, 9)}, Status.CLOSED),
    ],
)
def test_status_is_the_latest_milestone_or_overdue(dates, expected):
    assert status_of(Milestones(**dates), TODAY) == expected


def test_python_rule_and_sql_annotation_agree(make_suggestion):
    values = {
        "assigned_on": (None, D(2025, 2, 1)),
        "due_on": (None, D(2025, 5, 1), D(2025, 8, 1)),
        "answered_on": (None, D(2025, 5, 10)),
        "rated_on": (None, D(2025, 5, 20)),
        "closed_on": (None, D(2025, 5, 25)),
    }
    pages = []
    for combo in itertools.product(*values.values()):
        dates = dict(zip(values, combo, strict=True))
        pages.append(make_suggestion(submitted_on=D(2025, 1, 12), **dates))
    annotated = {p.pk: p.status_code for p in SuggestionPage.objects.with_status(TODAY)}
    for page in pages:
        assert annotated[page.pk] == status_of(page, TODAY).value, page.__dict__
    assert set(annotated.values()) == set(Status.values)


def test_status_property_uses_the_annotation_when_present(make_suggestion):
    page = make_suggestion(assigned_on=D(2025, 2, 1), due_on=D(2025, 3, 1))
    assert page.status == Status.OVERDUE
    annotated = SuggestionPage.objects.with_status().get(pk=page.pk)
    assert annotated.status_code == "overdue" and annotated.status.label == "超期"


def test_milestones_must_be_in_order(congress_session):
    page = SuggestionPage(
        title="关于测试的建议",
        number="T-1",
        session=congress_session,
        text="<p>内容</p>",
        lead_delegate_name="李代表",
        submitted_on=D(2025, 3, 1),
        assigned_on=D(2025, 2, 1),
        due_on=D(2025, 1, 1),
        satisfaction=Satisfaction.SATISFIED,
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert set(error.value.message_dict) == {"assigned_on", "due_on", "rated_on"}
    assert "日期不能早于前一个办理环节。" in error.value.message_dict["assigned_on"]


def test_congress_session_interim_and_ordering(db):
    older = CongressSession.objects.create(
        name="第十六届人民代表大会第一次会议",
        short_name="十六届一次",
        term=16,
        sitting=1,
        opened_on=D(2022, 1, 5),
    )
    interim = CongressSession.objects.create(
        name="第十六届人大闭会期间(2022)", short_name="闭会期间", term=16, opened_on=D(2022, 2, 1)
    )
    assert interim.is_interim and not older.is_interim
    assert list(CongressSession.objects.all()) == [interim, older]


def test_timeline_lists_reached_milestones_in_order(make_suggestion):
    page = make_suggestion(
        lead_delegate_name="王代表",
        assigned_on=D(2025, 2, 1),
        due_on=D(2025, 5, 1),
        answered_on=D(2025, 4, 1),
        rated_on=D(2025, 4, 20),
        satisfaction=Satisfaction.BASICALLY,
    )
    steps = [(str(s["label"]), s["date"], str(s["note"])) for s in page.milestones()]
    assert steps == [
        ("提出", D(2025, 1, 12), "王代表"),
        ("交办", D(2025, 2, 1), "办理期限：2025-05-01"),
        ("答复", D(2025, 4, 1), ""),
        ("满意度测评", D(2025, 4, 20), "基本满意"),
    ]
