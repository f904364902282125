from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from onward.accounts import invitation_views, program_pages, staff_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.sign_in, name="login"),
    path("logout/", views.sign_out, name="logout"),
    path("exit/", views.quick_exit, name="quick-exit"),
    path("programs/", program_pages.program_list, name="programs"),
    path("programs/new/", program_pages.program_new, name="program-new"),
    path("programs/<uuid:program_id>/edit/", program_pages.program_edit, name="program-edit"),
    path("second-factor/enrol/", views.enrol_second_factor, name="totp-enrol"),
    path("second-factor/", views.verify_second_factor, name="totp-verify"),
    path("welcome/<str:secret>/", invitation_views.welcome, name="welcome"),
    path("code/", invitation_views.redeem_code, name="redeem-code"),
    path("staff/", staff_views.staff_list, name="staff"),
    path("staff/<uuid:user_id>/", staff_views.staff_member, name="staff-member"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password-reset-sent"),
        ),
        name="password-reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password-reset-sent",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password-reset-complete",
    ),
]
