"""`newsflow extract`: one text in, its quotes and actors out, as the job would find them."""

import json

from click.testing import CliRunner

from pipeline.cli import main

TEXT = (
    "Finanzminister Thomas Berger legte am Dienstag den Haushaltsentwurf vor. "
    "„Wir müssen sparen, auch wenn es wehtut“, sagte Berger in Berlin."
)


def test_table_from_stdin_detects_the_language() -> None:
    result = CliRunner().invoke(main, ["extract"], input=TEXT)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("language: de; 1 quote, 2 actors")
    assert "Thomas Berger" in result.output and "Wir müssen sparen, auch wenn es wehtut" in result.output
    assert "(Finanzminister; also Berger)" in result.output


def test_json_is_the_analysis_record(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1 and "müssen" in result.output  # one line, UTF-8 (docs/cli.md)
    record = json.loads(result.output)
    assert record["detected_language"] == "de"
    assert [q["speaker_name"] for q in record["quotes"]] == ["Thomas Berger"]
    assert {a["canonical_name"] for a in record["actors"]} == {"Thomas Berger", "Berlin"}


def test_missing_file_is_one_line_and_exit_2() -> None:
    result = CliRunner().invoke(main, ["extract", "/nonexistent/article.txt"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "No such file or directory" in result.output


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("newsflow ")
