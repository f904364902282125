from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "onward.meetings"
    label = "meetings"
