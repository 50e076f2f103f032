"""CSV and XLSX of an event's registrations for its organisers (each export audit-logged by the view)."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .models import Registration


def header():
    return [_("Name"), _("E-Mail"), _("Organisation"), _("Funktion"), _("Stadtteil oder Ort"), _("Interesse"),
            _("Barrierefreiheit"), _("Stand"), _("Moderation"), _("Kleingruppe"), _("Bestätigt am")]


def rows(event):
    regs = (Registration.objects.filter(event=event).exclude(status=Registration.CANCELLED)
            .select_related("group").order_by("status", "confirmed_at", "pk"))
    for reg in regs:
        yield [reg.name, reg.email, reg.organisation, reg.role, reg.neighbourhood, reg.interest, reg.accessibility,
               reg.get_status_display(), _("ja") if reg.is_moderator else "",
               reg.group.number if reg.group else "",
               reg.confirmed_at.strftime("%Y-%m-%d %H:%M") if reg.confirmed_at else ""]


def _safe(value):
    """No formulas: a cell starting with =, +, - or @ is written as text (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def as_csv(event):
    data = [header()] + [[_safe(v) for v in row] for row in rows(event)]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(data)
    return "\ufeff" + buffer.getvalue(), len(data) - 1


def as_xlsx(event):
    book = Workbook()
    sheet = book.active
    sheet.title = _("Anmeldungen")
    sheet.append(header())
    count = 0
    for row in rows(event):
        sheet.append([_safe(v) for v in row])
        count += 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), count
