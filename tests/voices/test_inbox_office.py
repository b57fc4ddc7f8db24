"""The inbox for the office: search and filters, the XLSX export of the filtered list (and its
audit log), the overdue dashboard; a liaison never sees or exports another station's opinions."""

import datetime
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Group
from freezegun import freeze_time
from wagtail.models import ModelLogEntry

from delegates.liaisons import liaison_group_name
from voices import workflow
from voices.models import HandlingBody, OpinionTopic

pytestmark = pytest.mark.django_db

TODAY = "2026-03-18 10:00"  # a Wednesday without holidays around it


@pytest.fixture
def stations(make_station):
    return make_station(title="东城联络站"), make_station(title="西城联络站")


@pytest.fixture
def liaison(django_user_model, stations):
    user = django_user_model.objects.create_user("east", email="east@example.cn", password="pw")
    user.groups.add(Group.objects.get(name=liaison_group_name(stations[0])))
    return user


@pytest.fixture
def editor(django_user_model, stations):
    user = django_user_model.objects.create_user("editor", password="pw")
    user.groups.add(Group.objects.get(name="编辑"))
    return user


@pytest.fixture
def opinions(make_opinion, stations, body, admin_user, settings):
    """East: one overdue (body), one due in two working days (body), one answered, one e-mail
    sender still unconfirmed, one phone sender waiting for the call. West: one overdue."""
    settings.VOICES_REMIND_BEFORE_DAYS = 3
    east, west = stations
    other_body = HandlingBody.objects.create(name="区城市管理局", contact_email="cg@example.cn")
    made = {}
    with freeze_time("2026-03-02 09:00"):
        for key, station, text, community, to, due in [
            ("late", east, "东城路灯坏了三个月。", "东风社区", body, datetime.date(2026, 3, 13)),
            (
                "soon",
                east,
                "东城垃圾清运不及时。",
                "红星社区",
                other_body,
                datetime.date(2026, 3, 20),
            ),
            ("done", east, '=HYPERLINK("http://x")东城噪音', "东风社区", body, None),
            ("west", west, "西城的井盖丢失。", "西湖社区", body, datetime.date(2026, 3, 10)),
        ]:
            opinion, _ = workflow.confirm(
                make_opinion(station=station, text=text, community=community)
            )
            workflow.accept(opinion, admin_user)
            made[key] = workflow.assign(opinion, admin_user, body=to, due_date=due)
    with freeze_time("2026-03-06 15:00"):  # UTC: 23:00 in Beijing
        made["done"] = workflow.answer(made["done"], admin_user, "已经处理。")
    made["unconfirmed"] = make_opinion(station=east, text="东城未确认的邮件来信。")
    made["phone"] = make_opinion(station=east, text="东城待电话核实的来信。", email="")
    return made


def listed(client, query=""):
    with freeze_time(TODAY):
        return client.get(f"/admin/voices/{query}").content.decode()


def test_unconfirmed_email_senders_are_hidden_unless_asked(client, liaison, opinions):
    client.force_login(liaison)
    html = listed(client)
    assert "东城路灯坏了" in html and "东城待电话核实的来信" in html
    assert "东城未确认的邮件来信" not in html
    assert "东城未确认的邮件来信" in listed(client, "?pending=on")
    assert "东城未确认的邮件来信" in listed(client, "?status=pending")


def test_search_by_number_text_and_community(client, liaison, opinions):
    client.force_login(liaison)
    html = listed(client, f"?q={opinions['late'].number}")
    assert "东城路灯坏了" in html and "东城垃圾清运" not in html
    html = listed(client, "?q=垃圾清运")
    assert "东城垃圾清运" in html and "东城路灯坏了" not in html
    html = listed(client, "?q=红星社区")
    assert "东城垃圾清运" in html and "东城路灯坏了" not in html
    assert "西城的井盖" not in listed(client, "?q=井盖")  # another station's


def test_export_button_carries_the_current_filters(client, liaison, opinions):
    client.force_login(liaison)
    html = listed(client, "?status=overdue&q=%E8%B7%AF%E7%81%AF&p=1")
    action = re.search(r'<form method="post" action="([^"]+)" class="voices-export">', html)
    assert action.group(1) == "/admin/voices/export/?status=overdue&amp;q=%E8%B7%AF%E7%81%AF"


def test_filters_by_body_topic_due_dates_and_due_soon(client, liaison, opinions):
    client.force_login(liaison)
    other_body = HandlingBody.objects.get(name="区城市管理局")
    html = listed(client, f"?body={other_body.pk}")
    assert "东城垃圾清运" in html and "东城路灯坏了" not in html
    topic = OpinionTopic.objects.get_or_create(name="环境保护")[0]
    assert "没有符合条件的来信" in listed(client, f"?topic={topic.pk}")
    html = listed(client, "?due_from=2026-03-12&due_to=2026-03-14")
    assert "东城路灯坏了" in html and "东城垃圾清运" not in html
    html = listed(client, "?status=due_soon")
    assert "东城垃圾清运" in html and "东城路灯坏了" not in html
    html = listed(client, "?status=overdue")
    assert "东城路灯坏了" in html and "东城垃圾清运" not in html and "西城的井盖" not in html


def export(client, query="", contacts=False):
    with freeze_time(TODAY):
        response = client.post(
            f"/admin/voices/export/{query}", {"contacts": "on"} if contacts else {}
        )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment;" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["群众来信"]
    return [list(row) for row in sheet.iter_rows(values_only=True)], sheet


def test_export_is_the_filtered_list_without_contacts(client, liaison, opinions):
    client.force_login(liaison)
    rows, _sheet = export(client, "?q=东城路灯")
    header, *data = rows
    assert header[:3] == ["受理编号", "提交时间", "确认时间"]
    assert "来信人姓名" not in header and "电子邮箱" not in header
    assert len(data) == 1
    row = dict(zip(header, data[0], strict=True))
    assert row["受理编号"] == opinions["late"].number
    assert row["联络站"] == "东城联络站" and row["类别"] == "城市建设"
    assert row["状态"] == "已交办" and row["承办单位"] == "区住房和城乡建设局"
    assert row["办理期限"] == "2026-03-13" and row["已超期"] == "是"
    assert row["意见内容"] == "东城路灯坏了三个月。"
    assert "resident@example.com" not in str(rows)
    entry = ModelLogEntry.objects.get(action="voices.export")
    assert entry.user == liaison and entry.data["count"] == 1 and entry.data["contacts"] is False
    assert not ModelLogEntry.objects.filter(action="voices.export_contact").exists()


def test_export_answered_figures_and_text_stays_text(client, liaison, opinions):
    client.force_login(liaison)
    rows, sheet = export(client, "?status=answered")
    header, *data = rows
    row = dict(zip(header, data[0], strict=True))
    # Confirmed Monday 2 March, answered Friday 6 March: four working days.
    assert row["办理用时（工作日）"] == 4 and row["首次答复时间"] == "2026-03-06 23:00"
    assert row["状态"] == "已答复" and row["满意度"] in ("", None)
    text_cell = sheet.cell(row=2, column=header.index("意见内容") + 1)
    assert text_cell.data_type == "s" and text_cell.value.startswith("=HYPERLINK")


def test_export_with_contacts_is_logged_per_opinion(client, liaison, opinions):
    client.force_login(liaison)
    rows, _sheet = export(client, "?status=overdue", contacts=True)
    header, *data = rows
    assert header[-3:] == ["来信人姓名", "手机号码", "电子邮箱"]
    assert [r[0] for r in data] == [opinions["late"].number]  # never the west station's
    assert data[0][-3:] == ["李居民", None, "resident@example.com"]
    entries = ModelLogEntry.objects.filter(action="voices.export_contact")
    assert [(e.object_id, e.user) for e in entries] == [(str(opinions["late"].pk), liaison)]
    export_entry = ModelLogEntry.objects.get(action="voices.export")
    assert export_entry.data["contacts"] is True and export_entry.uuid == entries[0].uuid


def test_liaison_cannot_export_another_station(client, liaison, stations, opinions):
    client.force_login(liaison)
    rows, _sheet = export(client, f"?station={stations[1].pk}", contacts=True)
    numbers = {r[0] for r in rows[1:]}
    assert opinions["west"].number not in numbers
    assert opinions["late"].number in numbers  # a station filter outside the scope is ignored
    assert client.get("/admin/voices/export/").status_code == 405


def test_overdue_dashboard_for_the_office(client, editor, stations, opinions, body):
    client.force_login(editor)
    with freeze_time(TODAY):
        html = client.get("/admin/voices/overdue/").content.decode()
    assert "全部联络站" in html
    east, west = stations
    assert f'?status=overdue&amp;station={east.pk}">1</a>' in html
    assert f'?status=overdue&amp;station={west.pk}">1</a>' in html
    assert f'?status=due_soon&amp;station={east.pk}">1</a>' in html
    assert f'?status=overdue&amp;body={body.pk}">2</a>' in html  # east and west
    assert opinions["west"].number in html and opinions["late"].number in html


def test_overdue_dashboard_of_a_liaison_is_their_station(client, liaison, stations, opinions):
    client.force_login(liaison)
    with freeze_time(TODAY):
        html = client.get("/admin/voices/overdue/").content.decode()
        home = client.get("/admin/").content.decode()
    assert "东城联络站" in html and "西城联络站" not in html
    assert opinions["late"].number in html and opinions["west"].number not in html
    assert "已超期 1 件，即将到期 1 件。" in home


def test_opinion_page_lists_the_reminders_sent(
    client, liaison, opinions, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    with freeze_time(TODAY), django_capture_on_commit_callbacks(execute=True):
        call_command("voices_remind", stdout=io.StringIO())
    client.force_login(liaison)
    html = client.get(f"/admin/voices/{opinions['late'].pk}/").content.decode()
    assert "督办提醒" in html and "超期提醒" in html and "east@example.cn" in html
    # The page's heading names the opinion (the header include takes no `heading` variable).
    assert f'<span class="w-header__subtitle">{opinions["late"].number}</span>' in html
