from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "onward.people"
    label = "people"
