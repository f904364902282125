from django.urls import path

from onward.meetings import views

app_name = "meetings"
urlpatterns = [
    path("meetings/", views.find, name="find"),
    path("meetings/mine/", views.my_meetings, name="mine"),
    path("meetings/manage/", views.manage, name="manage"),
    path("meetings/manage/csv-template.csv", views.csv_template, name="csv-template"),
    path("meetings/manage/<slug:org>/new/", views.manage_new, name="manage-new"),
    path("meetings/manage/<slug:org>/sources/", views.manage_sources, name="sources"),
    path("meetings/manage/<slug:org>/sources/<uuid:source_id>/", views.manage_source, name="source"),
    path("meetings/manage/<slug:org>/upload/", views.upload_table, name="upload"),
    path("meetings/manage/<slug:org>/<uuid:meeting_id>/", views.manage_edit, name="manage-edit"),
    path("meetings/feed/<slug:org>/<str:fellowship>.json", views.published_feed, name="feed"),
    path("meetings/org/<slug:org>/", views.organization_meetings, name="organization"),
    path("meetings/<uuid:meeting_id>/", views.meeting_page, name="meeting"),
    path("meetings/<uuid:meeting_id>/meeting.ics", views.meeting_ics, name="meeting-ics"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar"),
    path("people/<uuid:person_id>/meetings/", views.person_meetings, name="person"),
    path("people/<uuid:person_id>/meetings/calendar/", views.issue_calendar, name="calendar-issue"),
    path("people/<uuid:person_id>/meetings/calendar/revoke/", views.revoke_calendar, name="calendar-revoke"),
    path("people/<uuid:person_id>/meetings/<uuid:meeting_id>/save/", views.save, name="save"),
    path("people/<uuid:person_id>/meetings/<uuid:meeting_id>/unsave/", views.unsave, name="unsave"),
    path("people/<uuid:person_id>/meetings/<uuid:meeting_id>/attendance/", views.log_attendance, name="attend"),
]
