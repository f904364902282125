"""A plain progress bar on a text stream (standard error): redrawn in place, at most once per percent."""

from typing import TextIO

WIDTH = 30


class Progress:
    def __init__(self, total: int, *, label: str, stream: TextIO) -> None:
        self.total, self.label, self.stream = max(total, 1), label, stream
        self.done, self._shown = 0, -1

    def advance(self, step: int = 1) -> None:
        self.done += step
        percent = self.done * 100 // self.total
        if percent != self._shown:
            self._shown = percent
            filled = WIDTH * self.done // self.total
            bar = "#" * filled + "." * (WIDTH - filled)
            self.stream.write(f"\r{self.label} [{bar}] {percent:3d}% {self.done}/{self.total}")
            self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
