import logging

from django_tasks import task

from clubs.retention import pupils_retention_run

logger = logging.getLogger(__name__)


@task()
def retention_run() -> int:
    """Nightly: anonymise former members whose retention period is over."""
    anonymised = pupils_retention_run()
    logger.info("retention run: %d former members anonymised", anonymised)
    return anonymised
