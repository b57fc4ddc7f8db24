"""The public shape of each resource. Only what the public pages show: a delegate's code,
a station's internal review dates and every contact detail a page does not print are left out."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

PHOTO_RENDITION = "fill-180x240"  # the profile page's photo


class PageUrlMixin:
    def get_url(self, obj) -> str:
        return obj.get_full_url(self.context["request"])


class StationSerializer(PageUrlMixin, serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField(source="title")
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    street_id = serializers.IntegerField()
    street = serializers.CharField(source="street.name")
    address = serializers.CharField()
    latitude = serializers.FloatField(help_text=_("WGS-84"))
    longitude = serializers.FloatField(help_text=_("WGS-84"))
    opening_hours = serializers.CharField()
    contact_phone = serializers.CharField(help_text=_("联系电话：联络员电话，没有则为站点电话"))
    phone = serializers.CharField(help_text=_("站点电话"))
    head = serializers.SerializerMethodField(help_text=_("站长"))
    liaison = serializers.CharField(source="liaison_name", help_text=_("联络员"))
    liaison_phone = serializers.CharField(help_text=_("联络员电话"))
    stars = serializers.IntegerField(allow_null=True, help_text=_("最新星级，未评定为 null"))
    communities = serializers.SerializerMethodField(help_text=_("覆盖社区（村）"))
    person_ids = serializers.SerializerMethodField(help_text=_("进站代表（persons 的 id）"))
    url = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(source="last_published_at", allow_null=True)

    def get_head(self, obj) -> str:
        return obj.head(obj.memberships.all())

    def get_communities(self, obj) -> list[str]:
        return [community.name for community in obj.communities.all()]

    def get_person_ids(self, obj) -> list[int]:
        return [membership.delegate_id for membership in obj.memberships.all()]


class RoleSerializer(serializers.Serializer):
    level = serializers.CharField()
    level_label = serializers.CharField(source="get_level_display")
    term = serializers.CharField(help_text=_("届次"))
    constituency = serializers.CharField(help_text=_("选区"))
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    is_current = serializers.BooleanField()


class PersonSerializer(PageUrlMixin, serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="title")
    pinyin = serializers.CharField(source="name_pinyin")
    gender = serializers.CharField()
    photo_url = serializers.SerializerMethodField()
    levels = serializers.SerializerMethodField(help_text=_("现任代表层级"))
    roles = RoleSerializer(many=True, source="_sorted_roles")
    unit_position = serializers.CharField(help_text=_("单位及职务"))
    bio = serializers.CharField()
    delegation_group_id = serializers.IntegerField(allow_null=True)
    professional_group = serializers.CharField()
    contact_phone = serializers.CharField(help_text=_("公开联系电话"))
    station_ids = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(source="last_published_at", allow_null=True)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_photo_url(self, obj):
        if obj.photo is None:
            return None
        return self.context["request"].build_absolute_uri(
            obj.photo.get_rendition(PHOTO_RENDITION).url
        )

    def get_levels(self, obj) -> list[str]:
        return [role.level for role in obj.current_roles]

    def get_station_ids(self, obj) -> list[int]:
        return [membership.station_id for membership in obj.memberships.all()]


class OrganizationSerializer(serializers.Serializer):
    id = serializers.CharField(help_text=_("level-<层级>、group-<id> 或 station-<id>"))
    name = serializers.CharField()
    classification = serializers.ChoiceField(["level", "delegation_group", "station"])
    street_id = serializers.IntegerField(allow_null=True)
    url = serializers.URLField(allow_null=True)


class MembershipSerializer(serializers.Serializer):
    id = serializers.CharField()
    person_id = serializers.IntegerField()
    organization_id = serializers.CharField()
    role = serializers.CharField()
    label = serializers.CharField(help_text=_("如：第十六届区人大代表"))
    area = serializers.CharField(help_text=_("选区"))
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)


class ReceptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    station_id = serializers.IntegerField()
    station = serializers.CharField(source="station.title")
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    place = serializers.CharField(source="display_place")
    topic = serializers.CharField()
    person_ids = serializers.SerializerMethodField(help_text=_("接访代表（persons 的 id）"))
    liaison = serializers.CharField(source="display_liaison")
    liaison_phone = serializers.CharField(source="display_phone")
    capacity = serializers.IntegerField(allow_null=True, help_text=_("网上预约名额"))
    places_left = serializers.IntegerField(allow_null=True)
    people_received = serializers.IntegerField(allow_null=True)
    issues_raised = serializers.CharField()
    handling = serializers.CharField()
    announced_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_person_ids(self, obj) -> list[int]:
        return [delegate.pk for delegate in obj.delegates.all()]

    def get_url(self, obj) -> str:
        return f"{obj.station.get_full_url(self.context['request'])}#reception-{obj.pk}"


class PublicationSerializer(PageUrlMixin, serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(["news", "notice", "report"])
    report_kind = serializers.CharField(allow_null=True)
    date = serializers.DateTimeField()
    summary = serializers.CharField()
    url = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(source="last_published_at", allow_null=True)


class FeatureCollectionSerializer(serializers.Serializer):
    type = serializers.CharField(default="FeatureCollection")
    features = serializers.ListField(child=serializers.DictField())


class RichTextField(serializers.CharField):
    """HTML of a rich text field, with page and document links made real."""

    def to_representation(self, value):
        return expand_db_html(value or "")


class NamedPersonSerializer(serializers.Serializer):
    person_id = serializers.IntegerField(allow_null=True, help_text=_("未公开或未关联时为 null"))
    name = serializers.CharField()


class SuggestionBodySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="body_id")
    name = serializers.CharField(source="body.name")
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")


class CongressSessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    term = serializers.IntegerField()
    sitting = serializers.IntegerField(allow_null=True)
    opened_on = serializers.DateField()


class MilestoneSerializer(serializers.Serializer):
    label = serializers.CharField()
    date = serializers.DateField()
    note = serializers.CharField()


class SuggestionSerializer(PageUrlMixin, serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    session = CongressSessionSerializer()
    topic = serializers.CharField(source="topic.name", allow_null=True, default=None)
    lead_delegate = serializers.SerializerMethodField()
    cosigners = serializers.SerializerMethodField()
    bodies = SuggestionBodySerializer(many=True)
    status = serializers.CharField(source="status_code")
    status_label = serializers.SerializerMethodField()
    submitted_on = serializers.DateField()
    assigned_on = serializers.DateField(allow_null=True)
    due_on = serializers.DateField(allow_null=True)
    answered_on = serializers.DateField(allow_null=True)
    rated_on = serializers.DateField(allow_null=True)
    closed_on = serializers.DateField(allow_null=True)
    milestones = MilestoneSerializer(many=True)
    satisfaction = serializers.CharField()
    satisfaction_label = serializers.CharField(source="get_satisfaction_display")
    text = RichTextField(help_text=_("建议内容（HTML）"))
    reply = RichTextField(help_text=_("答复内容（HTML）"))
    reply_document_url = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(source="last_published_at", allow_null=True)

    @extend_schema_field(NamedPersonSerializer)
    def get_lead_delegate(self, obj):
        if obj.shown_lead:
            return {"person_id": obj.lead_delegate_id, "name": obj.lead_delegate.title}
        return {"person_id": None, "name": obj.lead_delegate_name}

    @extend_schema_field(NamedPersonSerializer(many=True))
    def get_cosigners(self, obj):
        return [
            {"person_id": c.delegate_id, "name": c.delegate.title}
            if c.shown_delegate
            else {"person_id": None, "name": c.name}
            for c in obj.cosigners.all()
        ]

    def get_status_label(self, obj) -> str:
        return str(obj.status.label)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_reply_document_url(self, obj):
        if obj.reply_document is None:
            return None
        return self.context["request"].build_absolute_uri(obj.reply_document.url)


class DraftArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField(help_text=_("第X条"))
    chapter = serializers.CharField()
    section = serializers.CharField()
    anchor = serializers.CharField()
    text = serializers.CharField()
    comment_count = serializers.IntegerField(help_text=_("已公开的意见数"))


class ConsultationSerializer(PageUrlMixin, serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    asked_by = serializers.CharField(help_text=_("征求意见单位"))
    contact_point = serializers.CharField(help_text=_("基层立法联系点"))
    summary = serializers.CharField()
    explanation = RichTextField(help_text=_("起草说明（HTML）"))
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    phase = serializers.SerializerMethodField()
    phase_label = serializers.CharField()
    comment_count = serializers.IntegerField(help_text=_("已公开的意见数"))
    whole_draft_comment_count = serializers.IntegerField(help_text=_("针对草案整体的"))
    articles = DraftArticleSerializer(many=True)
    adoption_note = RichTextField(help_text=_("采纳情况（HTML）"))
    draft_document_url = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(source="last_published_at", allow_null=True)

    @extend_schema_field(serializers.ChoiceField(["upcoming", "open", "closed"]))
    def get_phase(self, obj):
        return str(obj.phase())

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_draft_document_url(self, obj):
        if obj.draft_file is None:
            return None
        return self.context["request"].build_absolute_uri(obj.draft_file.url)
