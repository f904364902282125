from django.urls import include, path

from onward.api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("accounts/", include("onward.accounts.urls")),
    path("notifications/", include("onward.notifications.urls")),
    path("", include("onward.web.consent_urls")),
    path("", include("onward.medication.urls")),
    path("", include("onward.plans.urls")),
    path("", include("onward.recovery.urls")),
    path("", include("onward.withdrawal.urls")),
    path("", include("onward.evaluation.urls")),
    path("", include("onward.admission.urls")),
    path("", include("onward.checkins.urls")),
    path("", include("onward.meetings.urls")),
    path("", include("onward.reminders.urls")),
    path("", include("onward.alerts.urls")),
    path("", include("onward.care.urls")),
    path("", include("onward.intake.urls")),
    path("", include("onward.web.urls")),
]
