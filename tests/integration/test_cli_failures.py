"""What a user hits when something is wrong: one line saying what, where and what to do, a
documented exit status (docs/cli.md), no traceback, and one-shot commands done within 10 s."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.integration.commands import NEWSFLOW, newsflow, user_env

pytestmark = pytest.mark.integration


def _newsflow(
    tmp_path: Path, *args: str, cwd: Path | None = None, **env: str
) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    proc = newsflow(*args, data_dir=tmp_path / "var", cwd=cwd or REPO, timeout=60, **env)
    return proc, time.monotonic() - started


def _one_clear_line(proc: subprocess.CompletedProcess[str], status: int, *words: str) -> None:
    assert proc.returncode == status, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    errors = [line for line in proc.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, proc.stderr[-2000:]
    assert all(w in errors[0] for w in words), errors[0]


@pytest.mark.parametrize(
    "content,words",
    [
        ("[[feeds]\nurl = 1\n", ("not valid TOML", "line 1")),
        ('feeds = "oops"\n', ('"feeds" must be an array of tables',)),
        ("[[feeds]]\nname = 'no url'\n", ("feeds[0] has no url",)),
    ],
)
def test_bad_feed_list(tmp_path: Path, content: str, words: tuple[str, ...]) -> None:
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(content)
    proc, elapsed = _newsflow(tmp_path, "run", "--once", "--feeds", str(feeds))
    _one_clear_line(proc, 2, str(feeds), *words)
    assert elapsed < 10


def test_default_feed_list_is_found_from_another_directory(tmp_path: Path) -> None:
    proc, _ = _newsflow(tmp_path, "run", "--once", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "new articles" in proc.stdout


@pytest.mark.parametrize("command", [["status"], ["subscribe", "--max", "1"]])
def test_unreachable_broker_for_one_shot_commands(tmp_path: Path, command: list[str]) -> None:
    proc, elapsed = _newsflow(tmp_path, *command, "--bootstrap-servers", "127.0.0.1:9", NEWSFLOW_CONNECT_TIMEOUT_S="3")
    _one_clear_line(proc, 1, "no Kafka broker answered at 127.0.0.1:9", "NEWSFLOW_CONNECT_TIMEOUT_S")
    assert elapsed < 10


@pytest.mark.parametrize(
    "url,words",
    [
        ("postgresql://postgres@127.0.0.1:5432/newsflow_no_such_db_x1", ("does not exist", "createdb")),
        ("postgresql://no_such_role_x1@127.0.0.1:5432/postgres", ("refused user 'no_such_role_x1'",)),
        ("postgresql://postgres@127.0.0.1:9/postgres", ("is not reachable",)),
    ],
)
def test_configured_database_problems(tmp_path: Path, url: str, words: tuple[str, ...]) -> None:
    proc, elapsed = _newsflow(tmp_path, "backfill", str(tmp_path), NEWSFLOW_POSTGRES_URL=url)
    _one_clear_line(proc, 1, *words)
    assert elapsed < 10
    if "no_such_db" in url:  # a typo is an error, not a new database
        check = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-tAc",
                "SELECT count(*) FROM pg_database WHERE datname = 'newsflow_no_such_db_x1'",
            ],
            capture_output=True,
            text=True,
        )
        assert check.stdout.strip() in ("0", ""), check.stdout


def test_run_once_fails_when_every_feed_failed(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.toml"
    feeds.write_text('[[feeds]]\nurl = "http://127.0.0.1:9/feed.xml"\n')
    proc, elapsed = _newsflow(tmp_path, "run", "--once", "--feeds", str(feeds), NEWSFLOW_ALLOW_PRIVATE_FETCH="true")
    _one_clear_line(proc, 1, "every feed", str(feeds))
    assert elapsed < 30  # an embedded broker starts first


def test_backfill_with_nothing_usable(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    proc, elapsed = _newsflow(tmp_path, "backfill", str(tmp_path / "empty"))
    _one_clear_line(proc, 1, "no files", "give an archive directory")
    assert elapsed < 10


def test_backfill_of_a_file_that_is_no_feed_fails_every_time(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Meeting notes: nothing here is a feed.\n")
    for _ in range(2):  # not recorded as done: a rerun says the same
        proc, _ = _newsflow(tmp_path, "backfill", str(notes))
        _one_clear_line(proc, 1, "no feed in 1 document", "newsflow deadletters")
        assert "1 not readable as a feed" in proc.stdout


def test_unexpected_errors_are_one_line_and_verbose_after_the_subcommand_shows_the_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "article.txt"
    bad.write_bytes(b"\xff\xfe not utf-8 \xff")
    proc, _ = _newsflow(tmp_path, "extract", str(bad))
    _one_clear_line(proc, 1, "UnicodeDecodeError", "-v")
    verbose, _ = _newsflow(tmp_path, "extract", str(bad), "-v")
    assert verbose.returncode == 1 and "Traceback" in verbose.stderr


def test_run_says_it_is_idle_between_polls(tmp_path: Path) -> None:
    """After the first batch `run` is not silent until the next poll: a heartbeat line comes."""
    import signal

    env = user_env(tmp_path / "var", NEWSFLOW_HEARTBEAT_S="1")
    proc = subprocess.Popen(
        [*NEWSFLOW, "run"], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 60
        assert proc.stdout is not None
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            seen.append(line)
            if line.startswith("idle: next feed poll in"):
                break
        else:
            raise AssertionError("".join(seen))
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert any("new articles" in s for s in seen)  # the first poll came before the heartbeat
    assert proc.returncode == 0
