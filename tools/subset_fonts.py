"""Build the self-hosted WOFF2 fonts from the shipped Open Sans TTFs (Apache-2.0).

    .venv/bin/python tools/subset_fonts.py

Keeps Latin, Latin-1, Latin Extended-A (German, most EU names) and the punctuation the site uses
(dashes, German quotes, ellipsis, euro, arrows), so each file is ~30 KB instead of ~220 KB.
The output is committed; run again only when the TTFs or the character set change.
"""

from pathlib import Path

from fontTools import subset

FONTS = Path(__file__).resolve().parents[1] / "site/static/fonts/open-sans"
UNICODES = "U+0020-007E,U+00A0-017F,U+0218-021B,U+02C6,U+02DA,U+02DC,U+2010-2027,U+2030,U+2039-203A,U+20AC,U+2122,U+2190-2193,U+2212"


def main():
    for name in ("OpenSans-Regular", "OpenSans-Bold", "OpenSans-Italic"):
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["kern", "liga", "tnum", "lnum"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(FONTS / f"{name}.ttf"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
        subsetter.subset(font)
        out = FONTS / f"{name}.woff2"
        subset.save_font(font, str(out), options)
        print(f"{out.name}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
