"""Press copies of an image: web (1600 px) and print (the original resolution, up to 6000 px, marked
300 dpi, so a newspaper gets what the photographer delivered) JPEGs that carry credit and
licence in their file name and in their metadata (EXIF Artist/Copyright/ImageDescription, and XMP
with dc:creator, dc:rights, xmpRights:UsageTerms in full UTF-8).

Generated once per image version and kept in a private cache folder (not under MEDIA_ROOT, so the
web server never serves them directly); the press kit view decides who gets them.
"""

import hashlib
import io
import os
import tempfile
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageOps

SIZES = {
    # key: (label in the file name, longest edge in px at most, JPEG quality)
    "web": ("web", 1600, 85),
    "print": ("druck", 6000, 92),  # the original up to 6000 px (50 cm at 300 dpi); more only costs memory
}
PRINT_DPI = 300
DPI = {"web": 72, "print": PRINT_DPI}
EXIF_ARTIST, EXIF_COPYRIGHT, EXIF_DESCRIPTION = 0x013B, 0x8298, 0x010E
NAME_PART_MAX = 60


def ascii_text(text):
    """EXIF strings are ASCII: transliterate (ä→ae, ß→ss, ©→(c)) instead of losing characters."""
    for char, ascii_ in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"),
                         ("ß", "ss"), ("©", "(c)"), ("–", "-"), ("—", "-"), ("„", '"'), ("“", '"')):
        text = text.replace(char, ascii_)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _slug(text):
    # "CC BY 4.0" → "cc-by-4-0" (keep version numbers readable)
    return slugify(ascii_text(text or "").replace(".", "-"))[:NAME_PART_MAX].strip("-")


def long_edge(size, original_width, original_height):
    """The longest edge of the press copy: the size's limit, never more than the original."""
    return min(SIZES[size][1], max(original_width or 0, original_height or 0)) or SIZES[size][1]


def dimensions(size, original_width, original_height):
    """(width, height) in px of the press copy: the longest edge as `long_edge`, the aspect kept."""
    width, height = original_width or 0, original_height or 0
    edge = long_edge(size, width, height)
    if not width or not height or max(width, height) <= edge:
        return (width, height) if width and height else (edge, edge)
    scale = edge / max(width, height)
    if width >= height:
        return edge, max(1, round(height * scale))
    return max(1, round(width * scale)), edge


def print_size_cm(width, height, dpi=PRINT_DPI):
    """(width, height) in cm, one decimal, of a picture printed at `dpi`."""
    return round(width / dpi * 2.54, 1), round(height / dpi * 2.54, 1)


def press_filename(title, credit, licence, size, original_width=None, original_height=None):
    """e.g. "wahlkreisrat-75-bild-1_web-1600px_foto-lena-beispiel_cc-by-4-0.jpg"."""
    label = f"{SIZES[size][0]}-{long_edge(size, original_width, original_height)}px"
    parts = [_slug(title) or "bild", label, _slug(credit) or "ohne-credit", _slug(licence) or "ohne-lizenz"]
    return "_".join(parts) + ".jpg"


def xmp_packet(title, description, credit, licence):
    rights = ", ".join(p for p in (credit, licence) if p)

    def alt(value):
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>'

    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">'
        f"<dc:title>{alt(title)}</dc:title>"
        f"<dc:description>{alt(description)}</dc:description>"
        f"<dc:creator><rdf:Seq><rdf:li>{escape(credit)}</rdf:li></rdf:Seq></dc:creator>"
        f"<dc:rights>{alt(rights)}</dc:rights>"
        f"<xmpRights:UsageTerms>{alt(licence)}</xmpRights:UsageTerms>"
        f"<photoshop:Credit>{escape(credit)}</photoshop:Credit>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()


def press_jpeg(source, size, *, title, description, credit, licence):
    """JPEG bytes of the image file `source` (a file object) scaled for `size`, with metadata."""
    _label, edge, quality = SIZES[size]
    with PILImage.open(source) as original:
        picture = ImageOps.exif_transpose(original).convert("RGB")
    target = dimensions(size, *picture.size)
    if target != picture.size:  # only ever shrinks, to exactly the size the press kit states
        picture = picture.resize(target, PILImage.Resampling.LANCZOS)
    exif = PILImage.Exif()
    exif[EXIF_ARTIST] = ascii_text(credit)
    exif[EXIF_COPYRIGHT] = ascii_text(", ".join(p for p in (credit, licence) if p))
    exif[EXIF_DESCRIPTION] = ascii_text(description)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=quality, optimize=True, progressive=True, exif=exif, dpi=(DPI[size],) * 2,
                 xmp=xmp_packet(title, description, credit, licence))
    return out.getvalue()


def cache_dir():
    return Path(settings.VAR_DIR) / "cache" / "presskit"


def _cache_path(image, size):
    key = hashlib.sha256("\x1f".join([
        "v2", image.get_file_hash() or "", image.title, image.default_alt_text, image.credit, image.licence, size,
    ]).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / f"{image.pk}-{key}-{size}.jpg"


def press_file(image, size):
    """(file name, JPEG bytes) of `image` for `size`, generated once per image version."""
    path = _cache_path(image, size)
    if path.exists():
        data = path.read_bytes()
    else:
        with image.open_file() as source:
            data = press_jpeg(source, size, title=image.title, description=image.default_alt_text,
                              credit=image.credit, licence=image.licence)
        _write_atomically(path, data)
    return filename_for(image, size), data


def _write_atomically(path, data):
    """Write into a temporary file of its own (two downloads at once never share one) and move it into
    place in one step: a reader sees the old file, no file, or the whole new one, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp",
                                     delete=False) as handle:
        handle.write(data)
    try:
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def filename_for(image, size):
    return press_filename(image.title, image.credit, image.licence, size, image.width, image.height)


def purge_press_files(image_id):
    for path in cache_dir().glob(f"{image_id}-*.jpg"):
        path.unlink(missing_ok=True)
