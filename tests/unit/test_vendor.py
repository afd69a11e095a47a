"""Vendored third-party scripts are exact copies of a pinned npm package.

overrides/assets/javascripts/vendor/ holds files the guide ships but did not write. Each one
is listed here with the package file it copies; the package's version is pinned exactly in
package.json (devDependencies), and `npm ci` puts that version in node_modules. Updating a
vendored file means: bump the pin, `npm install`, copy the file and its licence again.
"""

from __future__ import annotations

import json
import re

import pytest

from ..conftest import PROJECT

VENDOR = PROJECT / "overrides" / "assets" / "javascripts" / "vendor"
NODE_MODULES = PROJECT / "node_modules"
# vendored file -> (npm package, file inside the package)
COPIES = {
    "ts-fsrs.umd.js": ("ts-fsrs", "dist/index.umd.js"),
    "ts-fsrs.LICENSE.txt": ("ts-fsrs", "LICENSE"),
}


def pinned(package: str) -> str:
    return json.loads((PROJECT / "package.json").read_text(encoding="utf-8"))["devDependencies"][package]


def test_every_vendored_file_is_listed():
    assert sorted(path.name for path in VENDOR.iterdir()) == sorted(COPIES)


@pytest.mark.parametrize("package", sorted({package for package, _ in COPIES.values()}))
def test_vendored_packages_are_pinned_to_an_exact_version(package):
    version = pinned(package)
    assert version[0].isdigit() and all(part.isdigit() for part in version.split(".")), version
    installed = json.loads((NODE_MODULES / package / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == version, "run `npm ci` so node_modules holds the pinned version"


@pytest.mark.parametrize("name", sorted(COPIES))
def test_vendored_file_is_byte_identical_to_the_pinned_package(name):
    package, inside = COPIES[name]
    assert (VENDOR / name).read_bytes() == (NODE_MODULES / package / inside).read_bytes()


def test_the_scheduler_ships_with_its_licence_and_loads_before_the_practice_code():
    mkdocs = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    scripts = re.findall(r"^  - (assets/javascripts/\S+)$", mkdocs, re.MULTILINE)
    scheduler = scripts.index("assets/javascripts/vendor/ts-fsrs.umd.js")
    assert scheduler < scripts.index("assets/javascripts/ig-progress.js")
    assert "MIT License" in (VENDOR / "ts-fsrs.LICENSE.txt").read_text(encoding="utf-8")
