"""Draw the raster brand images from the same geometry as site/static/img/logo.svg.

    .venv/bin/python tools/draw_brand.py

Writes site/static/img/og-default.png (1200×630, the fallback og:image) and
site/static/img/logo.png (512×512, the publisher logo for structured data). Text is set in the
shipped Open Sans Bold, so the output does not depend on the machine's fonts. The PNGs are
committed (each well under 50 KB); run again only when the mark changes.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "site/static/img"
BOLD = ROOT / "site/static/fonts/open-sans/OpenSans-Bold.ttf"
REGULAR = ROOT / "site/static/fonts/open-sans/OpenSans-Regular.ttf"
BLUE, DARK, YELLOW, WHITE = "#0a4a7f", "#06304f", "#f2b705", "#ffffff"


def mark(draw, x, y, size, background=BLUE):
    """The mark of logo.svg (a 64-unit square) at (x, y) with edge `size`."""
    s = size / 64
    draw.rounded_rectangle([x, y, x + size, y + size], radius=12 * s, fill=background)
    for i in range(8):
        angle = math.radians(-90 + 45 * i)
        cx, cy = x + (32 + 19 * math.cos(angle)) * s, y + (32 + 19 * math.sin(angle)) * s
        draw.ellipse([cx - 5 * s, cy - 5 * s, cx + 5 * s, cy + 5 * s], fill=WHITE)
    draw.ellipse([x + 24 * s, y + 24 * s, x + 40 * s, y + 40 * s], fill=YELLOW)


def og_default():
    image = Image.new("RGB", (1200, 630), BLUE)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 560, 1200, 630], fill=DARK)
    mark(draw, 100, 175, 200, background=DARK)
    draw.text((350, 190), "Wahlkreisrat", font=ImageFont.truetype(str(BOLD), 110), fill=WHITE)
    draw.text((356, 330), "Bürgerräte in den Wahlkreisen des Bundestages",
              font=ImageFont.truetype(str(REGULAR), 32), fill="#dbe7f3")
    image = image.quantize(colors=32)
    image.save(IMG / "og-default.png", optimize=True)


def logo():
    image = Image.new("RGBA", (512, 512), (0, 0, 0, 0))
    mark(ImageDraw.Draw(image), 0, 0, 512)
    image.save(IMG / "logo.png", optimize=True)


if __name__ == "__main__":
    og_default()
    logo()
    for name in ("og-default.png", "logo.png"):
        print(name, (IMG / name).stat().st_size // 1024, "KB")
