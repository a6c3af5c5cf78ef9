"""Background jobs (django-tasks: the database backend in production)."""

from django_tasks import task

from attendance.services import attendance_close_ended_sessions


@task()
def close_ended_sessions() -> int:
    return attendance_close_ended_sessions()
