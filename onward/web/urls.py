from django.urls import path

from onward.alerts import views as alerts_views
from onward.care import views as care_views
from onward.web import help_pages, person, views, worklist
from onward.web.record import own_record

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("worklist/", worklist.worklist, name="worklist"),
    path("medication/worklist/", worklist.old_medication_worklist, name="medication-worklist"),
    path("help/", help_pages.help_page, name="help"),
    path("help/reach/", help_pages.reach_my_people, name="help-reach"),
    path("help/sent/<uuid:request_id>/", help_pages.help_sent, name="help-sent"),
    path("appointments/", care_views.my_appointments, name="my-appointments"),
    path("people/<uuid:person_id>/", person.person_record, name="person"),
    path("people/<uuid:person_id>/record/", own_record, name="own-record"),
    path("people/<uuid:person_id>/appointments/", care_views.person_appointments, name="person-appointments"),
    path(
        "people/<uuid:person_id>/appointments/<uuid:appointment_id>/appointment.ics",
        care_views.appointment_calendar_file,
        name="appointment-ics",
    ),
    path(
        "people/<uuid:person_id>/appointments/<uuid:appointment_id>/status/",
        care_views.appointment_status,
        name="appointment-status",
    ),
    path("people/<uuid:person_id>/alerts/", alerts_views.person_alerts, name="person-alerts"),
    path("people/<uuid:person_id>/alerts/<uuid:alert_id>/resolve/", alerts_views.resolve, name="alert-resolve"),
    path(
        "people/<uuid:person_id>/alerts/<uuid:alert_id>/acknowledge/",
        alerts_views.acknowledge,
        name="alert-acknowledge",
    ),
]
