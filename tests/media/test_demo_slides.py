"""The demo video's slides are set in the shipped type (settings.FONT_DIR), never a machine's fonts,
and show German text as written."""

from pathlib import Path

from django.conf import settings
from fontTools.ttLib import TTFont
from PIL import Image as PILImage

from media.demo import _frames, shipped_font, slide_fonts
from stories.demo import VIDEO

VIDEO_SLIDES = [tuple(slide) for slide in VIDEO["slides"]]

SIZE = (640, 360)
NOT_IN_THE_FONT = "\u4e00"  # a CJK ideograph: Open Sans draws its "missing glyph" box for it


def covered(font):
    return set(map(chr, TTFont(font.path).getBestCmap()))


def test_slides_use_the_shipped_font_and_it_has_every_letter_they_show():
    for heading, sub in VIDEO_SLIDES:
        for font, text in zip(slide_fonts(heading, sub, SIZE), (heading, sub)):
            assert Path(font.path).parent == Path(settings.FONT_DIR)
            assert set(text) - {" "} <= covered(font), text
            assert font.getlength(text) <= SIZE[0] * 0.9  # within the slide's margins


def test_umlauts_and_sharp_s_are_drawn_as_letters_not_as_missing_glyph_boxes():
    font = shipped_font(40, bold=True)
    missing = font.getmask(NOT_IN_THE_FONT).getbbox()
    for letter, plain in [("ä", "a"), ("ö", "o"), ("ü", "u"), ("Ä", "A"), ("Ö", "O"), ("Ü", "U"), ("ß", "B")]:
        drawn = font.getmask(letter).getbbox()
        assert drawn != missing, letter
        assert drawn != font.getmask(plain).getbbox(), letter  # the dots are there


def test_a_slide_frame_is_drawn_with_a_caption_band(tmp_path):
    _frames(tmp_path, [("Größe, Mühe und Fußweg", "Übung für alle")], SIZE)
    frame = PILImage.open(tmp_path / "frame00.png")
    assert frame.size == SIZE
    band = frame.crop((0, int(SIZE[1] * 0.66), SIZE[0], SIZE[1])).convert("L")
    assert band.getextrema()[1] > 240  # white letters on the dark band


def _drawn(font, letter):
    """One letter drawn on a canvas of fixed size (so two drawings compare pixel by pixel)."""
    from PIL import ImageDraw

    canvas = PILImage.new("L", (80, 80), 0)
    ImageDraw.Draw(canvas).text((10, 10), letter, font=font, fill=255)
    return canvas.tobytes()


def test_a_german_line_has_no_missing_glyph_boxes_in_either_weight():
    sample = "Müller Straße Ä Ö Ü ß"
    for bold in (False, True):
        font = shipped_font(40, bold=bold)
        assert set(sample) - {" "} <= covered(font)
        box = _drawn(font, NOT_IN_THE_FONT)  # the font's .notdef glyph
        for letter in set(sample) - {" "}:
            assert _drawn(font, letter) != box, letter
        # the whole line is as wide as its letters, not as a row of boxes
        assert font.getlength(sample) != font.getlength(NOT_IN_THE_FONT * len(sample.replace(" ", "")))
