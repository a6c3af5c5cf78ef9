from django.urls import path

from training import views, views_setup

app_name = "training"

urlpatterns = [
    path("manage/", views.manage, name="manage"),
    path("manage/programmes/", views_setup.programmes, name="programmes"),
    path("manage/programmes/new/", views_setup.programme_edit, name="programme_new"),
    path("manage/programmes/<int:pk>/", views_setup.programme_edit, name="programme_edit"),
    path("manage/classes/new/", views_setup.class_edit, name="class_new"),
    path("manage/<slug:slug>/edit/", views_setup.class_edit, name="class_edit"),
    path("manage/<slug:slug>/edit/sessions/", views_setup.class_session_add,
         name="class_session_add"),
    path("manage/figures/", views_setup.figures, name="figures"),
    path("manage/<slug:slug>/feedback/", views_setup.feedback_open, name="feedback_open"),
    path("feedback/<str:token>/", views_setup.feedback_answer, name="feedback"),
    path("manage/qualifications/", views_setup.qualifications, name="qualifications"),
    path("manage/participants/<int:pk>/", views_setup.participant_detail, name="participant"),
    path("manage/participants/<int:pk>/export.json", views_setup.participant_export,
         name="participant_export"),
    path("manage/participants/<int:pk>/erase/", views_setup.participant_erase,
         name="participant_erase"),
    path("manage/<slug:slug>/import/", views_setup.nominees_import, name="import"),
    path("manage/<slug:slug>/certificates/batch/", views_setup.batch_start,
         name="batch_start"),
    path("batches/<int:pk>/", views_setup.batch_progress, name="batch"),
    path("teaching/", views_setup.teaching, name="teaching"),
    path("manage/<slug:slug>/", views.class_detail, name="class"),
    path("manage/<slug:slug>/enrolments/<int:pk>/<str:action>/", views.decide, name="decide"),
    path("manage/<slug:slug>/sessions/<int:session_id>/", views.session_roster, name="session"),
    path("manage/<slug:slug>/completion/", views.completion, name="completion"),
    path("manage/<slug:slug>/assessments/", views.assessments, name="assessments"),
    path("manage/<slug:slug>/certificates/", views.certificates_issue, name="issue"),
    path("certificates/<int:pk>.pdf", views.certificate_pdf_staff, name="certificate_pdf"),
    path("certificates/<int:pk>/revoke/", views.certificate_revoke, name="revoke"),
    path("certificates/<int:pk>/reissue/", views.certificate_reissue, name="reissue"),
    path("me/<str:key>/", views.me, name="me"),
    path("me/<str:key>/calendar.ics", views.me_calendar, name="me_calendar"),
    path("me/<str:key>/certificates/<str:code>.pdf", views.me_certificate_pdf, name="me_pdf"),
    path("me/<str:key>/withdraw/<int:pk>/", views.me_withdraw, name="me_withdraw"),
    path("<slug:slug>/apply/", views.apply, name="apply"),
]
