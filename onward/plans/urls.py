from django.urls import path

from onward.plans import views

app_name = "plans"
urlpatterns = [
    path("people/<uuid:person_id>/plan/", views.plan, name="plan"),
    path("people/<uuid:person_id>/plan/edit/", views.edit_plan, name="edit"),
    path("people/<uuid:person_id>/plan/print/", views.plan_print, name="print"),
    path("people/<uuid:person_id>/plan/versions/<uuid:version_id>/", views.plan_version, name="version"),
    path("people/<uuid:person_id>/network/", views.network, name="network"),
    path("people/<uuid:person_id>/network/<uuid:member_id>/edit/", views.edit_member, name="member-edit"),
    path("people/<uuid:person_id>/network/<uuid:member_id>/remove/", views.remove_member, name="member-remove"),
    path("people/<uuid:person_id>/network/<uuid:member_id>/invite/", views.invite_member, name="member-invite"),
]
