"""Private images stay private: signatures for the letters live outside MEDIA_ROOT and are served
only to editors through the admin; a picture without consent keeps no public rendition, not even
its admin thumbnail; the image API names no original file."""

import io
import os
import subprocess
import sys
import textwrap

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.views.static import serve
from PIL import Image
from wagtail.models import Site

from councils.models import MdB
from home.models import OrganisationSettings
from media.models import Consent, CustomImage, Rendition

from ..factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def roots(settings, tmp_path):
    cache.clear()  # Wagtail caches renditions by image id, and ids repeat after a rolled-back test
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings


def png(size=(300, 100), colour="navy"):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def public_media_status(settings, url):
    """What the public /media/ server answers for `url` (the same files nginx or DEBUG serve)."""
    assert url.startswith(settings.MEDIA_URL)
    try:
        serve(RequestFactory().get(url), url.removeprefix(settings.MEDIA_URL), document_root=settings.MEDIA_ROOT)
    except Http404:
        return 404
    return 200


def mdb_form_data(mdb, **extra):
    return {"title": mdb.title, "given_names": mdb.given_names, "family_name": mdb.family_name,
            "party": mdb.party, "photo": mdb.photo_id or "", "contact_url": mdb.contact_url, **extra}


# --- signatures -----------------------------------------------------------------------------------

def test_an_uploaded_mdb_signature_is_private_and_previewed_only_in_the_admin(admin_client, client, roots):
    mdb = MdB.objects.order_by("pk").first()
    images_before = CustomImage.objects.count()
    edit_url = f"/admin/snippets/councils/mdb/edit/{mdb.pk}/"
    response = admin_client.post(edit_url, mdb_form_data(
        mdb, signature=SimpleUploadedFile("unterschrift.png", png((2400, 800)), content_type="image/png")))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    mdb.refresh_from_db()
    assert mdb.signature.name.startswith("signatures/mdb/")
    path = mdb.signature.path
    assert path.startswith(str(roots.PRIVATE_MEDIA_ROOT)) and os.path.exists(path)
    assert not str(path).startswith(str(roots.MEDIA_ROOT))
    assert Image.open(path).size == (600, 200)  # shrunk for the letters
    assert CustomImage.objects.count() == images_before  # not in the image library, chooser or API

    url = mdb.signature.url
    assert not url.startswith("/media/") and url.startswith("/admin/")
    assert url in admin_client.get(edit_url).content.decode()  # the preview in the edit form
    preview = admin_client.get(url)
    assert preview.status_code == 200 and preview["Content-Type"] == "image/png"
    assert b"".join(preview.streaming_content).startswith(b"\x89PNG")
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]


def test_a_signature_preview_needs_the_right_to_edit_what_it_belongs_to(client, roots):
    mdb = MdB.objects.order_by("pk").first()
    mdb.signature = SimpleUploadedFile("s.png", png())
    mdb.save()
    user = get_user_model().objects.create_user("redaktion-ohne-mdb", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    refused = client.get(mdb.signature.url)
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's "permission denied"
    user.user_permissions.add(Permission.objects.get(codename="change_mdb"))
    user = get_user_model().objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(mdb.signature.url).status_code == 200
    org_url = "/admin/privat/signatures/organisation/x.png"
    assert client.get(org_url).status_code == 302  # MdB editors do not see the organisation's
    assert client.get("/admin/privat/signatures/mdb/../../etc/passwd").status_code == 404


def test_the_organisation_signature_is_uploaded_in_the_settings_and_refused_when_fake(admin_client, roots):
    site = Site.objects.get(is_default_site=True)
    org = OrganisationSettings.for_site(site)
    url = f"/admin/settings/home/organisationsettings/{site.pk}/"
    data = {"name": org.name, "address": org.address, "email": org.email, "phone": org.phone,
            "signatory": "Alex Beispiel", "signatory_role": "Leitung", "mastodon_url": "", "instagram_url": "",
            "youtube_url": "", "linkedin_url": ""}
    fake = admin_client.post(url, {**data, "signature": SimpleUploadedFile(
        "x.gif", b"GIF89a<script>alert(1)</script>", content_type="image/gif")})
    assert fake.status_code == 200 and fake.context["form"].errors["signature"]
    response = admin_client.post(url, {**data, "signature": SimpleUploadedFile("u.png", png())})
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.signature.name.startswith("signatures/organisation/")
    assert org.signature.path.startswith(str(roots.PRIVATE_MEDIA_ROOT))
    assert admin_client.get(org.signature.url).status_code == 200


def test_the_letters_still_print_a_private_signature(roots):
    from recruitment.services import letters

    mdb = MdB.objects.order_by("pk").first()
    mdb.signature = SimpleUploadedFile("s.png", png())
    mdb.save()
    uri = letters._signature(mdb.signature)
    assert uri.startswith("data:image/png;base64,")
    assert letters._signature(MdB(wahlkreis=mdb.wahlkreis).signature) == ""


MIGRATION_SCRIPT = textwrap.dedent('''
    import json, os
    import django
    django.setup()
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    call_command("migrate", "home", "0003", verbosity=0)
    call_command("migrate", "councils", "0003", verbosity=0)
    apps = MigrationExecutor(connection).loader.project_state(
        [("home", "0003_letter_signature"), ("councils", "0003_mdb_signature_evaluation")]).apps
    Image = apps.get_model("site_media", "CustomImage")
    Rendition = apps.get_model("site_media", "Rendition")
    Collection = apps.get_model("wagtailcore", "Collection")
    names = {}
    for key in ("mdb", "org"):
        original = default_storage.save(f"original_images/{key}.png", ContentFile(bytes.fromhex(os.environ["PNG"])))
        image = Image.objects.create(title=key, file=original, width=300, height=100,
                                     collection=Collection.objects.order_by("depth").first())
        rendition = default_storage.save(f"images/{key}.max-165x165.png", ContentFile(bytes.fromhex(os.environ["PNG"])))
        Rendition.objects.create(image=image, file=rendition, width=165, height=55, filter_spec="max-165x165")
        names[key] = (image.pk, original, rendition)
    Wahlkreis = apps.get_model("councils", "Wahlkreis")
    apps.get_model("councils", "MdB").objects.create(
        wahlkreis=Wahlkreis.objects.order_by("number").first(), given_names="Erika", family_name="Muster",
        party="Demo", signature_id=names["mdb"][0])
    Site = apps.get_model("wagtailcore", "Site")
    apps.get_model("home", "OrganisationSettings").objects.create(
        site=Site.objects.first(), name="Org", signature_id=names["org"][0])

    call_command("migrate", verbosity=0)

    from councils.models import MdB
    from home.models import OrganisationSettings
    from media.models import CustomImage
    mdb, org = MdB.objects.get(family_name="Muster"), OrganisationSettings.objects.get()
    print(json.dumps({
        "mdb": mdb.signature.name, "org": org.signature.name,
        "private_files": [os.path.exists(mdb.signature.path), os.path.exists(org.signature.path)],
        "public_left": [default_storage.exists(n) for key in names for n in names[key][1:]],
        "images_left": CustomImage.objects.filter(pk__in=[v[0] for v in names.values()]).count(),
    }))
''')


def test_the_migration_moves_existing_signature_images_out_of_public_media(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'migrate.sqlite3'}",
           "MEDIA_ROOT": str(tmp_path / "m-media"), "PRIVATE_MEDIA_ROOT": str(tmp_path / "m-private"),
           "VAR_DIR": str(tmp_path / "var"), "PNG": png().hex()}
    result = subprocess.run([sys.executable, "-c", MIGRATION_SCRIPT], check=False, env=env, capture_output=True,
                            text=True,
                            cwd=os.getcwd(), timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    import json

    moved = json.loads(result.stdout.strip().splitlines()[-1])
    assert moved["mdb"].startswith("signatures/mdb/") and moved["org"].startswith("signatures/organisation/")
    assert moved["private_files"] == [True, True]
    assert moved["public_left"] == [False, False, False, False]  # originals and renditions deleted
    assert moved["images_left"] == 0


# --- renditions of pictures without consent ---------------------------------------------------------

def test_a_withdrawn_pictures_renditions_and_admin_thumbnail_are_not_public(
        admin_client, client, roots, django_capture_on_commit_callbacks):
    image = ImageFactory(title="Mit Einwilligung", shows_identifiable_people=True)
    consent = Consent.objects.create(image=image, person_name="Testperson", given_on="2020-01-01")
    image = CustomImage.objects.get(pk=image.pk)
    assert image.is_public("website")
    public_url = image.get_rendition("max-165x165").url
    assert public_url.startswith("/media/images/") and public_media_status(roots, public_url) == 200

    with django_capture_on_commit_callbacks(execute=True):
        consent.withdraw()
    assert public_media_status(roots, public_url) == 404  # the old rendition file is gone

    listing = admin_client.get("/admin/images/").content.decode()
    thumbnail = Rendition.objects.get(image=image, filter_spec="max-165x165")
    assert thumbnail.url in listing and not thumbnail.url.startswith("/media/")
    assert thumbnail.file.path.startswith(str(roots.PRIVATE_MEDIA_ROOT))
    assert not any(name for _dirs, _sub, names in os.walk(roots.MEDIA_ROOT / "images") for name in names
                   if name.startswith(image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]))
    assert admin_client.get(thumbnail.url).status_code == 200
    assert client.get(thumbnail.url).status_code == 302  # to the login

    # A new consent: the private copies go, public renditions are made again.
    with django_capture_on_commit_callbacks(execute=True):
        Consent.objects.create(image=image, person_name="Testperson", given_on="2021-01-01")
        consent.delete()
    assert not Rendition.objects.filter(image=image).exists()
    image = CustomImage.objects.get(pk=image.pk)
    assert image.get_rendition("max-165x165").url.startswith("/media/images/")


def test_the_daily_job_removes_public_renditions_of_a_consent_that_ran_out(roots, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    image = ImageFactory(title="Einwilligung läuft aus", shows_identifiable_people=True)
    consent = Consent.objects.create(image=image, person_name="Testperson", given_on="2020-01-01",
                                     valid_until="2099-12-31")
    public_url = CustomImage.objects.get(pk=image.pk).get_rendition("max-165x165").url
    assert public_media_status(roots, public_url) == 200
    call_command("hide_unusable_renditions", stdout=io.StringIO())
    assert public_media_status(roots, public_url) == 200  # still consented: kept
    Consent.objects.filter(pk=consent.pk).update(valid_until="2021-01-01")  # time passed, no save() ran
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail deletes the files after the commit
        call_command("hide_unusable_renditions", stdout=io.StringIO())
    assert public_media_status(roots, public_url) == 404
    assert not Rendition.objects.filter(image=image).exists()


def test_a_new_upload_showing_people_gets_only_private_renditions(admin_client, roots):
    image = ImageFactory(title="Noch ohne Einwilligung", shows_identifiable_people=True)
    rendition = image.get_rendition("max-165x165")
    assert rendition.url.startswith("/admin/privat/renditions/")
    assert admin_client.get(rendition.url).status_code == 200


# --- the image API ------------------------------------------------------------------------------------

def test_the_image_api_names_no_original_file(client):
    image = ImageFactory(title="Ein Platz")
    listing = client.get("/api/v2/images/?limit=20").content.decode()
    detail = client.get(f"/api/v2/images/{image.pk}/")
    assert detail.status_code == 200
    for text in (listing, detail.content.decode()):
        assert "original_images" not in text and "download_url" not in text
    assert detail.json()["meta"]["rendition"]["url"].startswith("/media/images/")
    assert "original_images" not in client.get(f"/api/v2/images/{image.pk}/?fields=*").content.decode()
