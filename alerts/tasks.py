import logging

from django_tasks import task

from alerts.services import weekly_digest_send

logger = logging.getLogger(__name__)


@task()
def weekly_digest() -> int:
    """Weekly: each leader gets the members of their clubs who may be drifting away."""
    sent = weekly_digest_send()
    logger.info("weekly digest: %d leaders written to", sent)
    return sent
