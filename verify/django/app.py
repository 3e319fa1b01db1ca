"""The playground's five routes on Django with database sessions (sqlite),
Django's session and auth settings at their defaults. Login and logout are
django.contrib.auth's login() and logout(); a password change is the
documented set_password() + update_session_auth_hash(). LOGOUT_MODE picks the
playground's other two logout modes for the logout walks. The ORM's SQL is
logged to SQL_LOG, one statement per record. Run by verify/record.mjs only.

    python app.py PORT
"""
import os
import sys

import django
from django.conf import settings

settings.configure(
    DEBUG=True,  # the ORM logs its SQL only with DEBUG on
    SECRET_KEY="verify-real-not-a-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions"],
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["DB_PATH"]}},
    # A fast hasher for the demo accounts; the session's auth hash is an HMAC of whatever the hash is.
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    USE_TZ=True,
    LOGGING={
        "version": 1,
        "formatters": {"sql": {"format": "%(message)s\n@@"}},
        "handlers": {"sql": {"class": "logging.FileHandler", "filename": os.environ["SQL_LOG"], "formatter": "sql"}},
        "loggers": {"django.db.backends": {"handlers": ["sql"], "level": "DEBUG", "propagate": False}},
    },
)
django.setup()

from django.contrib.auth import authenticate, get_user_model, login, logout, update_session_auth_hash  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.views.decorators.http import require_GET, require_POST  # noqa: E402

LOGOUT_MODE = os.environ.get("LOGOUT_MODE") or "deleteAndExpire"


@require_POST
def login_view(request):
    username, password = request.POST.get("username"), request.POST.get("password")
    if not username or not password:
        return HttpResponse("The login form needs a username and a password.", status=400)
    user = authenticate(request, username=username, password=password)
    if user is None:
        return HttpResponse("Wrong username or password.", status=401)
    login(request, user)
    return HttpResponse(f"Welcome, {username}. You are logged in.")


@require_GET
def profile(request):
    if not request.user.is_authenticated:
        return HttpResponse("Please log in to see your profile.", status=401)
    return HttpResponse(f"Profile of {request.user.username}.")


@require_POST
def logout_view(request):
    response = HttpResponse("You are logged out.")
    if LOGOUT_MODE == "clientOnly":
        response.delete_cookie(settings.SESSION_COOKIE_NAME)
    elif LOGOUT_MODE == "serverOnly":
        request.session.delete()
    else:
        logout(request)
    return response


@require_POST
def logout_everywhere(request):
    if not request.user.is_authenticated:
        return HttpResponse("Please log in first.", status=401)
    mine = str(request.user.pk)
    ended = 0
    for row in Session.objects.filter(expire_date__gt=timezone.now()):
        if row.get_decoded().get("_auth_user_id") == mine and row.session_key != request.session.session_key:
            row.delete()
            ended += 1
    logout(request)
    return HttpResponse(f"Logged out everywhere ({ended + 1} sessions).")


@require_POST
def change_password(request):
    if not request.user.is_authenticated:
        return HttpResponse("Please log in first.", status=401)
    new_password = request.POST.get("password")
    if not new_password:
        return HttpResponse("The form needs a new password.", status=400)
    request.user.set_password(new_password)
    request.user.save()
    update_session_auth_hash(request, request.user)
    return HttpResponse("Password changed.")


urlpatterns = [
    path("login", login_view),
    path("profile", profile),
    path("logout", logout_view),
    path("logout-everywhere", logout_everywhere),
    path("password", change_password),
]

if __name__ == "__main__":
    from django.core.management import call_command, execute_from_command_line

    call_command("migrate", verbosity=0)
    users = get_user_model()
    for name, password in [("alice", "wonderland"), ("bob", "builder"), ("mallory", "hunter2")]:
        users.objects.create_user(name, password=password)
    execute_from_command_line([sys.argv[0], "runserver", "--noreload", "--nothreading", f"127.0.0.1:{sys.argv[1]}"])
