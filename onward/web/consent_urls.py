from django.urls import path

from onward.web import consent as views

app_name = "consent"
urlpatterns = [
    path("people/<uuid:person_id>/consents/", views.consents, name="list"),
    path("people/<uuid:person_id>/consents/new/", views.give_consent, name="give"),
    path("people/<uuid:person_id>/consents/<uuid:consent_id>/revoke/", views.revoke_consent, name="revoke"),
    path("supporting/", views.supporting, name="supporting"),
    path("supporting/<uuid:person_id>/", views.supporter_view, name="supporter-view"),
    path("emergency/", views.emergency, name="emergency"),
]
