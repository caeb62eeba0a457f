"""Every field of every quote and actor the extractor finds, over every text of ../shared/eval
(PolNeAR dev and train, the German sets, actors-dev, genres-dev) and examples/: written to a JSON
file, or compared with one written before. A change meant to leave the output as it was (speed,
bounds, restructuring) is checked by snapshotting the tree before it and comparing after.

    .venv/bin/python -m bench.extract_diff snapshot before.json      # on the old tree
    .venv/bin/python -m bench.extract_diff compare before.json       # on the new tree; exit 1 on a difference
    .venv/bin/python -m bench.extract_diff compare before.json --show polnear-train   # and what changed

A rule meant to change the output is read with --show: for each text that differs (whose name
holds the --show text, all for --show ""), the actors (name, type) and quotes (span, speaker and
its mention) that left (-) and came (+), so each change can be judged right or wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Iterator

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"


def texts() -> Iterator[tuple[str, str]]:
    """(name, text) of every text, in a fixed order."""
    for folder in ("polnear-dev/text", "polnear-train/text", "actors-dev/de-text", "genres-dev"):
        for path in sorted((EVAL / folder).glob("*.txt")):
            if not path.name.endswith(".source.txt"):
                yield f"{folder}/{path.name}", path.read_text(encoding="utf-8")
    for split in ("dev", "train"):
        for path in sorted((EVAL / "german-quotes" / split).glob("*.json")):
            yield f"german-quotes/{split}/{path.name}", json.loads(path.read_text(encoding="utf-8"))["originalText"]
    for path in sorted((REPO / "examples").rglob("*.txt")):
        yield f"examples/{path.relative_to(REPO / 'examples')}", path.read_text(encoding="utf-8")


def output(text: str) -> dict[str, Any]:
    """What the job runs: language detection, then extraction; every field of the result."""
    from dataclasses import asdict

    from pipeline.extract import extract
    from pipeline.extract.language import detect_language

    language = detect_language(text)
    result = extract(text, language=language)
    return {"language": language, "result": json.loads(json.dumps(asdict(result), default=str))}


def snapshot() -> dict[str, Any]:
    return {name: output(text) for name, text in texts()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=["snapshot", "compare"])
    ap.add_argument("file", type=Path)
    ap.add_argument("--show", metavar="TEXT", help="with compare: print the changes of the texts whose names hold TEXT")
    args = ap.parse_args()
    if not EVAL.is_dir():
        print(f"no evaluation data at {EVAL}", file=sys.stderr)
        return 2
    now = snapshot()
    if args.action == "snapshot":
        args.file.write_text(json.dumps(now, ensure_ascii=False, sort_keys=True))
        print(f"{len(now)} texts written to {args.file}")
        return 0
    before = json.loads(args.file.read_text())
    differ = sorted(name for name in before.keys() | now.keys() if before.get(name) != now.get(name))
    if args.show is not None:
        text_of = dict(texts())
        for name in (n for n in differ if args.show in n):
            print(f"## {name}")
            for line in changes(text_of.get(name, ""), before.get(name), now.get(name)):
                print(f"  {line}")
    else:
        for name in differ[:20]:
            print(f"differs: {name}")
    print(f"{len(now)} texts, {len(differ)} differ")
    return 1 if differ else 0


def _items(text: str, out: dict[str, Any] | None) -> set[str]:
    """One line per actor (name, type) and per quote (its words, speaker | mention) of an output."""
    result = (out or {}).get("result", {})
    actors = {f"actor {a['canonical_name']!r} ({a['type']})" for a in result.get("actors", [])}
    quotes = {
        f"quote {q['start']}: {' '.join(text[q['start'] : q['end']].split())[:90]!r} <- {q['speaker']!r} | "
        f"{q['speaker_mention']!r}"
        for q in result.get("quotes", [])
    }
    return actors | quotes


def changes(text: str, before: dict[str, Any] | None, now: dict[str, Any] | None) -> list[str]:
    """What left (-) and came (+) between two outputs of one text, actors first, in order."""
    old, new = _items(text, before), _items(text, now)
    return [f"- {line}" for line in sorted(old - new)] + [f"+ {line}" for line in sorted(new - old)]


if __name__ == "__main__":
    sys.exit(main())
