"""No GPL in what a production install pulls in: every runtime dependency of newsflow, transitively,
declares a licence that is not GPL-only (LGPL libraries used unmodified, and multi-licensed packages
offering a non-GPL option, are allowed; NOTICE lists them)."""

from __future__ import annotations

import importlib.metadata as md
import re

import pytest
from packaging.requirements import Requirement


def _runtime_closure() -> set[str]:
    seen: set[str] = set()
    todo = ["newsflow"]
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = [Requirement(r) for r in md.distribution(name).requires or []]
        except md.PackageNotFoundError:
            seen.discard(name)  # not installed here: its marker excludes this interpreter
            continue
        todo += [r.name for r in requires if r.marker is None or r.marker.evaluate({"extra": ""})]
    return seen - {"newsflow"}


def _licence(name: str) -> str:
    meta = md.distribution(name).metadata
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License")]
    return meta.get("License-Expression") or " OR ".join(classifiers) or (meta.get("License") or "")[:200]


def _gpl_only(licence: str) -> bool:
    options = re.split(r"\bOR\b|/", licence)
    return all(re.search(r"(?<!L)GPL|(?<!Lesser )General Public License", o) for o in options if o.strip())


def test_no_runtime_dependency_is_gpl_only() -> None:
    closure = _runtime_closure()
    if len(closure) < 10:
        pytest.skip("newsflow is not installed in this environment")
    offenders = {n: _licence(n) for n in sorted(closure) if _gpl_only(_licence(n))}
    assert not offenders, offenders


@pytest.mark.parametrize(
    "licence,gpl",
    [
        ("GPL-3.0-only", True),
        ("GNU General Public License v3 (GPLv3)", True),
        ("LGPL-3.0-only", False),
        ("MPL-1.1 OR GPL-2.0-only OR LGPL-2.1-or-later", False),
        ("Apache-2.0", False),
    ],
)
def test_gpl_detection(licence: str, gpl: bool) -> None:
    assert _gpl_only(licence) is gpl
