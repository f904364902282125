from django.urls import path

from onward.recovery import views

app_name = "recovery"
urlpatterns = [
    path("people/<uuid:person_id>/return-to-use/", views.report_return_to_use, name="report-return"),
    path("people/<uuid:person_id>/return-to-use/<uuid:return_id>/", views.after_return, name="after-return"),
    path(
        "people/<uuid:person_id>/return-to-use/<uuid:return_id>/retract/",
        views.retract_return,
        name="retract-return",
    ),
    path("people/<uuid:person_id>/milestones/", views.milestones, name="milestones"),
    path("people/<uuid:person_id>/help-requests/", views.help_requests, name="help-requests"),
    path(
        "people/<uuid:person_id>/help-requests/<uuid:request_id>/on-it/",
        views.say_on_it,
        name="help-on-it",
    ),
]
