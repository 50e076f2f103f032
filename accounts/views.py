"""Second factor in the admin: enrolment (TOTP app + recovery codes), verification, and the
administrators' reset. Recovery codes are shown once, right after enrolment or renewal."""

import base64
import secrets

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from .policy import second_factor_required

RECOVERY_CODES = 10
ACTION_RESET = "accounts.reset_second_factor"
ACTION_ENROL = "accounts.enrol_second_factor"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"), max_length=16, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=gettext_lazy("Sechs Ziffern aus der Authenticator-App oder ein Wiederherstellungscode."),
    )


def _page(request, template, title, **context):
    """An admin page in the Wagtail look: generic/base.html with a header title and the key icon."""
    return TemplateResponse(request, template, {"page_title": title, "header_title": title,
                                                "header_icon": "key", **context})


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _qr_svg(text):
    return segno.make(text, error="m").svg_inline(scale=5, dark="#1a1a1a", light="#ffffff")


def _new_recovery_codes(user):
    """Replace the user's recovery codes; returns the new plain codes (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Wiederherstellungscodes"), confirmed=True)
    codes = [f"{secrets.token_hex(2)}-{secrets.token_hex(2)}" for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def enrol(request):
    """Set up an authenticator app: QR code, then a first code confirms it and shows recovery codes."""
    user = request.user
    if any(devices_for_user(user, confirmed=True)) and not user.is_verified():
        return redirect(f"{reverse('accounts_2fa:verify')}?next={reverse('accounts_2fa:enrol')}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator-App"), confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user, confirmed=True).delete()
                device.confirmed = True
                device.save()
                codes = _new_recovery_codes(user)
                log(instance=user, action=ACTION_ENROL, user=user)
            otp_login(request, device)
            return _page(request, "accounts/recovery_codes.html", _("Wiederherstellungscodes"),
                         codes=codes, next=_next_url(request))
        form.add_error("token", _("Der Code stimmt nicht. Prüfen Sie die Uhrzeit des Telefons und "
                                  "geben Sie den aktuellen Code ein."))
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return _page(request, "accounts/enrol.html", _("Zwei-Faktor-Anmeldung einrichten"),
                 form=form, qr_svg=_qr_svg(device.config_url), secret=secret,
                 required=second_factor_required(user), next=request.GET.get("next", ""))


def verify(request):
    """Ask for the second factor after the password: a TOTP code or a recovery code (used once)."""
    user = request.user
    if not any(devices_for_user(user, confirmed=True)):
        return redirect("accounts_2fa:enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(request, _("Sie haben einen Wiederherstellungscode verwendet; noch %(left)d "
                                            "übrig. Richten Sie bei Verlust des Telefons die App neu ein.")
                                 % {"left": left})
            return redirect(_next_url(request))
        form.add_error("token", _("Der Code stimmt nicht oder wurde schon verwendet."))
    return _page(request, "accounts/verify.html", _("Zweiter Faktor"), form=form,
                 next=request.GET.get("next", ""))


def overview(request):
    """The user's own second factor: state, renew recovery codes, set up again."""
    user = request.user
    if request.method == "POST" and user.is_verified():
        codes = _new_recovery_codes(user)
        return _page(request, "accounts/recovery_codes.html", _("Wiederherstellungscodes"),
                     codes=codes, next=reverse("accounts_2fa:overview"))
    totp = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    static = StaticDevice.objects.filter(user=user).first()
    return _page(request, "accounts/overview.html", _("Zwei-Faktor-Anmeldung"),
                 totp=totp, codes_left=static.token_set.count() if static else 0,
                 required=second_factor_required(user), verified=user.is_verified())


def _require_superuser(user):
    if not user.is_superuser:
        raise PermissionDenied


def devices_admin(request):
    """Administrators: everyone with a second factor, each with a reset button."""
    _require_superuser(request.user)
    users = get_user_model().objects.filter(
        pk__in=TOTPDevice.objects.filter(confirmed=True).values("user_id")).order_by("username")
    return _page(request, "accounts/devices_admin.html", _("Zwei-Faktor-Geräte"), users=users)


@require_POST
def reset(request, user_id):
    """Delete every device of a user (lost phone); logged. They enrol again at the next sign-in."""
    _require_superuser(request.user)
    target = get_object_or_404(get_user_model(), pk=user_id)
    with transaction.atomic():
        count = 0
        for device in devices_for_user(target, confirmed=None):
            device.delete()
            count += 1
        log(instance=target, action=ACTION_RESET, user=request.user, data={"devices": count})
    messages.success(request, _("Zweiter Faktor von %(user)s zurückgesetzt.") % {"user": target.get_username()})
    return redirect("accounts_2fa:devices_admin")


LOG_ACTIONS = [
    (ACTION_ENROL, gettext_lazy("Zweiten Faktor eingerichtet"), gettext_lazy("Zweiten Faktor eingerichtet")),
    (ACTION_RESET, gettext_lazy("Zweiten Faktor zurückgesetzt"), gettext_lazy("Zweiten Faktor zurückgesetzt")),
]
