"""How materials are classified. Stable codes (stored, used in URLs and filters) with
labels translated through the UI catalogue, so every language filters the same way and
ClubSession.topic can hold the same codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    SELF_PROTECTION = "self_protection", _("Self-protection")
    DRUG_PREVENTION = "drug_prevention", _("Drug prevention")
    ABUSE_PREVENTION = "abuse_prevention", _("Abuse prevention")
    TRAFFICKING = "trafficking", _("Human trafficking prevention")
    LAW_EDUCATION = "law_education", _("Law education")
    REPRODUCTIVE_HEALTH = "reproductive_health", _("Reproductive health")
    ONLINE_SAFETY = "online_safety", _("Online safety")
    LIFE_CAREER = "life_career", _("Life and career skills")


class Format(models.TextChoices):
    SESSION_PLAN = "session_plan", _("Session plan")
    WORKSHEET = "worksheet", _("Worksheet")
    SLIDES = "slides", _("Slides")
    HANDOUT = "handout", _("Handout for pupils")
    GAME = "game", _("Game or role play")
    VIDEO = "video", _("Video")
    MOCK_TRIAL = "mock_trial", _("Mock trial case")


# Vietnamese secondary schools: lower secondary grades 6-9, upper secondary 10-12.
GRADE_MIN, GRADE_MAX = 6, 12
