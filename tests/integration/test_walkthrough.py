"""A newcomer's first two days, scripted (issue 27): a fresh clone, `make run` in one terminal and
every other command in another, as README and docs/cli.md tell them. Each step checks its exit
status, at least one line of what it printed, and that nothing printed a traceback."""

from __future__ import annotations

import json
import re
import signal
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.integration.commands import Background, succeeded, user_env

pytestmark = pytest.mark.integration

NEW_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Walkthrough Courier</title><link>https://walk.example/</link>
<item><title>Library opens late</title><link>https://walk.example/library</link>
<pubDate>Wed, 02 Dec 2026 10:00:00 GMT</pubDate>
<description>"The reading rooms will stay open until midnight from January," said Ines Carvalho,
the city librarian.</description></item></channel></rss>
"""
ARTICLE = 'Ines Carvalho, the city librarian, said the rooms would stay open. "We listened," she said.\n'


def test_a_newcomer_walks_through_every_command(tmp_path: Path, pg_url: str) -> None:
    clone = tmp_path / "newsflow"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True, timeout=120)
    env = user_env(NEWSFLOW_POSTGRES_URL=pg_url)
    cli = str(clone / ".venv" / "bin" / "newsflow")

    def command(*args: str, status: int = 0) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(list(args), cwd=clone, env=env, capture_output=True, text=True, timeout=300)
        succeeded(proc, status)
        return proc

    # 2. `make run` in the first terminal, until the first quotes
    run = Background(["make", "run"], cwd=clone, env=env)
    try:
        broker = re.search(r"\(Tansu\) on (\S+);", run.wait_for("embedded Kafka-protocol broker", timeout=600))
        assert broker, run.output
        run.wait_for("“", timeout=120)

        # 3. subscribe from now: nothing old, then the new record (the first one it prints; an idle
        # window of a few seconds raced the backfill's start and the job's batch on a busy machine)
        subscriber = Background([cli, "subscribe", "--max", "1", "--exit-when-idle", "90"], cwd=clone, env=env)
        subscriber.wait_for("from now", timeout=60)
        (clone / "examples" / "feeds" / "walkthrough.rss").write_text(NEW_FEED, encoding="utf-8")
        sent = command(cli, "backfill", "--bootstrap-servers", broker[1], "examples/feeds/walkthrough.rss").stdout
        assert "1 new article" in sent
        assert subscriber.finish(timeout=90) == 0, subscriber.output
        [record] = [json.loads(line) for line in subscriber.lines if line.startswith("{")]
        assert record["url"] == "https://walk.example/library"
        assert record["quotes"][0]["speaker_name"] == "Ines Carvalho"

        # 4. status, extract, deadletters (with a backfill's dead letter, which only Parquet has)
        assert "lag: " in command(cli, "status").stdout
        (clone / "article.txt").write_text(ARTICLE, encoding="utf-8")
        assert "Ines Carvalho" in command(cli, "extract", "article.txt").stdout
        (clone / "notes.txt").write_text("Shopping list: bread, milk.\n")
        refused = command(cli, "backfill", "notes.txt", status=1)
        assert "no feed in 1 document" in refused.stderr
        listed = command(cli, "deadletters").stdout
        assert "notes.txt" in listed and re.search(r"dead letters? shown: \d+ on newsflow.deadletter.v1", listed)

        # 5. feeds import: into the list `run` reads
        (clone / "mine.opml").write_text(
            '<opml version="2.0"><body><outline text="Walkthrough Courier" xmlUrl="feeds/walkthrough.rss"/>'
            "</body></opml>"
        )
        assert "1 feed added to examples/feeds.toml" in command(cli, "feeds", "import", "mine.opml").stdout

        # 6. backfill the archive twice: the second run has nothing new and says so
        assert "new article" in command(cli, "backfill", "var/archive").stdout
        assert "backfill: nothing new" in command(cli, "backfill", "var/archive").stdout

        # 7. compact
        assert "date partition" in command(cli, "compact").stdout

        # 8. `make demo` while `make run` is up: it uses the running broker and reads the imported feed
        demo = command("make", "demo").stdout
        assert "using the embedded broker already running" in demo and "feeds: 3 polled" in demo
        assert "broker " in command(cli, "status").stdout
        assert run.proc.poll() is None
    finally:
        # 9. Ctrl-C in the first terminal: make passes on the interrupt once newsflow has stopped cleanly
        stopped = run.interrupt(timeout=90)
    assert stopped == -signal.SIGINT, run.output
    assert any(line.startswith("done in") for line in run.lines) and "Traceback" not in run.output
