"""One interview per answers file: a lock file beside it that names its holder.

The lock is an OS file lock (``portalocker``: ``fcntl`` on POSIX, ``LockFileEx`` on
Windows) on ``.NAME.lock`` next to the answers file. The operating system drops it when
the holding process ends in any way, SIGKILL included, so a lock is never stale; the
file's text only says who holds it and since when, for the message a second interview
gets. The holder removes the file when it leaves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import json
import os
import socket
from pathlib import Path
from typing import IO

import portalocker

from capassess.atomic import make_folder, output_error
from capassess.errors import InputError
from capassess.model.base import Lang
from capassess.records import record
from capassess.texts.interview import say

ATTEMPTS = 5  # a holder may remove the file between our open and our lock: try again


def lock_path(path: Path) -> Path:
    """The lock file of the answers file ``path``: beside the file a link leads to."""
    real = path.resolve()
    return real.with_name(f".{real.name}.lock")


@record
class Holder:
    """Who holds an interview lock: user, host, process id, and since when."""

    user: str
    host: str
    pid: int
    since: str

    @classmethod
    def me(cls) -> Holder:
        """This process as a holder."""
        try:
            user = getpass.getuser()
        except (KeyError, OSError):  # no user name for this uid (some containers)
            user = str(os.getuid()) if hasattr(os, "getuid") else "?"
        since = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        return cls(user, socket.gethostname(), os.getpid(), since)

    @classmethod
    def parse(cls, text: str) -> Holder | None:
        """The holder written in a lock file; ``None`` if unreadable (being written)."""
        try:
            data = json.loads(text)
            return cls(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
        except (ValueError, KeyError, TypeError):
            return None


class InterviewLocked(InputError):
    """Another interview holds the answers file; ``holder`` says who, if known."""

    def __init__(self, path: Path, holder: Holder | None, lang: Lang = "en") -> None:
        self.path = path
        self.holder = holder
        if holder is None:
            who = say(lang, "locked_unknown")
        else:
            who = say(
                lang, "locked_holder", user=holder.user, host=holder.host, pid=holder.pid,
                since=holder.since,
            )  # fmt: skip
        super().__init__(say(lang, "locked", path=path, who=who))


class InterviewLock:
    """The lock of one answers file, held for the length of an interview."""

    def __init__(self, path: Path, lang: Lang = "en") -> None:
        self.path = lock_path(path)
        self.answers = path
        self.lang = lang
        self.handle: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock or raise ``InterviewLocked``; ``OutputError`` if it cannot be made."""
        for _ in range(ATTEMPTS):
            try:
                if not self.path.parent.exists():  # the answers file's new folder
                    make_folder(self.path.parent)
                handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (held open)
            except OSError as exc:
                raise output_error(self.path, exc) from None
            try:
                portalocker.lock(handle, portalocker.LOCK_EX | portalocker.LOCK_NB)
            except portalocker.LockException:
                handle.seek(0)
                holder = Holder.parse(handle.read())
                handle.close()
                raise InterviewLocked(self.answers, holder, self.lang) from None
            if self._still_ours(handle):
                self._write_holder(handle)
                self.handle = handle
                return
            handle.close()  # the previous holder removed the file we locked: lock the new one
        raise InterviewLocked(self.answers, None, self.lang)

    def _still_ours(self, handle: IO[str]) -> bool:
        try:
            return os.path.samestat(os.fstat(handle.fileno()), os.stat(self.path))
        except OSError:
            return False

    @staticmethod
    def _write_holder(handle: IO[str]) -> None:
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(dataclasses.asdict(Holder.me())) + "\n")
        handle.flush()

    def release(self) -> None:
        """Remove the lock file and let go of the lock (removal first: see ``acquire``)."""
        if self.handle is None:
            return
        try:
            if self._still_ours(self.handle):
                os.unlink(self.path)
        except OSError:
            pass  # a lock file left behind is harmless: the OS lock is what counts
        finally:
            portalocker.unlock(self.handle)
            self.handle.close()
            self.handle = None

    def __enter__(self) -> InterviewLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
