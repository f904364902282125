from django.urls import path

from onward.web import demo_outbox, errors, help_pages, person, person_account, views, worklist
from onward.web.record import own_record

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", errors.favicon, name="favicon"),
    path("worklist/", worklist.worklist, name="worklist"),
    path("medication/worklist/", worklist.old_medication_worklist, name="medication-worklist"),
    path("help/", help_pages.help_page, name="help"),
    path("help/reach/", help_pages.reach_my_people, name="help-reach"),
    path("help/sent/<uuid:request_id>/", help_pages.help_sent, name="help-sent"),
    path("people/enrol/", person_account.enrol, name="enrol"),
    path("people/<uuid:person_id>/", person.person_record, name="person"),
    path("people/<uuid:person_id>/sign-in/", person_account.person_sign_in, name="person-sign-in"),
    path("people/<uuid:person_id>/record/", own_record, name="own-record"),
    path("people/<uuid:person_id>/contact/", person.person_contact, name="person-contact"),
    path("demo/outbox/", demo_outbox.outbox, name="demo-outbox"),
]
