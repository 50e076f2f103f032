"""Generated demo media (no binaries in git): pictures drawn with Pillow, consent records for them,
and a few-second captioned video made with ffmpeg (skipped with a message when ffmpeg is missing)."""

import datetime
import io
import math
import random
import shutil
import subprocess
import tempfile
import zlib
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter, ImageFont

from .models import Consent, CustomImage, Video, VideoTrack

PALETTE = ["#0a4a7f", "#b3261e", "#f2b705", "#2e7d32", "#6a1b9a", "#00838f", "#ef6c00", "#dde3ea"]
SKIN = ["#f1c7a5", "#d9a07b", "#a86b4a", "#7a4a32", "#e8b896", "#5c3a28"]


def _abstract(rng, size):
    canvas = PILImage.new("RGB", size, rng.choice(PALETTE[-1:] + ["#f3f5f7"]))
    draw = ImageDraw.Draw(canvas)
    for _ in range(14):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        r = rng.randrange(60, 320)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(PALETTE))
    return canvas


def _people(rng, size):
    """A soft, photo-like scene: a room, a table and a few figures (heads and shoulders)."""
    w, h = size
    top, bottom = rng.choice([((226, 232, 240), (180, 190, 205)), ((245, 236, 220), (200, 185, 160)),
                              ((220, 235, 228), (160, 190, 175))])
    canvas = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(canvas)
    for y in range(h):  # wall gradient
        t = y / h
        draw.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    for _ in range(3):  # windows
        x = rng.randrange(0, w - w // 5)
        draw.rectangle((x, h // 10, x + w // 6, h // 2), fill=(250, 250, 245))
    people = rng.randrange(2, 5)
    for i in range(people):
        cx = int(w * (i + 0.5) / people + rng.randrange(-w // 20, w // 20))
        head = rng.randrange(h // 12, h // 9)
        cy = int(h * 0.45) + rng.randrange(-h // 20, h // 20)
        colour = rng.choice(PALETTE[:7])
        draw.rounded_rectangle((cx - head * 2.2, cy + head * 0.9, cx + head * 2.2, h), radius=head, fill=colour)
        draw.ellipse((cx - head, cy - head, cx + head, cy + head), fill=rng.choice(SKIN))
        draw.pieslice((cx - head * 1.05, cy - head * 1.15, cx + head * 1.05, cy + head * 0.6), 180, 360,
                      fill=rng.choice(["#2b2118", "#6b4a2b", "#b8a27a", "#3a3a3a", "#8c8c8c"]))
    draw.rectangle((0, int(h * 0.78), w, h), fill=(120, 84, 52))  # table
    for _ in range(5):
        x = rng.randrange(w)
        draw.rectangle((x, int(h * 0.8), x + w // 12, int(h * 0.83)), fill=(250, 250, 250))  # papers
    canvas = canvas.filter(ImageFilter.GaussianBlur(radius=max(1, w // 600)))
    noise = PILImage.effect_noise(size, 18).convert("RGB")
    return PILImage.blend(canvas, noise, 0.06)


def demo_image(title, description, *, seed, credit="Demo-Foto: Wahlkreisrat", licence="CC BY 4.0",
               size=(1600, 1067), people=False, consents=None, style=None):
    """Get or create a generated image with alt text and credit (idempotent by title).

    `people` sets whether the image counts as showing identifiable people; `consents` (a list of
    dicts, see ensure_consents) records their consent. Both are brought up to date on every run.
    """
    image = CustomImage.objects.filter(title=title).first()
    if image is None:
        rng = random.Random(seed)
        canvas = (_people if (style or ("people" if people else "abstract")) == "people" else _abstract)(rng, size)
        buffer = io.BytesIO()
        canvas.save(buffer, "JPEG", quality=82)
        image = CustomImage(title=title, description=description, credit=credit, licence=licence,
                            shows_identifiable_people=people)
        image.file = ImageFile(buffer, name=f"demo-{seed}.jpg")
        image.save()
    elif image.shows_identifiable_people != people:
        image.shows_identifiable_people = people
        image.save(update_fields=["shows_identifiable_people"])
    if consents is not None:
        ensure_consents(image, consents)
    return image


def ensure_consents(subject, consents):
    """Make `subject` (image or video) show people with exactly these consent records.

    Each dict holds Consent fields; `person_name` identifies the record across runs.
    """
    if not subject.shows_identifiable_people:
        subject.shows_identifiable_people = True
        subject.save(update_fields=["shows_identifiable_people"])
    field = "image" if isinstance(subject, CustomImage) else "video"
    names = []
    for spec in consents:
        spec = dict(spec)
        name = spec.pop("person_name")
        names.append(name)
        record = Consent.objects.filter(**{field: subject}, person_name=name).first() or Consent(
            **{field: subject}, person_name=name)
        for key, value in spec.items():
            setattr(record, key, value)
        record.full_clean()
        record.save()
    Consent.objects.filter(**{field: subject}).exclude(person_name__in=names).delete()


def consent_spec(name, today, *, days_ago=60, uses=("website", "press", "social"), valid_days=730,
                 withdrawn_days_ago=None, minor_guardian=None):
    """A consent record spec relative to `today` (for demo_image/ensure_consents)."""
    spec = {
        "person_name": name,
        "use_website": "website" in uses, "use_press": "press" in uses, "use_social": "social" in uses,
        "given_on": today - datetime.timedelta(days=days_ago),
        "valid_until": today + datetime.timedelta(days=valid_days) if valid_days is not None else None,
        "withdrawn_on": today - datetime.timedelta(days=withdrawn_days_ago) if withdrawn_days_ago is not None else None,
        "is_minor": bool(minor_guardian),
        "guardian_name": minor_guardian or "",
        "guardian_consented_on": today - datetime.timedelta(days=days_ago) if minor_guardian else None,
        "evidence": f"Demo-Ordner Einwilligungen, Blatt {zlib.crc32(name.encode()) % 90 + 10}",
    }
    return spec


# --- video ------------------------------------------------------------------------------------

def _vtt(cues):
    def stamp(seconds):
        return f"00:{int(seconds) // 60:02d}:{seconds % 60:06.3f}"
    lines = ["WEBVTT", ""]
    for number, (start, end, text) in enumerate(cues, start=1):
        lines += [str(number), f"{stamp(start)} --> {stamp(end)}", text, ""]
    return "\n".join(lines)


def shipped_font(size, bold=False):
    """The repository's own type (settings.FONT_DIR), so slides look the same on every machine and
    show umlauts and ß (Pillow's built-in default font is not the site's type)."""
    name = "OpenSans-Bold.ttf" if bold else "OpenSans-Regular.ttf"
    return ImageFont.truetype(str(Path(settings.FONT_DIR) / name), size)


def fitting_font(text, width, size, bold=False):
    """The shipped font at `size` pixels, or smaller until `text` fits `width` pixels."""
    font = shipped_font(size, bold)
    while font.getlength(text) > width and size > 8:
        size -= 1
        font = shipped_font(size, bold)
    return font


def slide_fonts(heading, sub, size):
    """(heading, subline) fonts of a video slide of `size` pixels, the texts within its margins."""
    width = size[0] * 0.9
    return fitting_font(heading, width, size[1] // 9, bold=True), fitting_font(sub, width, size[1] // 16)


def _frames(folder, slides, size):
    for index, (heading, sub) in enumerate(slides):
        font_big, font_small = slide_fonts(heading, sub, size)
        rng = random.Random(index + 7)
        frame = _people(rng, size) if index % 2 else _abstract(rng, size)
        draw = ImageDraw.Draw(frame, "RGBA")
        draw.rectangle((0, size[1] * 0.62, size[0], size[1]), fill=(6, 48, 79, 215))
        draw.text((size[0] * 0.05, size[1] * 0.66), heading, font=font_big, fill="white")
        draw.text((size[0] * 0.05, size[1] * 0.84), sub, font=font_small, fill="white")
        frame.save(folder / f"frame{index:02d}.png")


def demo_video(title, *, poster, slides, captions, transcripts, seconds_per_slide=2.0, size=(640, 360), stdout=None):
    """Get or create a short captioned MP4 (H.264/AAC) drawn with Pillow and encoded by ffmpeg.

    `captions` and `transcripts` map a language code to cue lists [(start, end, text)] and text.
    Returns None (and says so) when ffmpeg is not installed.
    """
    video = Video.objects.filter(title=title).first()
    if video is None:
        ffmpeg = shutil.which("ffmpeg")
        if not ffmpeg:
            if stdout:
                stdout.write("ffmpeg not found: the demo video is skipped (scripts/bootstrap.sh installs it).")
            return None
        duration = seconds_per_slide * len(slides)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            _frames(folder, slides, size)
            out = folder / "video.mp4"
            subprocess.run([
                ffmpeg, "-hide_banner", "-loglevel", "error", "-y",
                "-framerate", f"1/{seconds_per_slide}", "-i", str(folder / "frame%02d.png"),
                "-f", "lavfi", "-i", f"sine=frequency=220:sample_rate=44100:duration={duration}",
                "-filter:a", "volume=0.08",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "30", "-pix_fmt", "yuv420p", "-r", "12",
                "-c:a", "aac", "-b:a", "48k", "-shortest", "-movflags", "+faststart", str(out),
            ], check=True, timeout=120)
            video = Video(title=title, poster=poster, width=size[0], height=size[1],
                          duration=math.ceil(duration), credit="Demo-Video: Wahlkreisrat", licence="CC BY 4.0",
                          shows_identifiable_people=False)
            video.file.save("wahlkreisrat-demo.mp4", ContentFile(out.read_bytes()), save=False)
            video.save()
    existing = {(t.language, t.kind): t for t in video.tracks.all()}
    for order, (language, cues) in enumerate(captions.items()):
        track = existing.get((language, "captions")) or VideoTrack(video=video, language=language, kind="captions")
        track.sort_order = order
        track.transcript = transcripts.get(language, "")
        if not track.file:
            track.file.save(f"untertitel-{language}.vtt", ContentFile(_vtt(cues).encode("utf-8")), save=False)
        track.save()
    return video


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
