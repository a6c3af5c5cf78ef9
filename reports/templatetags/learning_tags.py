from django import template

from reports.learning import pupil_learning

register = template.Library()


@register.inclusion_tag("reports/_learning.html")
def learning_of(pupil, club):
    """The member page's "what I have learned" part (the pupil, their leader, staff)."""
    return {"learning": pupil_learning(pupil=pupil, club=club)}
