from django.urls import path

from onward.care import views

app_name = "care"
urlpatterns = [
    path("appointments/", views.my_appointments, name="my-appointments"),
    path("people/<uuid:person_id>/appointments/", views.person_appointments, name="person-appointments"),
    path(
        "people/<uuid:person_id>/appointments/<uuid:appointment_id>/appointment.ics",
        views.appointment_calendar_file,
        name="appointment-ics",
    ),
    path(
        "people/<uuid:person_id>/appointments/<uuid:appointment_id>/status/",
        views.appointment_status,
        name="appointment-status",
    ),
]
