"""Print an HTML report to PDF with a local Chromium-family browser.

The browser runs headless with a throw-away profile and no network (every host name
resolves to nothing). The running header and the page numbers are the report's own CSS
``@page`` margin boxes, so every way of printing gives the same pages: over the DevTools
pipe (``--remote-debugging-pipe``, ``Page.printToPDF``) where it is available, else with
the browser's ``--print-to-pdf`` (Windows); the browser's own header and footer (file
path, date) never print. The PDF's outline comes from the headings.

The contents page names the page of each section: the document is printed, the page of
every link target is read back from the PDF's named destinations (see report.page_refs),
and it is rendered with those numbers and printed again, until the numbers hold.
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
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from capassess.atomic import write_atomic
from capassess.errors import OutputError

DEFAULT_TIMEOUT = 120.0
# A second pass fills in the page numbers; a third is needed only if filling them in
# moved a section (it does not with the shipped templates: the contents page keeps its
# width for the numbers).
MAX_PASSES = 3
# The DevTools pipe passes file descriptors 3 and 4 to the browser: POSIX only.
PIPE = os.name == "posix"
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
PRINT_OPTIONS: dict[str, Any] = {
    "printBackground": True,
    "preferCSSPageSize": True,
    "displayHeaderFooter": False,  # the report's @page margin boxes print instead
    "generateDocumentOutline": True,
    "generateTaggedPDF": True,
}

RenderPages = Callable[[Mapping[str, int]], str]
"""The HTML of a document whose contents name the given pages ({} on the first pass)."""


def print_pdf(html: str, browser: str, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The PDF of ``html`` printed once by ``browser``."""
    return print_paged(lambda _refs: html, browser, timeout=timeout)


def print_paged(render: RenderPages, browser: str, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The PDF of ``render(pages)``, printed until its contents name the right pages."""
    from capassess.report.page_refs import target_pages, without_folder_links

    with tempfile.TemporaryDirectory(prefix="capassess-print-") as folder:
        with _printer(browser, Path(folder) / "profile", timeout) as print_page:
            refs: dict[str, int] = {}
            for n in range(MAX_PASSES):
                page = write_atomic(Path(folder) / f"report-{n + 1}.html", render(refs))
                pdf = print_page(page)
                found = target_pages(pdf)
                if found == refs:
                    break
                refs = found
        return without_folder_links(pdf, Path(folder))


@contextlib.contextmanager
def _printer(browser: str, profile: Path, timeout: float) -> Iterator[Callable[[Path], bytes]]:
    """A function that prints an HTML file, with one browser for all the passes."""
    if not PIPE:
        yield lambda page: _print_by_flag(browser, profile, page, timeout)
        return
    with DevTools(_command(browser, profile, "--remote-debugging-pipe"), timeout) as tools:
        target = tools.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        tools.call("Page.enable", {}, session)
        yield lambda page: _print_in_session(tools, session, page)


def _command(browser: str, profile: Path, *extra: str) -> list[str]:
    sandbox = ("--no-sandbox",) if hasattr(os, "geteuid") and os.geteuid() == 0 else ()
    return [browser, *FLAGS, *sandbox, f"--user-data-dir={profile}", *extra]


def _print_by_flag(browser: str, profile: Path, page: Path, timeout: float) -> bytes:
    out = page.with_suffix(".pdf")
    with contextlib.suppress(FileNotFoundError):
        out.unlink()
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


def _print_in_session(tools: DevTools, session: str, page: Path) -> bytes:
    tools.call("Page.navigate", {"url": page.as_uri()}, session)
    tools.wait_event("Page.loadEventFired", session)
    tools.call("Runtime.evaluate", {"expression": "document.fonts.ready",
                                    "awaitPromise": True}, session)  # fmt: skip
    printed = tools.call("Page.printToPDF", PRINT_OPTIONS, session)
    return base64.b64decode(printed["data"])


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
