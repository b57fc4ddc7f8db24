"""The handling bodies' record (motions/figures.py) and the 履职 points a suggestion earns its
lead delegate (motions/records.py through the points rule table)."""

import datetime

import pytest

from delegates import points
from delegates.models import PerformanceRecord
from motions.figures import body_figures, figures_for
from motions.models import BodyRole, Satisfaction
from voices.models import HandlingBody

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2025, 6, 1)


def test_body_figures(make_suggestion, handling_body):
    other = HandlingBody.objects.create(name="区民政局")
    both = [(handling_body, BodyRole.LEAD), (other, BodyRole.ASSIST)]
    answered = {"assigned_on": D(2025, 2, 1), "due_on": D(2025, 5, 1)}
    # Answered on time and rated 满意 (assisted by the other body).
    rated = {"rated_on": D(2025, 5, 25), **answered}
    make_suggestion(bodies=both, answered_on=D(2025, 4, 1), satisfaction="satisfied", **rated)
    # Answered late, rated 不满意.
    make_suggestion(answered_on=D(2025, 5, 20), satisfaction="unsatisfied", **rated)
    make_suggestion(assigned_on=D(2025, 2, 1), due_on=D(2025, 5, 1))  # overdue
    make_suggestion(bodies=[(other, BodyRole.LEAD)], assigned_on=D(2025, 5, 1))
    make_suggestion(answered_on=D(2025, 4, 1), publish=False)  # a draft counts nowhere

    mine = body_figures(handling_body, TODAY)
    assert (mine.total, mine.lead, mine.answered, mine.on_time, mine.overdue) == (3, 3, 2, 1, 1)
    assert (mine.rated, mine.satisfied, mine.unsatisfied) == (2, 1, 1)
    assert mine.on_time_share == 50.0 and mine.satisfied_share == 50.0
    assert mine.basically_share == 0.0

    figures = figures_for([handling_body, other], TODAY)
    assert (figures[other.pk].total, figures[other.pk].lead) == (2, 1)
    nobody = HandlingBody.objects.create(name="区教育局")
    empty = figures_for([nobody.pk], TODAY)[nobody.pk]
    assert empty.total == 0 and empty.on_time_share is None and empty.satisfied_share is None


def test_body_pages_show_the_figures(client, make_suggestion, handling_body):
    make_suggestion(
        title="关于路灯维修的建议",
        assigned_on=D(2025, 2, 1),
        due_on=D(2025, 5, 1),
        answered_on=D(2025, 4, 1),
        rated_on=D(2025, 4, 5),
        satisfaction=Satisfaction.BASICALLY,
    )
    html = client.get("/suggestions/bodies/").content.decode()
    assert handling_body.name in html and f"/suggestions/bodies/{handling_body.pk}/" in html
    html = client.get(f"/suggestions/bodies/{handling_body.pk}/").content.decode()
    assert "关于路灯维修的建议" in html
    assert "按期答复率" in html and "100%" in html


def test_publishing_records_points_for_the_lead_delegate(make_suggestion, make_delegate, rules):
    lead = make_delegate(name="王建国")
    cosigner = make_delegate(name="李明华")
    page = make_suggestion(
        title="关于加装电梯的建议",
        lead_delegate=lead,
        cosigners=[cosigner],
        submitted_on=D(2025, 1, 12),
    )
    record = PerformanceRecord.objects.get(delegate=lead)
    assert record.kind == "suggestion" and record.date == D(2025, 1, 12)
    assert record.title == "领衔提出建议：关于加装电梯的建议"
    assert record.link_page_id == page.pk
    # The rule table has one line for suggestions: co-signers are not credited.
    assert not PerformanceRecord.objects.filter(delegate=cosigner).exists()
    score = points.scores_for([lead.pk], 2025)[lead.pk]
    assert score.counts.get("suggestion") == 1 and score.total == 5

    # Publishing again changes nothing; a new lead delegate takes the record over.
    page.save_revision().publish()
    assert PerformanceRecord.objects.filter(source=f"suggestion:{page.pk}").count() == 1
    page.lead_delegate = cosigner
    page.save_revision().publish()
    assert list(PerformanceRecord.objects.values_list("delegate_id", flat=True)) == [cosigner.pk]

    # Unpublishing withdraws it; the points fall back.
    page.unpublish()
    assert not PerformanceRecord.objects.exists()
    assert points.scores_for([cosigner.pk], 2025)[cosigner.pk].total == 0


def test_record_withdrawn_when_the_suggestion_is_restricted(make_suggestion, make_delegate):
    from wagtail.models import PageViewRestriction

    lead = make_delegate(name="王建国")
    page = make_suggestion(lead_delegate=lead)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert not PerformanceRecord.objects.filter(delegate=lead).exists()
    restriction.delete()
    assert PerformanceRecord.objects.filter(delegate=lead).count() == 1


def test_no_record_without_a_linked_delegate(make_suggestion):
    make_suggestion(lead_delegate_name="赵六")
    assert not PerformanceRecord.objects.exists()
