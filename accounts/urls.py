from django.urls import path

from . import views

app_name = "accounts_2fa"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("einrichten/", views.enrol, name="enrol"),
    path("bestaetigen/", views.verify, name="verify"),
    path("geraete/", views.devices_admin, name="devices_admin"),
    path("geraete/<int:user_id>/zuruecksetzen/", views.reset, name="reset"),
]
