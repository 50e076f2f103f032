"""Parsing YouTube and Vimeo links for the two-click embed (plain logic, no database, no network)."""

import pytest

from stories.embeds import parse_video_url


@pytest.mark.parametrize("url,provider,video_id", [
    ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "youtube", "aqz-KE-bpKQ"),
    ("https://youtube.com/watch?feature=share&v=aqz-KE-bpKQ", "youtube", "aqz-KE-bpKQ"),
    ("https://youtu.be/aqz-KE-bpKQ?t=10", "youtube", "aqz-KE-bpKQ"),
    ("https://www.youtube.com/shorts/aqz-KE-bpKQ", "youtube", "aqz-KE-bpKQ"),
    ("https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ", "youtube", "aqz-KE-bpKQ"),
    ("https://vimeo.com/76979871", "vimeo", "76979871"),
    ("https://player.vimeo.com/video/76979871?h=abc", "vimeo", "76979871"),
])
def test_known_links(url, provider, video_id):
    video = parse_video_url(url)
    assert (video.provider, video.video_id) == (provider, video_id)


@pytest.mark.parametrize("url", [
    "", "not a url", "ftp://youtube.com/watch?v=aqz-KE-bpKQ", "https://www.youtube.com/watch?v=short",
    "https://evil.example/watch?v=aqz-KE-bpKQ", "https://youtube.com.evil.example/watch?v=aqz-KE-bpKQ",
    "https://vimeo.com/channels/staffpicks", "javascript:alert(1)",
])
def test_everything_else_is_refused(url):
    assert parse_video_url(url) is None


def test_player_urls_are_privacy_friendly():
    youtube = parse_video_url("https://youtu.be/aqz-KE-bpKQ")
    assert youtube.embed_url.startswith("https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ")
    assert youtube.watch_url == "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
    vimeo = parse_video_url("https://vimeo.com/76979871")
    assert "dnt=1" in vimeo.embed_url
