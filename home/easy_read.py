"""Leichte Sprache: the blocks of an easy-read page and the fixed set of shipped pictograms.

Rules of Leichte Sprache the blocks nudge editors towards: short sentences, one statement per
sentence (each sentence is its own line), hard words explained in a box, long compound words split
with a Mediopunkt ("Wahlkreis·rat"). Pictograms are SVG files in ``site/static/img/pictograms/``;
each needs an alt text unless an editor marks it as decorative.
"""

from django.core.exceptions import ValidationError
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

#: (file name without .svg, label in the editor). The files live in site/static/img/pictograms/.
PICTOGRAMS = [
    ("treffen", _("Treffen: Menschen an einem Tisch")),
    ("los", _("Los: eine Los·trommel")),
    ("brief", _("Brief")),
    ("frage", _("Frage·zeichen")),
    ("ergebnis", _("Ergebnis: eine Liste mit Haken")),
    ("bundestag", _("Bundestag: ein Parlaments·gebäude")),
    ("kalender", _("Kalender")),
    ("geld", _("Geld")),
    ("schloss", _("Schloss: Daten·schutz")),
    ("telefon", _("Telefon")),
]


def pictogram_url(name):
    return static(f"img/pictograms/{name}.svg")


class SectionBlock(blocks.StructBlock):
    """An "Abschnitt": a heading, an optional pictogram and short sentences, one per line."""

    heading = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    pictogram = blocks.ChoiceBlock(label=_("Piktogramm"), choices=PICTOGRAMS, required=False)
    pictogram_alt = blocks.CharBlock(
        label=_("Alternativtext des Piktogramms"), required=False, max_length=200,
        help_text=_("Was zeigt das Bild? Pflicht, außer das Bild ist nur Schmuck."))
    decorative = blocks.BooleanBlock(label=_("Piktogramm ist nur Schmuck"), required=False)
    sentences = blocks.ListBlock(
        blocks.CharBlock(label=_("Satz"), max_length=200),
        label=_("Sätze"), min_num=1,
        help_text=_("Ein kurzer Satz pro Zeile. Eine Aussage pro Satz. Lange Wörter mit Medio·punkt trennen."))

    class Meta:
        icon = "doc-full"
        label = _("Abschnitt")
        template = "blocks/easy_section_block.html"
        description = _("Überschrift, Piktogramm und kurze Sätze in Leichter Sprache.")

    def clean(self, value):
        value = super().clean(value)
        if value.get("pictogram") and not value.get("decorative") and not (value.get("pictogram_alt") or "").strip():
            raise StructBlockValidationError(block_errors={"pictogram_alt": ValidationError(
                _("Bitte beschreiben Sie das Piktogramm oder markieren Sie es als Schmuck."))})
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["pictogram_url"] = pictogram_url(value["pictogram"]) if value.get("pictogram") else ""
        return context


class WordBlock(blocks.StructBlock):
    """A hard word and what it means ("Schweres Wort")."""

    word = blocks.CharBlock(label=_("Schweres Wort"), max_length=80)
    explanation = blocks.TextBlock(label=_("Erklärung"), help_text=_("Kurze Sätze."))

    class Meta:
        icon = "help"
        label = _("Wort-Erklärung")
        template = "blocks/easy_word_block.html"


class LinkBlock(blocks.StructBlock):
    """A large link to another page ("Mehr lesen")."""

    page = blocks.PageChooserBlock(label=_("Seite"))
    text = blocks.CharBlock(label=_("Link-Text"), required=False, help_text=_("Leer: Titel der Seite"))

    class Meta:
        icon = "link"
        label = _("Link")
        template = "blocks/easy_link_block.html"


class CouncilResultsBlock(blocks.StaticBlock):
    """Every council with a summary in Leichte Sprache (rendered by the councils app's template tag)."""

    class Meta:
        icon = "list-ul"
        label = _("Ergebnisse aller Wahlkreis·räte")
        admin_text = _("Hier stehen die Ergebnisse der Wahlkreisräte, die eine Zusammenfassung in Leichter "
                       "Sprache haben.")
        template = "blocks/easy_council_results_block.html"


class EasyReadStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
    word = WordBlock()
    link = LinkBlock()
    council_results = CouncilResultsBlock()
