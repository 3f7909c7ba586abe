"""pydantic's plugin scan, skipped when every plugin is disabled.

When pydantic builds its first validator it imports ``pydantic.plugin._loader``, which
imports ``importlib.metadata`` (and with it ``email``, ``zipfile``, ``csv`` and more:
a tenth of a short command's start-up) to find plugins by reading the metadata of every
installed package. With ``PYDANTIC_DISABLE_PLUGINS`` set to ``__all__`` (as the command
line sets it unless the user set it) the loader returns no plugins without reading any
metadata, so the import is all it costs.

``skip_plugin_scan`` puts a stand-in for that module in ``sys.modules`` while every
plugin is disabled. Its ``get_plugins`` answers as the loader does (no plugins) while
that holds; should the variable change, or anything else of the module be asked for,
the stand-in gives way to the real loader, which answers from then on.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import Any

LOADER = "pydantic.plugin._loader"
VARIABLE = "PYDANTIC_DISABLE_PLUGINS"
ALL_DISABLED = ("__all__", "1", "true")  # the values with which the loader returns none


def plugins_disabled() -> bool:
    """True if pydantic would load no plugin at all (and read no package metadata)."""
    return os.environ.get(VARIABLE) in ALL_DISABLED


def skip_plugin_scan() -> None:
    """Stand in for pydantic's plugin loader while every plugin is disabled (and the
    real loader is not loaded yet)."""
    if LOADER in sys.modules or not plugins_disabled():
        return
    stand_in = types.ModuleType(LOADER, __doc__)
    stand_in.__dict__.update(
        get_plugins=_get_plugins, __getattr__=_real_attribute, _capassess_stand_in=True
    )
    sys.modules[LOADER] = stand_in


def _get_plugins() -> Any:
    if plugins_disabled():
        return ()
    return _real_loader().get_plugins()


def _real_attribute(name: str) -> Any:
    """Any other name of the loader, from the real one. The import system's questions
    (``__path__``, ``__spec__``...) are answered by the stand-in itself: it is no package."""
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(name)
    return getattr(_real_loader(), name)


def _real_loader() -> types.ModuleType:
    """pydantic's own loader, in place of the stand-in from now on."""
    module = sys.modules.get(LOADER)
    if module is not None and module.__dict__.get("_capassess_stand_in"):
        del sys.modules[LOADER]
    return importlib.import_module(LOADER)
