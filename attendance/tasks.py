"""Background jobs (django-tasks: the database backend in production)."""

import logging

from django_tasks import task

from attendance.services import attendance_close_ended_sessions

logger = logging.getLogger(__name__)


@task()
def close_ended_sessions() -> int:
    marked = attendance_close_ended_sessions()
    logger.info("closed ended sessions: %d members marked absent", marked)
    return marked
