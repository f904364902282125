from django.urls import path

from onward.people import views as people_views
from onward.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("people/<uuid:person_id>/", people_views.person_record, name="person"),
    path("people/<uuid:person_id>/record/", people_views.own_record, name="own-record"),
]
