from django.urls import path

from onward.reminders import views

app_name = "reminders"
urlpatterns = [
    path("reminders/", views.my_reminders, name="mine"),
    path("people/<uuid:person_id>/reminders/", views.person_reminders, name="person"),
]
