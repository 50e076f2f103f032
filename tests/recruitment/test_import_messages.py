"""What a manager or operator is told about a damaged register file: the lines in the wrong encoding
(imported, with a warning), the line where a CSV file breaks (nothing imported)."""

from io import StringIO

import pytest
from django.core.management import call_command

from recruitment.models import ImportJob

from .conftest import csv_bytes, synthetic_rows
from .test_admin import mapping_data, upload

WARNING = "Zeile 4: Zeichen in Windows-1252 statt UTF-8 – bitte prüfen."


def mixed_extract(rows=8):
    """UTF-8, except data row 3 (line 4), which a second program wrote in Windows-1252."""
    lines = csv_bytes(synthetic_rows(rows, seed=6)).decode().split("\r\n")[:-1]
    assert not lines[3].isascii()
    return b"".join(line.encode("cp1252" if number == 3 else "utf-8") + b"\r\n" for number, line in enumerate(lines))


@pytest.fixture
def manager_client(client, manager_75):
    client.force_login(manager_75)
    return client


def test_mixed_encoding_is_imported_with_a_warning_naming_the_line(manager_client, case):
    response = upload(manager_client, case, mixed_extract())
    mapping_url = response["Location"]
    page = manager_client.get(mapping_url)
    assert WARNING in page.content.decode()
    response = manager_client.post(mapping_url, mapping_data(page))
    job = ImportJob.objects.get(case=case)
    assert job.status == ImportJob.DONE and case.persons.count() == 8
    assert job.mixed_lines == [4] and job.file_format == "utf-8+cp1252"
    assert WARNING in manager_client.get(response["Location"]).content.decode()
    # Read right: no mojibake like "Ã¼" from the UTF-8 lines, no "?" from the Windows-1252 line.
    names = " ".join(case.persons.values_list("family_name", flat=True))
    assert "Ã" not in names and "\ufffd" not in names


def test_command_prints_the_mixed_encoding_warning(council, extract):
    out, err = StringIO(), StringIO()
    call_command("import_registry", "--council", council.slug, str(extract(mixed_extract())), stdout=out,
                 stderr=err)
    assert "Imported 8 people" in out.getvalue()
    assert "Warning: line(s) 4: characters in Windows-1252 instead of UTF-8" in err.getvalue()


def test_unclosed_quote_names_the_line_on_the_mapping_page_and_imports_nothing(manager_client, imported):
    lines = csv_bytes(synthetic_rows(6, seed=3)).decode().split("\r\n")
    lines[3] = '"' + lines[3]  # data row 3, line 4
    response = upload(manager_client, imported, "\r\n".join(lines).encode(), replace=True)
    mapping_url = response["Location"]
    page = manager_client.get(mapping_url)
    text = "Die CSV-Datei ist ab Zeile 4 beschädigt (nicht geschlossenes Anführungszeichen)."
    assert text in page.content.decode()
    response = manager_client.post(mapping_url, mapping_data(page))
    job = ImportJob.objects.get(case=imported, source="upload")
    assert job.status == ImportJob.FAILED and imported.persons.count() == 400
    assert text in manager_client.get(response["Location"]).content.decode()
