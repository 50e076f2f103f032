"""The letters' one use of a WeasyPrint internal, watched.

Letters replace WeasyPrint's default (user-agent) stylesheet with a minimal one through the
private hook ``HTML._ua_stylesheets`` (``recruitment.services.letters._LetterHTML``): matching the
full default stylesheet against every element took about a quarter of a letter's layout time, and
without the override 300 bilingual letters miss the 30 s target of ``bench/bench_letters.py``.
Should a WeasyPrint upgrade stop calling the hook, letters would silently get slower: this test
fails instead, so whoever upgrades decides (follow the new hook, or drop the override).
"""

import pytest

from recruitment.services import letters

pytestmark = pytest.mark.django_db


def test_a_letter_is_laid_out_with_the_minimal_default_stylesheet(drawn, monkeypatch):
    calls = []
    original = letters._ua_stylesheet

    def counted():
        calls.append(1)
        return original()

    monkeypatch.setattr(letters, "_ua_stylesheet", counted)
    invitation = letters.pending_letters(drawn).first()
    shared = letters.shared_context(drawn)
    context = letters.letter_context(shared, invitation.placement.person, "ABCDEFGHJKMNP")
    document = letters.render_letter(context)
    assert calls, "WeasyPrint no longer calls HTML._ua_stylesheets: see this module's docstring"
    assert len(document.pages) == len(shared["languages"])  # one page per language, as with the full sheet
