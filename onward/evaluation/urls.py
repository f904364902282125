from django.urls import path

from onward.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("people/<uuid:person_id>/evaluations/", views.evaluations, name="list"),
    path("people/<uuid:person_id>/evaluations/<uuid:evaluation_id>/", views.evaluation_page, name="evaluation"),
    path("people/<uuid:person_id>/evaluations/<uuid:evaluation_id>/correct/", views.correct_page, name="correct"),
    path("people/<uuid:person_id>/screenings/", views.screenings, name="screenings"),
    path("people/<uuid:person_id>/screenings/item9/", views.item9, name="item9"),
    path("people/<uuid:person_id>/screenings/safety-check/", views.safety_check, name="safety-check"),
    path("people/<uuid:person_id>/screenings/<str:instrument>/", views.answer, name="answer"),
    path("programs/<uuid:program_id>/screening-settings/", views.program_settings_page, name="settings"),
]
