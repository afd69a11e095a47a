"""JSON Schemas for the content files, generated from the very field types the loader
validates them with (validate.FILE_TYPES), so editors complete and check YAML while it is
typed.

References list the ids that exist (steps, sources, events...), so editors offer them as
completions. `imgguide schemas` writes them to schemas/; a test fails when they are out of
date (after adding a step or a source, run it again). Each YAML file names its schema on
its first line:
    # yaml-language-server: $schema=../schemas/step.schema.json
"""

from __future__ import annotations

import json
from pathlib import Path

from .models import Content
from .validate import FILE_TYPES

SCHEMA_DIR = "schemas"

# schema name (a kind of file in validate.FILE_TYPES) -> the files it describes, relative to the root
SCHEMAS = {
    "step": ("content/steps/*.yml",),
    "page": ("content/pages/*.yml",),
    "questions": ("questions/*.yml",),
    "sources": ("content/sources.yml",),
    "guide": ("content/guide.yml",),
    "home": ("content/home.yml",),
    "checklist": ("content/checklist.yml",),
    "practice": ("content/practice.yml",),
    "planner": ("content/planner.yml",),
    "timeline": ("content/timeline.yml",),
    "costs": ("content/costs.yml",),
    "signals": ("content/signals.yml",),
    "tracker": ("content/tracker.yml",),
}


def known_ids(content: Content) -> dict[str, list[str]]:
    """The ids references can point to, offered by editors as completions."""
    timeline = content.timeline
    return {
        "step": [step.id for step in content.steps],
        "source": sorted(content.sources),
        "page": [article.id for article in content.articles],
        "checklist item": [item.id for item in content.checklist.items],
        "event": [event.id for event in timeline.events] if timeline else [],
        "milestone": [milestone.id for milestone in timeline.milestones] if timeline else [],
    }


def schema_text(name: str, content: Content | None = None) -> str:
    """The schema for files of kind `name`; with `content`, references list the existing ids."""
    field_type = FILE_TYPES[name]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{name}.schema.json",
        **field_type.json_schema(known_ids(content) if content else None),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def modeline(root: Path, path: Path, name: str) -> str:
    """The first line a YAML file needs to name its schema (relative to the file)."""
    depth = len(path.relative_to(root).parts) - 1
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{name}.schema.json"


def files_for(root: Path, name: str) -> list[Path]:
    return sorted(path for pattern in SCHEMAS[name] for path in root.glob(pattern))


def write_schemas(root: Path, content: Content) -> list[Path]:
    """Write every schema; returns the paths written."""
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name, content), encoding="utf-8")
        written.append(path)
    return written


def add_modelines(root: Path) -> list[Path]:
    """Put (or correct) the schema line at the top of every content file; returns those changed."""
    changed = []
    for name in SCHEMAS:
        for path in files_for(root, name):
            text = path.read_text(encoding="utf-8")
            line = modeline(root, path, name)
            lines = text.split("\n")
            if lines[0].startswith("# yaml-language-server:"):
                if lines[0] == line:
                    continue
                lines[0] = line
            else:
                lines.insert(0, line)
            path.write_text("\n".join(lines), encoding="utf-8")
            changed.append(path)
    return changed
