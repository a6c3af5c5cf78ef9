"""The consent rule (SECURITY_PRIVACY item 12), defined once as pure functions of the
facts it needs. Queryset filters (clubs.selectors) and the check-in's read
(attendance.checkin_read) restate it in SQL; tests/clubs/test_consent_rule.py holds
them equal to these functions over generated cases."""

from datetime import date

ADULT_AGE = 16  # Decree 13/2023/ND-CP: a child is under 16
ASSENT_FROM_AGE = 7  # from 7 the child's own assent is needed too


def pupil_age_in(*, birth_year: int, on_date: date) -> int:
    """Age reached during the year of on_date: we keep a year of birth, not a birth date."""
    return on_date.year - birth_year


def consent_needed(*, birth_year: int, on_date: date) -> bool:
    """Under 16 that year: a guardian's consent is needed to take part."""
    return pupil_age_in(birth_year=birth_year, on_date=on_date) < ADULT_AGE


def assent_needed(*, birth_year: int, on_date: date) -> bool:
    """7-15 that year: the child's own assent is needed on the guardian's consent."""
    age = pupil_age_in(birth_year=birth_year, on_date=on_date)
    return ASSENT_FROM_AGE <= age < ADULT_AGE


def consent_ok(*, birth_year: int, consent_assent: bool | None, on_date: date) -> bool:
    """Whether the pupil may take part on that day. `consent_assent` sums up their
    guardian consents given by that day and not withdrawn: None when there is none,
    False when there is one but none records the child's assent, True otherwise."""
    if not consent_needed(birth_year=birth_year, on_date=on_date):
        return True
    if assent_needed(birth_year=birth_year, on_date=on_date):
        return consent_assent is True
    return consent_assent is not None
