"""OPML import and export: the subscriptions of any feed reader become feeds.toml entries."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.feeds.config import FeedSpec, load_feeds
from pipeline.feeds.opml import Added, OpmlError, add_to_feed_list, parse_opml, to_opml

READER_EXPORT = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>My subscriptions</title></head><body>
  <outline text="News" title="News">
    <outline type="rss" text="Harbour &amp; Co" title="Harbour &amp; Co" xmlUrl="https://harbour.example/rss"
             htmlUrl="https://harbour.example/"/>
    <outline type="rss" text="Die Zeitung" xmlUrl="https://zeitung.example/feed" language="de"/>
  </outline>
  <outline text="a folder without feeds"/>
</body></opml>"""


def test_nested_outlines_with_names_and_languages() -> None:
    assert parse_opml(READER_EXPORT) == [
        FeedSpec("https://harbour.example/rss", "Harbour & Co"),
        FeedSpec("https://zeitung.example/feed", "Die Zeitung", "de"),
    ]


@pytest.mark.parametrize("data", [b"<opml><body>", b"<rss version='2.0'/>", b"\xff\xfe"])
def test_not_opml(data: bytes) -> None:
    with pytest.raises(OpmlError):
        parse_opml(data)


def test_import_appends_new_feeds_only_and_round_trips(tmp_path: Path) -> None:
    target = tmp_path / "feeds.toml"
    target.write_text('[[feeds]]\nurl = "https://harbour.example/rss"\nname = "Harbour"\n')
    assert add_to_feed_list(target, parse_opml(READER_EXPORT)) == Added(1, 1, 0)
    feeds = load_feeds(target)
    assert [f.url for f in feeds] == ["https://harbour.example/rss", "https://zeitung.example/feed"]
    assert feeds[1].language == "de"
    assert parse_opml(to_opml(feeds).encode()) == feeds


def test_cli_import_and_export(tmp_path: Path) -> None:
    opml = tmp_path / "subscriptions.opml"
    opml.write_bytes(READER_EXPORT)
    target = tmp_path / "feeds.toml"
    runner = CliRunner()
    result = runner.invoke(main, ["feeds", "import", str(opml), "--feeds", str(target)])
    assert result.exit_code == 0 and result.output.startswith("2 feeds added"), result.output
    exported = runner.invoke(main, ["feeds", "export", "--feeds", str(target)])
    assert exported.exit_code == 0 and 'xmlUrl="https://zeitung.example/feed"' in exported.output
    bad = tmp_path / "bad.opml"
    bad.write_bytes(b"<html/>")
    result = runner.invoke(main, ["feeds", "import", str(bad), "--feeds", str(target)])
    assert result.exit_code == 2 and "not <opml>" in result.output and "Traceback" not in result.output
