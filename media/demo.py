"""Generated demo images (no binaries in git): abstract compositions drawn with Pillow."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage, ImageDraw

from .models import CustomImage

PALETTE = ["#0a4a7f", "#b3261e", "#f2b705", "#2e7d32", "#6a1b9a", "#00838f", "#ef6c00", "#dde3ea"]


def demo_image(title, description, *, seed, credit="Demo-Foto: Wahlkreisrat", licence="CC BY 4.0",
               size=(1600, 1067)):
    """Get or create a generated image with alt text and credit (idempotent by title)."""
    image = CustomImage.objects.filter(title=title).first()
    if image:
        return image
    rng = random.Random(seed)
    canvas = PILImage.new("RGB", size, rng.choice(PALETTE[-1:] + ["#f3f5f7"]))
    draw = ImageDraw.Draw(canvas)
    for _ in range(14):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        r = rng.randrange(60, 320)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(PALETTE))
    buffer = io.BytesIO()
    canvas.save(buffer, "JPEG", quality=82)
    image = CustomImage(title=title, description=description, credit=credit, licence=licence)
    image.file = ImageFile(buffer, name=f"demo-{seed}.jpg")
    image.save()
    return image


def demo_pdf(title):
    """A tiny valid one-page PDF, hand-written, so the demo needs no PDF engine."""
    text = title.encode("latin-1", "replace")
    content = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()
