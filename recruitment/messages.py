"""German texts for the register parser's error codes (the parser's own messages are English).

Messages name the line and the column, never a cell value.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

ERROR_TEXTS = {
    # the whole file
    "empty_file": _("Die Datei ist leer."),
    "binary_file": _("Die Datei ist weder eine Textdatei (CSV) noch eine XLSX-Arbeitsmappe."),
    "no_delimiter": _("In der Kopfzeile wurde kein Trennzeichen (Semikolon, Komma oder Tabulator) gefunden."),
    "old_excel": _("Alte .xls-Arbeitsmappen werden nicht unterstützt; bitte als XLSX oder CSV speichern."),
    "unreadable_xlsx": _("Die XLSX-Arbeitsmappe ist beschädigt oder hat kein Tabellenblatt."),
    "malformed_csv": _("Die CSV-Struktur ist beschädigt (z. B. ein nicht geschlossenes Anführungszeichen)."),
    "bad_encoding": _("Die Zeichenkodierung der Datei ließ sich nicht lesen."),
    "missing_columns": _("Pflichtspalten fehlen; bitte die Zuordnung der Spalten prüfen."),
    "bad_mapping": _("Die Zuordnung verweist auf Spalten, die es nicht gibt."),
    "no_data": _("Die Datei hat eine Kopfzeile, aber keine Datenzeilen."),
    "no_rows": _("Die Datei enthält keine Datenzeilen."),
    "unclosed_quote": _("Die CSV-Datei ist beschädigt (nicht geschlossenes Anführungszeichen)."),
    # one row
    "missing_family_name": _("Familienname fehlt"),
    "invalid_birth_date": _("Geburtsdatum ist kein gültiges Datum"),
    "invalid_birth_year": _("Geburtsjahr ist keine Jahreszahl"),
    "invalid_age": _("Alter ist keine ganze Zahl"),
    "missing_birth": _("weder Geburtsdatum noch Geburtsjahr noch Alter angegeben"),
    "birth_date_in_future": _("Geburtsdatum liegt nach dem Stichtag"),
    "birth_year_out_of_range": _("Geburtsjahr liegt außerhalb des möglichen Bereichs"),
    "age_out_of_range": _("Alter über 120 Jahre"),
    "unknown_sex": _("unbekannte Angabe zum Geschlecht (erwartet: m, w, d oder x)"),
    "missing_street": _("Straße fehlt"),
    "missing_postcode": _("Postleitzahl fehlt"),
    "invalid_postcode": _("Postleitzahl ist keine fünfstellige Zahl"),
}


#: Problems of the whole file that start at a line.
FILE_LINE_TEXTS = {
    "unclosed_quote": _("Die CSV-Datei ist ab Zeile %(line)s beschädigt (nicht geschlossenes Anführungszeichen)."),
    "malformed_csv": _("Die CSV-Datei ist ab Zeile %(line)s beschädigt."),
}

#: Lines named at most in the warning about mixed encodings.
SHOWN_LINES = 20


def error_text(error):
    """One line for an error dict ({line, code, column, message}) of an ImportJob."""
    text = ERROR_TEXTS.get(error.get("code"), error.get("message", ""))
    line, column = error.get("line"), error.get("column")
    if line and error.get("code") in FILE_LINE_TEXTS:
        return FILE_LINE_TEXTS[error["code"]] % {"line": line}
    if line and column:
        return _("Zeile %(line)s: %(text)s (Spalte „%(column)s“)") % {"line": line, "text": text, "column": column}
    if line:
        return _("Zeile %(line)s: %(text)s") % {"line": line, "text": text}
    return str(text)


def duplicate_text(duplicate):
    return _("Zeile %(line)s ist eine Dublette von Zeile %(first)s") % {
        "line": duplicate["line"], "first": duplicate["first_line"]}


def file_error_text(error):
    """The German text of a RowError of the whole file (upload and mapping pages)."""
    return error_text({"line": error.line, "code": error.code, "column": error.column, "message": error.message})


def mixed_encoding_text(lines):
    """The warning for lines read as Windows-1252 in a UTF-8 file ("" for none)."""
    if not lines:
        return ""
    shown = ", ".join(str(n) for n in lines[:SHOWN_LINES])
    if len(lines) > SHOWN_LINES:
        shown = _("%(lines)s und %(more)d weitere") % {"lines": shown, "more": len(lines) - SHOWN_LINES}
    return ngettext("Zeile %(lines)s: Zeichen in Windows-1252 statt UTF-8 – bitte prüfen.",
                    "Zeilen %(lines)s: Zeichen in Windows-1252 statt UTF-8 – bitte prüfen.",
                    len(lines)) % {"lines": shown}
