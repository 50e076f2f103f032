"""External videos (YouTube, Vimeo) for the two-click embed: plain URL logic, no requests.

`parse_video_url()` turns what an editor pastes into the provider, the video id, the privacy-friendly
player URL that is loaded only after the reader's click, and the page on the provider's site that
the no-JavaScript fallback links to.
"""

import dataclasses
import re
from urllib.parse import parse_qs, urlsplit

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com",
                 "youtube-nocookie.com", "www.youtube-nocookie.com"}
YOUTUBE_SHORT_HOSTS = {"youtu.be", "www.youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{1,12}$")


@dataclasses.dataclass(frozen=True)
class ExternalVideo:
    provider: str  # "youtube" | "vimeo"
    video_id: str

    @property
    def provider_name(self):
        return {"youtube": "YouTube", "vimeo": "Vimeo"}[self.provider]

    @property
    def embed_url(self):
        """The player, loaded only after the click: youtube-nocookie / Vimeo with do-not-track."""
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1&rel=0"
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1&autoplay=1"

    @property
    def watch_url(self):
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"

    @property
    def origin(self):
        """Where the embed will connect to (for the notice before the click)."""
        return "www.youtube-nocookie.com" if self.provider == "youtube" else "player.vimeo.com"


def parse_video_url(url):
    """ExternalVideo for a YouTube or Vimeo URL, or None if it is neither (or malformed)."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    if host in YOUTUBE_HOSTS:
        candidate = None
        if segments[:1] == ["watch"]:
            candidate = parse_qs(parts.query).get("v", [None])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
            candidate = segments[1]
        if candidate and YOUTUBE_ID.match(candidate):
            return ExternalVideo("youtube", candidate)
        return None
    if host in YOUTUBE_SHORT_HOSTS:
        if segments and YOUTUBE_ID.match(segments[0]):
            return ExternalVideo("youtube", segments[0])
        return None
    if host in VIMEO_HOSTS:
        if host == "player.vimeo.com":
            segments = segments[1:] if segments[:1] == ["video"] else []
        if segments and VIMEO_ID.match(segments[0]):
            return ExternalVideo("vimeo", segments[0])
    return None
