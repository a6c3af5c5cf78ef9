"""Types shared by the attendance services."""

from django.contrib.auth.models import AnonymousUser

from accounts.models import User

# Who did it: a signed-in user, an anonymous request (a pupil's phone) or nobody (a task).
Actor = User | AnonymousUser | None
