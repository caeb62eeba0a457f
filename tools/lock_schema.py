"""Record every protobuf field (number -> name, type) in schemas/fields.lock.json. The schema test
fails when a locked field changes number, name or type without being reserved.

    .venv/bin/python -m tools.lock_schema     # after adding fields
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path
from types import ModuleType

from google.protobuf.descriptor import Descriptor
from google.protobuf.descriptor_pb2 import DescriptorProto

from pipeline.proto.newsflow import v1

LOCK = Path(__file__).resolve().parents[1] / "schemas" / "fields.lock.json"


def _files() -> list[ModuleType]:
    """Every generated module of the contract, so that a new .proto file is locked too."""
    names = sorted(m.name for m in pkgutil.iter_modules(v1.__path__) if m.name.endswith("_pb2"))
    return [importlib.import_module(f"{v1.__name__}.{name}") for name in names]


def _messages() -> list[Descriptor]:
    out: list[Descriptor] = []
    stack = [m for f in _files() for m in f.DESCRIPTOR.message_types_by_name.values()]
    while stack:
        d = stack.pop()
        out.append(d)
        stack.extend(d.nested_types)
    return out


def field_table() -> dict[str, dict[str, str]]:
    return {
        d.full_name: {str(f.number): f"{f.name}:{f.type}:{'repeated' if f.is_repeated else ''}" for f in d.fields}
        for d in _messages()
    }


def reserved_numbers() -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for d in _messages():
        proto = DescriptorProto()
        d.CopyToProto(proto)
        out[d.full_name] = {n for r in proto.reserved_range for n in range(r.start, r.end)}
    return out


def main() -> None:
    merged = json.loads(LOCK.read_text()) if LOCK.exists() else {}
    for message, fields in field_table().items():
        merged.setdefault(message, {}).update(fields)
    LOCK.write_text(json.dumps(merged, indent=1, sort_keys=True) + "\n")
    print(f"locked {sum(len(v) for v in merged.values())} fields in {LOCK}")


if __name__ == "__main__":
    main()
