"""pydantic's plugin scan (which imports importlib.metadata) is skipped while every
plugin is disabled, as the command line disables them; a user who enables plugins gets
them, and the stand-in gives way to pydantic's loader whenever it is asked for more."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "acme-bank.yaml")
LOADED = (
    "import sys\n"
    "from capassess.cli import main\n"
    "try:\n    main(['score', {example!r}])\nexcept SystemExit:\n    pass\n"
    "loader = sys.modules.get('pydantic.plugin._loader')\n"
    "print('METADATA=' + str('importlib.metadata' in sys.modules))\n"
    "print('STAND_IN=' + str(bool(loader and loader.__dict__.get('_capassess_stand_in'))))\n"
)


def _run(code: str, env: dict[str, str], cwd: Path | None = None) -> dict[str, str]:
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env, cwd=cwd
    )
    assert run.returncode == 0, run.stderr
    return dict(line.split("=", 1) for line in run.stdout.splitlines() if "=" in line)


def _environment(**changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in changes}
    env.update({k: v for k, v in changes.items() if v is not None})
    return env


def test_score_reads_no_package_metadata_when_plugins_are_disabled(tmp_path: Path) -> None:
    env = _environment(PYDANTIC_DISABLE_PLUGINS=None, CAPASSESS_CACHE_DIR=str(tmp_path))
    out = _run(LOADED.format(example=EXAMPLE), env)
    assert out == {"METADATA": "False", "STAND_IN": "True"}


def test_a_user_who_enables_plugins_gets_pydantic_s_loader(tmp_path: Path) -> None:
    env = _environment(PYDANTIC_DISABLE_PLUGINS="", CAPASSESS_CACHE_DIR=str(tmp_path))
    out = _run(LOADED.format(example=EXAMPLE), env)
    assert out == {"METADATA": "True", "STAND_IN": "False"}


def test_an_installed_plugin_runs_when_the_user_enables_plugins(tmp_path: Path) -> None:
    """A pydantic plugin declared by an installed package sees capassess's validators."""
    site = tmp_path / "site"
    info = site / "marker_plugin-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: marker-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nmarker = marker_plugin:plugin\n")
    marker = tmp_path / "seen.txt"
    (site / "marker_plugin.py").write_text(
        "import os\n"
        "class Plugin:\n"
        "    def new_schema_validator(self, schema, schema_type, path, kind, config, settings):\n"
        "        with open(os.environ['MARKER'], 'a') as out:\n"
        "            out.write(path.name + '\\n')\n"
        "        return None, None, None\n"
        "plugin = Plugin()\n"
    )
    path = os.pathsep.join([str(site), str(ROOT)])
    for disabled, seen in (("", True), (None, False), ("__all__", False)):
        marker.unlink(missing_ok=True)
        env = _environment(
            PYDANTIC_DISABLE_PLUGINS=disabled,
            PYTHONPATH=path,
            MARKER=str(marker),
            CAPASSESS_CACHE_DIR=str(tmp_path / "cache"),
        )
        _run(LOADED.format(example=EXAMPLE), env, cwd=tmp_path)
        assert marker.exists() is seen, disabled
        if seen:
            assert "Assessment" in marker.read_text()


def test_the_stand_in_gives_way_to_pydantic_s_loader() -> None:
    """Once plugins are enabled, or another name of the loader is asked for, the real
    loader answers (run in a fresh process: it changes sys.modules)."""
    code = (
        "import os, sys\n"
        "os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n"
        "from capassess.pydantic_plugins import LOADER, skip_plugin_scan\n"
        "skip_plugin_scan()\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "print('OFF=' + repr(get_plugins()))\n"
        "print('METADATA_OFF=' + str('importlib.metadata' in sys.modules))\n"
        "print('GROUP=' + sys.modules[LOADER].PYDANTIC_ENTRY_POINT_GROUP)\n"
        "print('REAL=' + str('_capassess_stand_in' not in vars(sys.modules[LOADER])))\n"
        "os.environ['PYDANTIC_DISABLE_PLUGINS'] = ''\n"
        "print('ON=' + type(get_plugins()).__name__)\n"
        "print('METADATA_ON=' + str('importlib.metadata' in sys.modules))\n"
    )
    out = _run(code, _environment())
    assert out["OFF"] == "()"
    assert out["METADATA_OFF"] == "False"
    assert out["GROUP"] == "pydantic"  # asked for: the real loader took over
    assert out["REAL"] == "True"
    assert out["ON"] == "dict_values"
    assert out["METADATA_ON"] == "True"


def test_no_stand_in_when_plugins_are_wanted_or_the_loader_is_loaded() -> None:
    code = (
        "import os, sys\n"
        "from capassess.pydantic_plugins import LOADER, skip_plugin_scan\n"
        "os.environ['PYDANTIC_DISABLE_PLUGINS'] = 'some-plugin'\n"
        "skip_plugin_scan()\n"
        "print('WANTED=' + str(LOADER in sys.modules))\n"
        "import pydantic.plugin._loader as real\n"
        "os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n"
        "skip_plugin_scan()\n"
        "print('KEPT=' + str(sys.modules[LOADER] is real))\n"
    )
    out = _run(code, _environment())
    assert out == {"WANTED": "False", "KEPT": "True"}
