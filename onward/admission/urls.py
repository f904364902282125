from django.urls import path

from onward.admission import views

app_name = "admission"
urlpatterns = [
    path("people/<uuid:person_id>/admission/", views.overview, name="overview"),
    path("people/<uuid:person_id>/admission/place/", views.place, name="place"),
    path("people/<uuid:person_id>/admission/admit/", views.admit, name="admit"),
    path("people/<uuid:person_id>/admission/<uuid:admission_id>/", views.detail, name="detail"),
    path(
        "people/<uuid:person_id>/admission/<uuid:admission_id>/done/<slug:clock_key>/",
        views.clock_done,
        name="clock-done",
    ),
    path("people/<uuid:person_id>/care-team/", views.team, name="team"),
    path("people/<uuid:person_id>/care-team/<uuid:member_id>/end/", views.end_member, name="team-end"),
]
