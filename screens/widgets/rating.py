"""A rating on a scale (1–5, −2..+2, −3..+3, 1–10): arrows or digits, labels shown."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.events import Key
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class RatingInput(Widget, can_focus=True):
    """Pick one value of a scale; ``value`` is None until the coach picks one."""

    DEFAULT_CSS = """
    RatingInput {
        height: auto;
        min-height: 3;
        padding: 0 1;
        border: tall $border-blurred;
    }
    RatingInput:focus {
        border: tall $border;
    }
    """

    BINDINGS = [
        Binding("left,h", "step(-1)", "Lower", show=False),
        Binding("right,l", "step(1)", "Higher", show=False),
        Binding("backspace,delete", "clear", "Clear", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    @dataclass
    class Changed(Message):
        rating: RatingInput
        value: int | None

        @property
        def control(self) -> RatingInput:
            return self.rating

    def __init__(
        self,
        low: int,
        high: int,
        labels: dict[int, str] | None = None,
        value: int | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.low, self.high = low, high
        self.labels = labels or {}
        self._pending_minus = False
        self.set_reactive(
            RatingInput.value, value if value is None or low <= value <= high else None
        )

    def render(self) -> Text:
        text = Text()
        for number in range(self.low, self.high + 1):
            shown = self._shown(number)
            if number == self.value:
                text.append(f" {shown} ", style="bold reverse")
            else:
                text.append(f" {shown} ", style="dim" if self.value is not None else "")
            text.append(" ")
        text.append("\n")
        if self.value is not None and self.value in self.labels:
            text.append(self.labels[self.value], style="italic")
        elif self.value is None:
            ends = [self.labels.get(self.low), self.labels.get(self.high)]
            hint = (
                f"{self._shown(self.low)}: {ends[0]} … {self._shown(self.high)}: {ends[1]}"
                if all(ends)
                else ""
            )
            text.append(f"← → or a number to rate  {hint}".rstrip(), style="dim italic")
        return text

    def _shown(self, number: int) -> str:
        """A scale value as the coach reads it: signed on a scale around zero."""
        return f"{number:+d}" if self.low < 0 else str(number)

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        if self.value is None:
            middle = (self.low + self.high) // 2 if self.low < 0 else self.low
            self.value = middle if delta > 0 or self.low < 0 else self.high
            return
        self.value = max(self.low, min(self.high, self.value + delta))

    def action_clear(self) -> None:
        self.value = None

    def on_key(self, event: Key) -> None:
        character = event.character or ""
        if character == "-" and self.low < 0:
            self._pending_minus = True
            event.stop()
            return
        if character == "+":
            self._pending_minus = False
            event.stop()
            return
        if character.isdigit():
            number = int(character)
            if number == 0 and self.high >= 10 and self.value == 1:
                number = 10
            if self._pending_minus:
                number = -number
            self._pending_minus = False
            if self.low <= number <= self.high:
                self.value = number
            else:
                self.app.bell()
            event.stop()
