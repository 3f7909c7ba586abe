"""The terminal edge: typed lines cleaned of key escapes, Ctrl-D, and the closing signals."""

from __future__ import annotations

import os
import signal

import pytest

from capassess.interactive.terminal import (
    Closed,
    QuitRequested,
    Terminal,
    closing_signals_raise,
)


@pytest.mark.parametrize(
    ("typed", "read"),
    [("3\x1b[D", "3"), ("\x1b[A\x1b[B2", "2"), ("bi,\x1bOAml", "bi,ml"), ("部分", "部分")],
)
def test_arrow_keys_are_dropped_from_a_line(
    monkeypatch: pytest.MonkeyPatch, typed: str, read: str
) -> None:
    monkeypatch.setattr("builtins.input", lambda prompt: typed)
    assert Terminal().read("> ") == read


def test_end_of_input_means_save_and_quit(monkeypatch: pytest.MonkeyPatch) -> None:
    def eof(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", eof)
    with pytest.raises(QuitRequested):
        Terminal().read("> ")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_closing_signals_raise_and_are_restored(signum: int) -> None:
    before = signal.getsignal(signum)
    with pytest.raises(Closed) as caught, closing_signals_raise():
        os.kill(os.getpid(), signum)
    assert caught.value.signum == signum
    assert signal.getsignal(signum) == before


def test_ctrl_c_raises_even_if_the_process_started_with_it_ignored() -> None:
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with pytest.raises(KeyboardInterrupt), closing_signals_raise():
            os.kill(os.getpid(), signal.SIGINT)
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)
