"""Writes for attendance, by seam: checkin (scanning: checkin_record owns every check-in
rule), roster (ticks, absentees), corrections (undo, the trace of changes), guests,
devices (scanner tokens, paired phones), nonces (old stored answers purged). Queued roster
ticks: attendance.roster_services."""

from attendance.services.checkin import (
    CLOCK_SKEW,
    CheckInResult,
    checkin_record,
    checkin_refuse,
    checkin_refuse_unpaired,
    nonce_answer,
    nonce_scope,
    refusal_store,
    replayed_result,
    scan_time_believable,
)
from attendance.services.corrections import change_record, checkin_undo
from attendance.services.devices import (
    pupil_device_pair,
    scanner_device_create,
    scanner_device_mark_used,
    scanner_device_revoke,
)
from attendance.services.guests import guest_record, guest_remove
from attendance.services.nonces import checkin_nonces_purge
from attendance.services.roster import (
    attendance_close_ended_sessions,
    attendance_mark,
    attendance_mark_absentees,
)

__all__ = [
    "CLOCK_SKEW",
    "CheckInResult",
    "attendance_close_ended_sessions",
    "attendance_mark",
    "attendance_mark_absentees",
    "change_record",
    "checkin_nonces_purge",
    "checkin_record",
    "checkin_refuse",
    "checkin_refuse_unpaired",
    "checkin_undo",
    "guest_record",
    "guest_remove",
    "nonce_answer",
    "nonce_scope",
    "pupil_device_pair",
    "refusal_store",
    "replayed_result",
    "scan_time_believable",
    "scanner_device_create",
    "scanner_device_mark_used",
    "scanner_device_revoke",
]
