from django.urls import path

from clubs import views, views_roster, views_schools

app_name = "clubs"

member = "<slug:slug>/members/<int:pupil_id>/"

urlpatterns = [
    path("", views.my_clubs, name="my_clubs"),
    path("me/", views.my_page, name="my_page"),
    path("me/card/", views.my_card, name="my_card"),
    path("schools/import/", views_schools.school_import, name="school_import"),
    path("<slug:slug>/", views.club_detail, name="club_detail"),
    path("<slug:slug>/members/add/", views.member_add, name="member_add"),
    path(member, views.member_detail, name="member_detail"),
    path(member + "edit/", views.member_edit, name="member_edit"),
    path(member + "archive/", views.member_archive, name="member_archive"),
    path(member + "move/", views.member_move, name="member_move"),
    path(member + "consent/", views.consent_add, name="consent_add"),
    path(member + "consent/<int:consent_id>/withdraw/", views.consent_withdraw,
         name="consent_withdraw"),
    path(member + "board/", views.board_assign, name="board_assign"),
    path(member + "board/<int:seat_id>/end/", views.board_end, name="board_end"),
    path(member + "notes/add/", views.note_add, name="note_add"),
    path(member + "card/", views.member_card, name="member_card"),
    path(member + "card/reissue/", views.card_reissue, name="card_reissue"),
    path(member + "export.json", views.member_export_json, name="member_export_json"),
    path(member + "erase/", views.member_erase, name="member_erase"),
    path("<slug:slug>/cards/", views_roster.card_sheet, name="card_sheet"),
    path("<slug:slug>/cards/issue-missing/", views_roster.cards_issue_missing,
         name="cards_issue_missing"),
    path("<slug:slug>/import/", views_roster.import_upload, name="import_upload"),
    path("<slug:slug>/import/<uuid:pk>/", views_roster.import_preview, name="import_preview"),
    path("<slug:slug>/export.<str:file_format>", views_roster.roster_export, name="roster_export"),
]
