from django_tasks import task

from clubs.retention import pupils_retention_run


@task()
def retention_run() -> int:
    """Nightly: anonymise former members whose retention period is over."""
    return pupils_retention_run()
