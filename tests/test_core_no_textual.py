"""The core (``advisor/``) must work without Textual: it is imported by scripts, the command line
and tests that should not pay for, or depend on, the terminal UI."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = r"""
import importlib, json, pkgutil, sys
import advisor
names = ["advisor"] + [m.name for m in pkgutil.walk_packages(advisor.__path__, "advisor.")]
for name in names:
    importlib.import_module(name)
from advisor.cli import build_parser
build_parser()
print(json.dumps({"modules": names, "textual": sorted(m for m in sys.modules if m.split(".")[0] == "textual")}))
"""


def test_importing_the_whole_core_does_not_import_textual():
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert {"advisor.storage.workspace", "advisor.storage.csvimport", "advisor.cli", "advisor.commands.app"} <= set(result["modules"])
    assert result["textual"] == []
