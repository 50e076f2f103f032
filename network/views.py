"""Thin public views over network.services: forms without an account and the secret links."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Locale

from config.ratelimit import limited_post

from .forms import ApplicationForm, DockOnForm, SignupForm
from .models import MailingList, ProjectPage
from .services import projects, signups
from .services.audit import NetworkError


def _locale():
    return Locale.objects.filter(language_code=get_language()).first()


@never_cache
def apply(request):
    if (refused := limited_post(request, "network.apply")) is not None:
        return refused
    form = ApplicationForm(request.POST or None, locale=_locale())
    if request.method == "POST" and form.is_valid():
        projects.submit_application(form)
        return redirect("network:apply_done")
    return render(request, "network/apply.html", {"form": form})


def apply_done(request):
    return render(request, "network/apply_done.html")


@never_cache
def dock_on(request, page_id):
    project = get_object_or_404(ProjectPage.objects.live().public(), pk=page_id)
    if (refused := limited_post(request, "network.dock_on")) is not None:
        return refused
    form = DockOnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        projects.request_dock_on(form, project)
        return render(request, "network/dock_on_done.html", {"project": project})
    return render(request, "network/dock_on.html", {"project": project, "form": form})


@never_cache
def signup(request, slug):
    mailing_list = get_object_or_404(MailingList, slug=slug)
    if not mailing_list.is_open:
        raise Http404
    if (refused := limited_post(request, "network.signup")) is not None:
        return refused
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signups.subscribe(mailing_list, form.cleaned_data["email"], form.cleaned_data["name"])
        except NetworkError as error:
            return _refused(request, error)
        return render(request, "network/signup_sent.html", {"list": mailing_list})
    return render(request, "network/signup.html", {"list": mailing_list, "form": form})


def _refused(request, error):
    return render(request, "network/link_refused.html", {"message": str(error)}, status=400)


@never_cache
def confirm(request, token):
    """GET shows a button (mail scanners that follow links confirm nothing); POST confirms."""
    if request.method == "POST":
        try:
            subscription = signups.confirm(token)
        except NetworkError as error:
            return _refused(request, error)
        return render(request, "network/confirmed.html", {"list": subscription.mailing_list})
    try:
        subscription = signups.find(token)
    except NetworkError as error:
        return _refused(request, error)
    return render(request, "network/confirm.html", {"list": subscription.mailing_list})


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a form; the token authorises
@never_cache
def unsubscribe(request, token):
    if request.method == "POST":
        try:
            subscription = signups.unsubscribe(token)
        except NetworkError as error:
            return _refused(request, error)
        return render(request, "network/unsubscribed.html", {"list": subscription.mailing_list})
    try:
        subscription = signups.find(token)
    except NetworkError as error:
        return _refused(request, error)
    return render(request, "network/unsubscribe.html", {"list": subscription.mailing_list,
                                                        "title": _("Abmelden")})
