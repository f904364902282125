from django.urls import path

from onward.medication import views

app_name = "medication"
PERSON = "people/<uuid:person_id>/medication/"
urlpatterns = [
    path(PERSON, views.person_medication, name="person"),
    path(PERSON + "readiness/<str:medication>/", views.record_readiness, name="readiness"),
    path(PERSON + "orders/new/", views.start_order, name="order-new"),
    path(PERSON + "orders/<uuid:order_id>/sign/", views.sign_order, name="order-sign"),
    path(PERSON + "orders/<uuid:order_id>/stop/", views.stop_order, name="order-stop"),
    path(PERSON + "orders/<uuid:order_id>/doses/new/", views.record_dose, name="dose-new"),
    path(PERSON + "orders/<uuid:order_id>/take-homes/new/", views.dispense_take_homes, name="take-homes-new"),
    path("medication/choices/<str:medication>/", views.choice, name="choice"),
    path("programs/<uuid:program_id>/medication-settings/", views.program_settings_page, name="settings"),
]
