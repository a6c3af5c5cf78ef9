from django_tasks import task

from alerts.services import weekly_digest_send


@task()
def weekly_digest() -> int:
    """Weekly: each leader gets the members of their clubs who may be drifting away."""
    return weekly_digest_send()
