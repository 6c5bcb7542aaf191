"""A choice (or yes/no) question with a note line under it for words that are not a choice.

On a call the coach often types what the executive says while a choice question is
on screen. A plain ``RadioSet`` would take each space of that sentence as "choose
this option" and drop the letters. ``ChoiceSet`` changes the choice only with the
keys that mean it (↑ ↓ to move, space or enter to choose); the first letter typed
moves to the note line below (``ChoiceSet.note``), with every key after it, and the hint says
so. The note is kept as a private note of the session when the coach moves on.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, RadioButton, RadioSet

from screens.widgets.editors import SafeInput

NOTE_PLACEHOLDER = "Words typed here are kept as a private note · ctrl+e back to the choice"


class ChoiceNote(SafeInput):
    """The line under a choice: free text about the answer."""

    def __init__(self) -> None:
        super().__init__(placeholder=NOTE_PLACEHOLDER, classes="choice-note", select_on_focus=False)


class ChoiceSet(RadioSet):
    """A ``RadioSet`` that hands typed words to the note line instead of choosing."""

    def __init__(self, *buttons: RadioButton) -> None:
        super().__init__(*buttons)
        self.note = ChoiceNote()

    def _note(self) -> Input | None:
        return self.note if self.note.is_mounted else None

    _typing = False  # a letter went to the note: what follows it goes there too

    def on_focus(self) -> None:
        self._typing = False  # back on the choice (ctrl+e, a click): space chooses again

    def on_key(self, event: events.Key) -> None:
        character = event.character if event.is_printable else None
        if not character:
            return
        if character == " " and not self._typing:
            return  # space chooses, as in any radio set
        note = self._note()
        if note is None:
            return
        event.stop()
        event.prevent_default()
        if not self._typing:
            self._typing = True
            self.screen.set_focus(note)
        note.insert_text_at_cursor(character)
