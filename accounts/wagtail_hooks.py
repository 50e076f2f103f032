from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls, views


@hooks.register("register_admin_urls")
def register_urls():
    return [path("zwei-faktor/", include(urls, namespace="accounts_2fa"))]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label, message in views.LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("register_account_menu_item")
def account_menu_item(request):
    return {
        "url": reverse("accounts_2fa:overview"),
        "label": _("Zwei-Faktor-Anmeldung"),
        "help_text": _("Authenticator-App einrichten, Wiederherstellungscodes erneuern."),
    }


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def devices_menu_item():
    return SuperuserMenuItem(_("Zwei-Faktor-Geräte"), reverse("accounts_2fa:devices_admin"),
                             icon_name="key", order=900)
