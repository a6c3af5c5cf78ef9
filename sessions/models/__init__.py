"""Scheduled club sessions, their series, mock trials and calendar feed tokens.

(No model is called "Session": Django's own sessions app has that word.)
"""

from sessions.models.club_session import ClubSession
from sessions.models.feeds import FeedState, MemberFeedToken, UserFeedToken
from sessions.models.programmes import TrainingModule, TrainingProgramme
from sessions.models.series import SessionSeries
from sessions.models.trials import MockTrial, MockTrialAudience, MockTrialCast

__all__ = [
    "ClubSession",
    "FeedState",
    "MemberFeedToken",
    "MockTrial",
    "MockTrialAudience",
    "MockTrialCast",
    "SessionSeries",
    "TrainingModule",
    "TrainingProgramme",
    "UserFeedToken",
]
