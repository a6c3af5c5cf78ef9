"""Who may do what in training: centre staff set up programmes and classes, admit and
certify; a class's trainers (and staff) keep its roster, ticks and scores."""

from clubs.access import AnyUser, is_centre_staff
from sessions.models import ClubSession
from training.models import TrainingClass


def may_manage_training(user: AnyUser) -> bool:
    """Programmes, classes, admissions, certificates: centre staff."""
    return is_centre_staff(user)


def may_teach_class(user: AnyUser, training_class: TrainingClass) -> bool:
    """The class's roster, attendance ticks and scores: its trainers and centre staff."""
    if may_manage_training(user):
        return True
    return user.is_authenticated and training_class.trainers.filter(pk=user.pk).exists()


def may_scan_session(user: AnyUser, session: ClubSession) -> bool:
    """The door scanner at a training session: a trainer of a class holding it."""
    if session.kind != ClubSession.Kind.TRAINING or not user.is_authenticated:
        return False
    return TrainingClass.objects.filter(sessions=session, trainers=user).exists()
