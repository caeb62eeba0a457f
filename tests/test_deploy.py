"""deploy/ cannot run here (no Docker engine, no Java), so keep it honest: every command, option and
environment variable it uses must exist in the code."""

import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from pipeline.beam.portable import NewsflowOptions, client_properties, to_source_record
from pipeline.cli import main
from pipeline.config import Settings

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def _help(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


def test_compose_commands_and_env_exist() -> None:
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    fields = set(Settings.model_fields)
    for name in ("reader", "job"):
        service = compose["services"][name]
        command = service["command"]
        text = _help(command[0])
        for option in (c for c in command[1:] if c.startswith("--")):
            assert option in text, f"{name}: {option} is not an option of `newsflow {command[0]}`"
        for var in service["environment"]:
            assert var.startswith("NEWSFLOW_") and var.removeprefix("NEWSFLOW_").lower() in fields, var
    assert compose["services"]["job"]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_dockerfile_entry_point_is_the_console_script() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["newsflow"]' in dockerfile
    setup = (DEPLOY.parent / "setup.py").read_text()
    assert '"newsflow=pipeline.cli:entry"' in setup
    cmd = re.search(r'CMD \["(\w+)"\]', dockerfile)
    assert cmd and _help(cmd.group(1))


def test_readme_commands_exist() -> None:
    readme = (DEPLOY / "README.md").read_text()
    for sub in set(re.findall(r"run --rm job (\w+)", readme)):
        _help(sub)
    for var in set(re.findall(r"NEWSFLOW_([A-Z_]+)", readme)):
        assert var.lower() in Settings.model_fields, var


def test_portable_options_and_mapping() -> None:
    opts = NewsflowOptions(
        ["--kafka_bootstrap_servers=k:9092", "--kafka_security=security.protocol=SASL_SSL;sasl.mechanism=PLAIN"]
    )
    assert client_properties(opts) == {
        "bootstrap.servers": "k:9092",
        "security.protocol": "SASL_SSL",
        "sasl.mechanism": "PLAIN",
    }

    jaas = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p;q";'
    opts = NewsflowOptions(
        [
            "--kafka_bootstrap_servers=k:9092",
            f"--kafka_security=security.protocol=SASL_SSL;sasl.jaas.config={jaas};sasl.mechanism=PLAIN",
            "--kafka_property=sasl.client.callback.handler.class=x.Y",
        ]
    )
    props = client_properties(opts)
    assert props["sasl.jaas.config"] == jaas  # its ';'s survive, the terminating one included
    assert props["sasl.mechanism"] == "PLAIN" and props["sasl.client.callback.handler.class"] == "x.Y"
    single = NewsflowOptions([f"--kafka_security=sasl.jaas.config={jaas[:-1]};security.protocol=SASL_SSL"])
    assert client_properties(single)["sasl.jaas.config"] == jaas

    class Row:
        topic, partition, offset, key, value = "raw", 3, 42, b"k", b"v"

    assert to_source_record(Row()) == to_source_record(Row()) and to_source_record(Row()).offset == 42


def test_dashboard_and_scrape_config_use_metrics_the_code_exports() -> None:
    """Every series the Grafana dashboard queries is one the reader or job exports, and Prometheus
    scrapes the ports the compose services serve on."""
    import json

    from prometheus_client import REGISTRY

    import pipeline.ops.feedmetrics  # noqa: F401  (registers the reader's metrics)
    import pipeline.ops.metrics  # noqa: F401

    suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_sum", "_count"), "gauge": ("",)}
    exported = {m.name + x for m in REGISTRY.collect() for x in suffixes.get(m.type, ("",))}
    dashboard = json.loads((DEPLOY / "grafana" / "dashboards" / "newsflow.json").read_text())
    queried = {
        name for p in dashboard["panels"] for t in p["targets"] for name in re.findall(r"newsflow_\w+", t["expr"])
    }
    assert queried and queried <= exported, queried - exported
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    scrape = yaml.safe_load((DEPLOY / "prometheus.yml").read_text())
    targets = {t for job in scrape["scrape_configs"] for c in job.get("static_configs", []) for t in c["targets"]}
    # every replica of a scaled service: one A record each from Compose's DNS
    found = {
        f"{name}:{c['port']}"
        for job in scrape["scrape_configs"]
        for c in job.get("dns_sd_configs", [])
        if c.get("type") == "A"
        for name in c["names"]
    }
    for name in ("reader", "job"):
        command = compose["services"][name]["command"]
        port = command[command.index("--metrics-port") + 1]
        assert f"{name}:{port}" in targets | found
        assert compose["services"][name]["environment"]["NEWSFLOW_METRICS_HOST"] == "0.0.0.0"
    assert "job:9464" in found, "the job scales out (--scale job=N): a static target reaches one replica"


def test_a_malformed_client_property_is_one_line_and_a_non_zero_exit() -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "pipeline.beam.portable", "--kafka_bootstrap_servers=k:9092", "--kafka_property=oops"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "Error: client property 'oops' is not KEY=VALUE"


def test_beam_command_lines_use_options_that_exist() -> None:
    """Every --flag of the README's `python -m pipeline.beam.…` lines is an option Beam or newsflow defines."""
    from apache_beam.options.pipeline_options import PipelineOptions

    import pipeline.beam.portable_backfill  # noqa: F401  (registers BackfillOptions)

    known = set(PipelineOptions([]).get_all_options(drop_default=False))
    readme = (DEPLOY / "README.md").read_text().replace("\\\n", " ")
    commands = re.findall(r"python -m pipeline\.beam\.(\w+)([^\n]*)", readme)
    assert {module for module, _ in commands} == {"portable", "portable_backfill"}
    for _, line in commands:
        for flag in re.findall(r"(?:^|\s)--(\w+)", line):
            assert flag in known, flag


def test_dockerfile_builds_the_compiled_wheel_and_the_image_installs_it_without_a_compiler() -> None:
    _, build, runtime = (DEPLOY / "Dockerfile").read_text().split("\nFROM ")
    makefile = (DEPLOY.parent / "Makefile").read_text()
    assert "make wheel-build" in build and re.search(r"^wheel-build:\n\tNEWSFLOW_COMPILE=1 ", makefile, re.M)
    installed = re.search(r"apt-get install -y --no-install-recommends ([^&]+)&&", build)
    assert installed and {"gcc", "make"} <= set(installed.group(1).split())  # python:3.11-slim has neither
    for copied in re.findall(r"^COPY ([^\n]+) \S+$", build, re.M):
        for name in copied.split():
            assert (DEPLOY.parent / name).exists(), f"the build stage copies {name}, which is not in the checkout"
    assert "COPY --from=build /wheels /wheels" in runtime and "/wheels/newsflow-*.whl" in runtime
    assert "gcc" not in runtime and "apt-get" not in runtime
    for stage in (build, runtime):  # as the Makefile: an older pip leaves jusText's lxml_html_clean out
        assert stage.index("pip install --upgrade pip") < stage.index("pip install -c constraints.lock")
