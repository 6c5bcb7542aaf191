"""Dialogs with fields that take a fast typist's keys in order, from the first key on.

A terminal hands the app a burst of keys at once (a fast typist, a paste sent key by
key, keys typed while the dialog opens). Textual queues each key at the widget that
had the focus when the key was read, and its tab and enter bindings act when they
reach the app again, later: "Ann Lee⇥Acme⇥CFO" became Name "Ann LeeAcmeCF". Here
every key keeps its order:

* until the first field has the focus (the dialog is still opening), keys come to
  the dialog itself, which types them into the field they are meant for and moves
  on at tab and enter, in the order they came; the focus is given only once no
  such key waits, so later keys cannot overtake;
* once a field has the focus, tab, shift+tab and enter act as the key is read (a
  priority binding) and move the focus at once: keys read before them are already
  queued at the field they were typed for, keys read after go to the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Button, Input

from screens.base import CoachModal


class FormModal(CoachModal):
    """A modal form whose ``Input`` fields take keys in the order typed."""

    AUTO_FOCUS = None  # the first field gets it when no typed key waits (_settle_focus)
    BINDINGS = [
        Binding("tab", "field(1)", "Next field", show=False, priority=True),
        Binding("shift+tab", "field(-1)", "Previous field", show=False, priority=True),
        Binding("enter", "field(1, True)", "Next field", show=False, priority=True),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._target = 0  # the field typed keys are meant for, while nothing has focus

    # ----------------------------------------------------------- to override

    def fields(self) -> list[Input]:
        """The form's fields, in order."""
        return list(self.query(Input))

    def submit(self) -> None:
        """Enter on the last field."""

    # --------------------------------------------------------------- routing

    @dataclass
    class _Move(Message):
        step: int
        submit: bool

    def on_mount(self) -> None:
        self.call_later(self._settle_focus)

    def _settle_focus(self) -> None:
        """Give the target field the focus once no key waits in the dialog's queue."""
        pending = self._peek_message()
        if isinstance(pending, events.Key | FormModal._Move | events.Paste):
            return  # the handler of that key settles it afterwards
        if not isinstance(self.focused, Input | Button):
            fields = self.fields()
            if fields:
                self.set_focus(fields[min(self._target, len(fields) - 1)])

    def action_field(self, step: int, submit: bool = False) -> None:
        focused = self.focused
        if not isinstance(focused, Input | Button):
            self.post_message(self._Move(step, submit))  # after the keys before it
            return
        if isinstance(focused, Button):
            if submit:
                focused.press()
            else:
                self.focus_next() if step > 0 else self.focus_previous()
            return
        fields = self.fields()
        if not isinstance(focused, Input) or focused not in fields:
            self.focus_next() if step > 0 else self.focus_previous()
            return
        index = fields.index(focused)
        if submit and index == len(fields) - 1:
            self.coach_app.after_typed_keys(self.submit)
            return
        self.set_focus(fields[(index + step) % len(fields)])  # at once: see the docstring

    @on(_Move)
    def _move(self, message: _Move) -> None:
        fields = self.fields()
        focused = self.focused
        if isinstance(focused, Input) and focused in fields:
            self._target = fields.index(focused)  # the focus settled before this move
        if message.submit and self._target >= len(fields) - 1:
            self._settle_focus()
            self.submit()
            return
        self._target = (self._target + message.step) % max(1, len(fields))
        if isinstance(focused, Input | Button) and fields:
            self.set_focus(fields[self._target])
        else:
            self._settle_focus()

    def on_key(self, event: events.Key) -> None:
        """Keys that reached the dialog while no field had the focus."""
        if isinstance(self.focused, Input | Button):
            return
        if not event.is_printable or not event.character:
            return
        fields = self.fields()
        if fields:
            event.stop()
            event.prevent_default()
            fields[min(self._target, len(fields) - 1)].insert_text_at_cursor(event.character)
        self._settle_focus()

    def on_paste(self, event: events.Paste) -> None:
        if isinstance(self.focused, Input | Button) or not event.text:
            return
        fields = self.fields()
        if fields:
            event.stop()
            fields[min(self._target, len(fields) - 1)].insert_text_at_cursor(
                event.text.splitlines()[0]
            )
        self._settle_focus()
