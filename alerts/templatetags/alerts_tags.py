from django import template

from alerts.selectors import warnings_for_clubs
from clubs.access import led_club_ids
from clubs.selectors import clubs_by_ids

register = template.Library()


@register.inclusion_tag("alerts/_dashboard.html")
def early_warnings(user):
    """The leader's dashboard block: members of the clubs they lead drifting away."""
    if not user.is_authenticated:
        return {"warnings": []}
    clubs = clubs_by_ids(club_ids=led_club_ids(user))
    names = {c.pk: c for c in clubs}
    return {"warnings": [(names[w.club_id], w) for w in warnings_for_clubs(club_ids=names)],
            "clubs": clubs}
