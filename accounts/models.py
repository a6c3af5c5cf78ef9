from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in. What they may see in a club is decided in clubs.access,
    from their role here and their club assignments (leader, board, membership)."""

    class Role(models.TextChoices):
        CENTRE_STAFF = "centre_staff", _("Centre staff")
        LEADER = "leader", _("Club leader")
        FACILITATOR = "facilitator", _("Facilitator or volunteer")
        PUPIL = "pupil", _("Pupil")

    # Accounts that get the leader's tools (has_leader_role; the facilitator choices).
    LEADER_ROLES = (Role.CENTRE_STAFF, Role.LEADER, Role.FACILITATOR)

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PUPIL)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name or self.get_full_name() or self.username

    @property
    def is_centre_staff(self) -> bool:
        return self.is_active and (self.is_superuser or self.role == self.Role.CENTRE_STAFF)

    @property
    def is_pupil_account(self) -> bool:
        """An account made for a pupil (linked to their record in clubs)."""
        return self.role == self.Role.PUPIL

    @property
    def has_leader_role(self) -> bool:
        """Centre staff, or an account made for a leader or facilitator, whatever clubs
        they lead today: they get the leader's tools (sessions, scanner, devices). What
        they may see of a club is still clubs.access's answer. No query."""
        return self.is_active and (self.is_superuser or self.role in self.LEADER_ROLES)
