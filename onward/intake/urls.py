from django.urls import path

from onward.intake import views

app_name = "intake"
urlpatterns = [
    path("get-help/", views.find_help, name="find-help"),
    path("get-help/received/", views.received, name="received"),
    path("get-help/self-check/", views.self_check, name="self-check"),
    path("get-help/families/", views.families, name="families"),
    path("intake/", views.queue, name="queue"),
    path("intake/referrals/new/", views.new_referral, name="new-referral"),
    path("intake/requests/<uuid:request_id>/", views.request_page, name="request"),
    path("intake/requests/<uuid:request_id>/contact/", views.contact_attempt, name="contact"),
    path("intake/requests/<uuid:request_id>/move/", views.move_request, name="move"),
    path("intake/requests/<uuid:request_id>/interim/", views.interim_care, name="interim"),
    path("programs/<uuid:program_id>/intake-settings/", views.settings, name="settings"),
]
