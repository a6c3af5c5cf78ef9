"""Background jobs (django-tasks: the database backend in production)."""

import logging

from django_tasks import task

from training.retention import participants_retention_run

logger = logging.getLogger(__name__)


@task()
def retention_run() -> int:
    """Nightly: erase former participants whose retention period is over."""
    erased = participants_retention_run()
    logger.info("training retention run: %d former participants erased", erased)
    return erased
