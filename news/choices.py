from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    WORK = "work", _("工作报告")
    SURVEY = "survey", _("调研报告")
    STUDY_TOUR = "study_tour", _("考察报告")
    INSPECTION = "inspection", _("视察报告")
    ENFORCEMENT = "enforcement", _("执法检查报告")
    DUTY = "duty", _("述职报告")
    DELIBERATION = "deliberation", _("审议意见")
    OTHER = "other", _("其他报告")
