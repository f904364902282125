from django.urls import path

from onward.alerts import views

app_name = "alerts"
urlpatterns = [
    path("people/<uuid:person_id>/alerts/", views.person_alerts, name="person-alerts"),
    path("people/<uuid:person_id>/alerts/<uuid:alert_id>/resolve/", views.resolve, name="alert-resolve"),
    path("people/<uuid:person_id>/alerts/<uuid:alert_id>/acknowledge/", views.acknowledge, name="alert-acknowledge"),
]
