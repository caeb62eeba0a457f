"""The wheel that `make wheel` and deploy/Dockerfile build, with the extractor compiled by mypyc
(setup.py, NEWSFLOW_COMPILE=1): it holds the compiled modules, installs with no compiler, gives the
pure Python's output on every eval text, passes the extractor's and Beam's tests, and its time
budget stops compiled work about as soon as pure Python's does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from bench.compiled import NOT_SOURCES

REPO = Path(__file__).resolve().parents[1]


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, text=True, capture_output=True, env={**os.environ, **env}, timeout=1800)
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The compiled wheel, built by `make wheel-build` from a copy of this checkout."""
    compiler = str(sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None or not Path(sysconfig.get_paths()["include"], "Python.h").exists():
        if os.environ.get("CI"):
            pytest.fail(f"no C compiler ({compiler}) or no Python.h: .ci/run installs Debian's gcc")
        pytest.skip(f"building the compiled wheel needs a C compiler ({compiler}) and Python's headers")
    tmp = tmp_path_factory.mktemp("compiled")
    shutil.copytree(REPO, tmp / "src", ignore=NOT_SOURCES)
    _run(
        ["make", "--no-print-directory", "wheel-build", f"PYTHON={sys.executable}", f"DIST={tmp / 'dist'}"], tmp / "src"
    )
    (found,) = (tmp / "dist").glob("newsflow-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, shared_dir: Path) -> Path:
    """A directory whose pipeline/ is the installed wheel's, beside copies of tests/, bench/ and
    examples/ (copies, not links: pytest would put the link's target, this checkout, on the path)."""
    where = wheel.parent.parent / "installed"
    # no compiler: installing a wheel builds nothing, and would fail here if it tried
    _run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(where), str(wheel)],
        REPO,
        CC="false",
        CXX="false",
        PATH="/usr/bin:/bin",
    )
    for part in ("tests", "bench", "examples"):
        shutil.copytree(REPO / part, where / part, ignore=NOT_SOURCES)
    shutil.copy(REPO / "pytest.ini", where)
    (where.parent / "shared").symlink_to(shared_dir)  # ../shared, where bench/ looks
    return where


def _python(where: Path, code: str) -> str:
    """code run by this venv's Python with `where` first on the path, after checking that what it
    imports is the compiled extractor."""
    check = "import pipeline.extract.quotes as q\nassert q.__file__.endswith('.so'), q.__file__\n"
    return _run([sys.executable, "-c", check + code], where, PYTHONPATH=str(where)).stdout


def test_the_wheel_holds_every_module_of_the_extractor_compiled_but_language_detection(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    sources = [n for n in names if n.startswith("pipeline/extract/") and n.endswith(".py")]
    compiled = {n.split(".")[0] for n in names if n.startswith("pipeline/extract/") and n.endswith(".so")}
    runtime = "__mypyc" + sysconfig.get_config_var("EXT_SUFFIX")  # mypyc's shared runtime of the compiled modules
    assert len(sources) > 20 and any(n.endswith(runtime) for n in names)
    assert {n.removesuffix(".py") for n in sources} - compiled == {"pipeline/extract/language"}
    assert "pipeline/extract/data/first_names.txt" in names and "pipeline/sinks/migrations" in " ".join(names)


def test_the_compiled_output_is_the_pure_pythons_on_every_eval_text(installed: Path, tmp_path: Path) -> None:
    pure = tmp_path / "pure.json"
    _run([sys.executable, "-m", "bench.extract_diff", "snapshot", str(pure)], REPO)
    code = f"""
import sys
from bench.extract_diff import main
sys.argv = ["x", "compare", {str(pure)!r}]
status = main()
# the image installs no build tool: the compiled code needs none of them at run time
assert not {{"mypy", "mypyc", "mypy_extensions", "librt"}} & set(sys.modules), sorted(sys.modules)
sys.exit(status)
"""
    out = _python(installed, code)
    assert out.strip().endswith(" 0 differ") and int(out.split()[0]) > 1800, out


def test_the_extractor_and_beam_tests_pass_against_the_compiled_wheel(installed: Path) -> None:
    """tests/beam runs the transforms multi-threaded and in worker processes, which unpickle them."""
    tests = ["tests/extract", "tests/test_budget.py", "tests/test_analysis.py", "tests/beam"]
    _python(installed, f"import pytest, sys\nsys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', *{tests!r}]))")


def test_the_time_budget_stops_compiled_work_soon_after_it_runs_out(installed: Path) -> None:
    """The interruption lands only where Python code runs; the compiled extractor calls
    pipeline.budget.checkpoint between its stages and in its longest loops. Without those calls
    the budget stopped this text close to the end of its work (docs/design.md)."""
    out = _python(
        installed,
        """
import time
from bench.lib.hostile_texts import CASES
from pipeline.budget import BudgetExceeded, run_within
from pipeline.extract import extract
text = CASES["opening marks"](200_000)
started = time.perf_counter(); extract(text, "en"); whole = time.perf_counter() - started
started = time.perf_counter()
try:
    run_within(whole / 10, extract, text, "en")
except BudgetExceeded:
    print(whole, time.perf_counter() - started)
""",
    )
    whole, stopped = map(float, out.split())
    assert stopped < whole / 2, (whole, stopped)
