"""Print the HTML report to PDF with a local Chromium-family browser.

The browser runs headless with a throw-away profile, no network (every host name
resolves to nothing) and is driven over its DevTools pipe (``--remote-debugging-pipe``):
``Page.printToPDF`` gives page numbers and a running header from our own templates,
none of the browser's (no file path, no date), and the document outline from the
headings. Where the pipe is not available (Windows), the browser's ``--print-to-pdf``
is used: same pages, without the running header and page numbers.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import subprocess
import tempfile
import time
from html import escape
from pathlib import Path
from typing import Any

from capassess.atomic import write_atomic
from capassess.errors import OutputError

DEFAULT_TIMEOUT = 120.0
FLAGS = (
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
MARGIN_STYLE = (
    "font-family: 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'Segoe UI', Arial, "
    "sans-serif; font-size: 8pt; color: #6b7280; width: 100%; margin: 0 14mm; "
    "display: flex; justify-content: space-between;"
)


def margin_templates(running: str, page_label: str) -> tuple[str, str]:
    """The header (``running`` text) and footer (``page_label`` with {page} and {pages})."""
    label = escape(page_label).format(
        page='<span class="pageNumber"></span>', pages='<span class="totalPages"></span>'
    )
    header = f'<div style="{MARGIN_STYLE}"><span>{escape(running)}</span><span></span></div>'
    footer = f'<div style="{MARGIN_STYLE} justify-content: flex-end;"><span>{label}</span></div>'
    return header, footer


def print_pdf(
    html: str,
    browser: str,
    *,
    header: str,
    footer: str,
    timeout: float = DEFAULT_TIMEOUT,
) -> bytes:
    """The PDF of ``html`` printed by ``browser``, with margin ``header`` and ``footer``."""
    with tempfile.TemporaryDirectory(prefix="capassess-print-") as folder:
        page = Path(folder) / "report.html"
        write_atomic(page, html)
        profile = Path(folder) / "profile"
        if os.name == "posix":
            return _print_over_pipe(browser, profile, page, header, footer, timeout)
        return _print_by_flag(browser, profile, page, timeout)


def _command(browser: str, profile: Path, *extra: str) -> list[str]:
    sandbox = ("--no-sandbox",) if hasattr(os, "geteuid") and os.geteuid() == 0 else ()
    return [browser, *FLAGS, *sandbox, f"--user-data-dir={profile}", *extra]


def _print_by_flag(browser: str, profile: Path, page: Path, timeout: float) -> bytes:
    out = page.with_suffix(".pdf")
    command = _command(
        browser,
        profile,
        f"--print-to-pdf={out}",
        "--no-pdf-header-footer",
        "--generate-pdf-document-outline",
        page.as_uri(),
    )
    try:
        subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise OutputError(f"the browser did not print the PDF within {timeout:g} s") from exc
    except OSError as exc:
        raise OutputError(f"cannot start the browser {browser}: {exc.strerror}") from exc
    if not out.is_file() or out.stat().st_size == 0:
        raise OutputError(f"the browser {browser} did not print the PDF")
    return out.read_bytes()


def _print_over_pipe(
    browser: str, profile: Path, page: Path, header: str, footer: str, timeout: float
) -> bytes:
    with DevTools(_command(browser, profile, "--remote-debugging-pipe"), timeout) as tools:
        target = tools.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        tools.call("Page.enable", {}, session)
        tools.call("Page.navigate", {"url": page.as_uri()}, session)
        tools.wait_event("Page.loadEventFired", session)
        tools.call("Runtime.evaluate", {"expression": "document.fonts.ready",
                                        "awaitPromise": True}, session)  # fmt: skip
        printed = tools.call("Page.printToPDF", _print_options(header, footer), session)
        return base64.b64decode(printed["data"])


def _print_options(header: str, footer: str) -> dict[str, Any]:
    return {
        "printBackground": True,
        "preferCSSPageSize": True,
        "displayHeaderFooter": True,
        "headerTemplate": header,
        "footerTemplate": footer,
        "generateDocumentOutline": True,
        "generateTaggedPDF": True,
    }


class DevTools:
    """A browser driven over its DevTools pipe: fd 3 reads our commands, fd 4 answers."""

    def __init__(self, command: list[str], timeout: float) -> None:
        self.command = command
        self.deadline = time.monotonic() + timeout
        self.timeout = timeout
        self.next_id = 0
        self.buffer = b""
        self.events: list[dict[str, Any]] = []

    def __enter__(self) -> DevTools:
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def wire() -> None:  # runs in the child, before exec
            import fcntl

            # Above 10 first, so that neither end is overwritten by the other's dup2.
            high_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        try:
            self.process = subprocess.Popen(
                self.command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=(3, 4),
                preexec_fn=wire,  # single-threaded CLI: safe
                start_new_session=True,
            )
        except OSError as exc:
            self._close_fds()
            problem = f"cannot start the browser {self.command[0]}: {exc.strerror}"
            raise OutputError(problem) from exc
        finally:
            os.close(to_browser_r)
            os.close(from_browser_w)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.process.poll() is None:
                try:
                    self._send({"id": -1, "method": "Browser.close"})
                    self.process.wait(timeout=10)
                except (OSError, OutputError, subprocess.TimeoutExpired):
                    self.process.kill()
                    self.process.wait(timeout=10)
        finally:
            self._close_fds()

    def _close_fds(self) -> None:
        for fd in (getattr(self, "to_browser", None), getattr(self, "from_browser", None)):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self.to_browser = self.from_browser = None  # type: ignore[assignment]

    def call(self, method: str, params: dict[str, Any], session: str | None = None) -> Any:
        """Send one command and return its result; an error answer is an ``OutputError``."""
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self._send(message)
        while True:
            answer = self._receive()
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    detail = answer["error"].get("message", "")
                    raise OutputError(f"the browser could not print the PDF ({method}: {detail})")
                return answer.get("result", {})
            if "method" in answer:
                self.events.append(answer)

    def wait_event(self, method: str, session: str | None) -> dict[str, Any]:
        """Wait for the event ``method`` of ``session`` (possibly already received)."""
        while True:
            for event in self.events:
                if event["method"] == method and event.get("sessionId") == session:
                    self.events.remove(event)
                    return event
            self.events.append(self._receive())

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self.to_browser, data) :]
        except BrokenPipeError as exc:
            raise OutputError(
                f"the browser {self.command[0]} stopped before printing the PDF"
            ) from exc

    def _receive(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            ready, _, _ = select.select([self.from_browser], [], [], max(left, 0))
            if not ready:
                raise OutputError(f"the browser did not print the PDF within {self.timeout:g} s")
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise OutputError(f"the browser {self.command[0]} stopped before printing the PDF")
            self.buffer += chunk
        raw, _, self.buffer = self.buffer.partition(b"\0")
        result: dict[str, Any] = json.loads(raw)
        return result
