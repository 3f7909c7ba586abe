"""Find a local Chromium-family browser to print the HTML report to PDF."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from capassess.errors import InputError

BROWSER_ENV = "CAPASSESS_BROWSER"
# Browsers that print with Chromium's engine and speak its DevTools protocol.
BROWSER_NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
    "brave-browser",
)
WELL_KNOWN = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
)


def find_browser(given: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The browser to print with: ``given``, else $CAPASSESS_BROWSER, else one on PATH.

    Raises ``InputError`` (exit 2) naming what was tried when there is none.
    """
    env = os.environ if env is None else env
    for source, value in (("--browser", given), (BROWSER_ENV, env.get(BROWSER_ENV))):
        if value:
            found = _executable(value, env)
            if found is None:
                raise InputError.at(f"{source}: no executable browser at {value!r}")
            return found
    for name in BROWSER_NAMES:
        found = shutil.which(name, path=env.get("PATH"))
        if found:
            return found
    for path in WELL_KNOWN:
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path
    raise InputError.at(
        "no Chromium-family browser found to print the PDF: install Chrome, Edge or "
        f"Chromium, or name one with --browser PATH or ${BROWSER_ENV} "
        f"(looked for {', '.join(BROWSER_NAMES[:6])} on PATH); "
        "or write HTML with -f html and print it from a browser"
    )


def _executable(value: str, env: Mapping[str, str]) -> str | None:
    if os.sep in value or (os.altsep and os.altsep in value):
        path = Path(value)
        # absolute: the browser is started in a folder of its own
        return os.path.abspath(path) if path.is_file() and os.access(path, os.X_OK) else None
    return shutil.which(value, path=env.get("PATH"))
