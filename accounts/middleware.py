"""Request guards for the admin: a second factor before any private URL, an idle timeout for
sessions that can see personal data, and the Permissions-Policy header."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import devices_for_user

from .policy import handles_personal_data, second_factor_required

#: Admin URLs a signed-in user without a verified second factor may still reach.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
}
OPEN_NAMESPACE = "accounts_2fa"


def is_admin_path(path):
    return path.startswith(reverse("wagtailadmin_home"))


class SecondFactorMiddleware:
    """Every admin URL of a user who can see personal data needs a verified second factor.

    Without one the user is sent to the verification page (a device exists) or to enrolment
    (none yet). Needs ``django_otp.middleware.OTPMiddleware`` before it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not is_admin_path(request.path_info):
            return None
        match = request.resolver_match
        if match and (match.url_name in OPEN_URL_NAMES or OPEN_NAMESPACE in match.namespaces):
            return None
        if user.is_verified() or not second_factor_required(user):
            return None
        if any(devices_for_user(user, confirmed=True)):
            target = reverse("accounts_2fa:verify")
        else:
            target = reverse("accounts_2fa:enrol")
        if request.method == "GET":
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        return redirect(target)


class IdleTimeoutMiddleware:
    """Sessions that can see personal data end after ``PERSONAL_DATA_SESSION_IDLE_SECONDS`` without a request.

    Setting the expiry on every admin request makes it a sliding (idle) timeout.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and is_admin_path(request.path_info) \
                and handles_personal_data(user):
            request.session.set_expiry(settings.PERSONAL_DATA_SESSION_IDLE_SECONDS)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Switch off browser features the site never uses (camera, microphone, location, …)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = ", ".join(
                f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED)
        return response
