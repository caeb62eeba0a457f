from pathlib import Path

import pytest

from pipeline.feeds.config import load_feeds
from pipeline.feeds.html import html_to_text


def test_html_keeps_paragraphs_and_drops_scripts() -> None:
    markup = "<p>First &amp; one.</p><script>alert(1)</script><p>Second<br>line</p>"
    assert html_to_text(markup) == "First & one.\n\nSecond\n\nline"


def test_plain_text_with_entities() -> None:
    assert html_to_text("Tom &amp; Jerry&nbsp;said") == "Tom & Jerry said"


def test_feed_list_resolves_local_paths(tmp_path: Path) -> None:
    (tmp_path / "feeds.toml").write_text(
        '[[feeds]]\nurl = "a.xml"\nname = "A"\n[[feeds]]\nurl = "https://x.example/rss"\n'
    )
    feeds = load_feeds(tmp_path / "feeds.toml")
    assert feeds[0].url == str(tmp_path / "a.xml") and feeds[0].name == "A"
    assert feeds[1].url == "https://x.example/rss"


@pytest.mark.parametrize("content", ["[[feeds]]\nname = 'no url'\n", "not toml ["])
def test_bad_feed_list_is_a_clear_error(tmp_path: Path, content: str) -> None:
    (tmp_path / "feeds.toml").write_text(content)
    with pytest.raises(ValueError, match="feeds"):
        load_feeds(tmp_path / "feeds.toml")
