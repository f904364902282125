from django.urls import path

from onward.checkins import views

app_name = "checkins"
urlpatterns = [
    path("people/<uuid:person_id>/checkin/", views.checkin, name="checkin"),
    path("people/<uuid:person_id>/checkins/", views.history_page, name="history"),
    path("people/<uuid:person_id>/checkins/<uuid:checkin_id>/", views.result, name="result"),
    path("programs/<uuid:program_id>/checkin-settings/", views.program_settings_page, name="settings"),
    path("service-worker.js", views.service_worker, name="service-worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
]
