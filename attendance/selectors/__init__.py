"""Reads for attendance, by seam: sessions (open sessions, windows, who may run them),
pupils (paired phones, who is expected), live (what a leader sees), reports (figures
for other apps). The check-in's own locked read is attendance.checkin_read."""

from attendance.checkin_read import CheckinWindow
from attendance.selectors.devices import scanner_device_for_token
from attendance.selectors.live import (
    attendance_counts,
    attendance_history,
    guests_for_session,
    live_fingerprint,
    live_state,
    refusals_for_leader,
)
from attendance.selectors.pupils import (
    expected_members,
    paired_phone_by_key,
    pending_pupil_ids,
    pupil_device_by_key,
    session_and_phone_for_pupil_checkin,
)
from attendance.selectors.reports import (
    REPORT_ATTENDED,
    member_attendance_history,
    pupil_attendance_export,
    pupil_sessions_attended,
    pupils_who_came,
    report_attendance_by_club,
    report_guests,
    report_reached,
)
from attendance.selectors.sessions import (
    checkin_window,
    leader_open_sessions,
    open_sessions,
    session_for_actor,
    session_for_checkin,
    session_for_pupil_checkin,
    sessions_for_leader,
)

__all__ = [
    "REPORT_ATTENDED",
    "CheckinWindow",
    "attendance_counts",
    "attendance_history",
    "checkin_window",
    "expected_members",
    "guests_for_session",
    "leader_open_sessions",
    "live_fingerprint",
    "live_state",
    "member_attendance_history",
    "open_sessions",
    "paired_phone_by_key",
    "pending_pupil_ids",
    "pupil_attendance_export",
    "pupil_device_by_key",
    "pupil_sessions_attended",
    "pupils_who_came",
    "refusals_for_leader",
    "scanner_device_for_token",
    "report_attendance_by_club",
    "report_guests",
    "report_reached",
    "session_for_actor",
    "session_for_checkin",
    "session_and_phone_for_pupil_checkin",
    "session_for_pupil_checkin",
    "sessions_for_leader",
]
