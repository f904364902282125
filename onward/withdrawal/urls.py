from django.urls import path

from onward.withdrawal import views

app_name = "withdrawal"
urlpatterns = [
    path("people/<uuid:person_id>/withdrawal/", views.detox_home, name="list"),
    path("people/<uuid:person_id>/withdrawal/<uuid:detox_id>/", views.detox_page, name="detox"),
    path("people/<uuid:person_id>/overdose/", views.overdose_page, name="overdose"),
]
