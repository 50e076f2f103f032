"""The site's URLs plus two public views for tests/home/test_page_cache.py: one renders a form with a
CSRF token, one leaves a message for the next page."""

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def form_page(request):
    return HttpResponse(f'<form method="post"><input name="csrfmiddlewaretoken" value="{get_token(request)}">'
                        "</form>")


def leave_message(request):
    messages.success(request, "Danke, Ihre Anmeldung ist eingegangen.")
    return redirect(request.GET["next"])


urlpatterns = [
    path("test-form/", form_page, name="test_form_page"),
    path("test-message/", leave_message, name="test_leave_message"),
    *site_urlpatterns,
]
