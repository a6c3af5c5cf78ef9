from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    def ready(self):
        from attendance import participants
        from training.checkin import CARD_READER, participant_checkin

        participants.register(participant_checkin)
        participants.card_reader_register(CARD_READER)

        from sessions import plan_warnings
        from training.qualifications import facilitator_warnings

        plan_warnings.register(facilitator_warnings)

        from reports.sections import report_section_register
        from training.figures import training_report_section

        report_section_register(training_report_section)

        from reports.learning import pupil_training_hook_register
        from training.selectors import pupil_completed_classes

        pupil_training_hook_register(pupil_completed_classes)
