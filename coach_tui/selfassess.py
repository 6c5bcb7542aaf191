"""The executive's side, in a terminal: ``coach-tui self-assess`` and ``kit fill``.

This is the only module that uses questionary (and through it prompt_toolkit), and it
imports them inside functions, so the rest of the core never loads them (the
layer rule). Prompts are asked with ``unsafe_ask()``; Ctrl-C (KeyboardInterrupt) and
Ctrl-D (EOFError) are caught around the whole flow, which keeps every answer given
so far and says how to continue.

The self-assessment saves each answer the moment it is given: a competency rating
goes to the ratings (``Practice.record_ratings``, one competency at a time, phase
``baseline`` before Achievement and ``final`` in it) and every answer to a session
of the ``self-assessment`` script, whose cursor remembers where to continue. Each
save is one locked transaction, so the coach's app can be open on the same
executive at the same time. ``kit fill`` answers a JSON kit without any data folder
and rewrites the response file after every answer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from coach_tui import kit as kits
from coach_tui.domain.answered import answered_count, is_answered
from coach_tui.domain.model import RATING_MEANINGS, AnswerValue, ClientRecord, Session
from coach_tui.errors import CoachError, InvalidInputError
from coach_tui.reports import outputs
from coach_tui.scripts.library import Question, ScriptLibrary
from coach_tui.store.practice import Practice
from coach_tui.text import one_line, visible

#: A questionary Question (typed loosely: questionary is imported only when asking).
Prompt = Any

EXIT_STOPPED = 130
SKIP = "__skip__"


class Askable(Protocol):
    """What a question needs to be asked: a script's Question or a kit's KitQuestion."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def guidance(self) -> str: ...
    @property
    def scale(self) -> tuple[int, int] | None: ...
    @property
    def labels(self) -> dict[int, str]: ...
    @property
    def options(self) -> tuple[str, ...]: ...
    @property
    def required(self) -> bool: ...


def has_terminal() -> bool:
    """Whether questions can be asked here: both stdin and stdout are a terminal."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def need_terminal(what: str, alternative: str) -> None:
    if not has_terminal():
        raise InvalidInputError(
            f"{what} asks its questions in a terminal, and stdin or stdout is not one; "
            f"run it in a terminal window ({alternative})"
        )


# --------------------------------------------------------------------------- output


def say(text: str = "", style: str | None = None) -> None:
    """Print a line through prompt_toolkit (user text is plain text, never markup)."""
    import questionary

    questionary.print(visible(text), style=style)


def _wrapped(text: str, style: str | None = None, indent: str = "") -> None:
    import textwrap

    for paragraph in text.strip().split("\n\n"):
        if paragraph.strip():
            for line in textwrap.wrap(" ".join(paragraph.split()), 78):
                say(indent + line, style)


# --------------------------------------------------------------------------- prompts


def _stop_on_ctrl_d(prompt: Prompt) -> Prompt:
    """Lists and yes/no prompts ignore Ctrl-D by default; make it stop like in text."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _stop(event: Any) -> None:
        event.app.exit(exception=EOFError(), style="class:aborting")

    application = prompt.application
    application.key_bindings = merge_key_bindings(
        [application.key_bindings or KeyBindings(), bindings]
    )
    return prompt


def _labels(question: Askable) -> dict[int, str]:
    low, high = question.scale or (1, 5)
    if question.labels or (low, high) != (1, 5):
        return dict(question.labels)
    return dict(RATING_MEANINGS)


def _ask_rating(question: Askable, message: str, previous: AnswerValue) -> int | None:
    import questionary

    low, high = question.scale or (1, 5)
    labels = _labels(question)
    shortcuts = low >= 0 and high <= 9
    choices = []
    for value in range(low, high + 1):
        number = str(value) if low >= 0 else f"{value:+d}" if value else "0"
        label = labels.get(value, "")
        if shortcuts:
            title = label or number
            choices.append(questionary.Choice(title, value=value, shortcut_key=str(value)))
        else:
            choices.append(questionary.Choice(f"{number:>3}  {label}".rstrip(), value=value))
    if not question.required:
        choices.append(questionary.Choice("skip: I cannot judge this", value=SKIP))
    default = previous if isinstance(previous, int) and low <= previous <= high else None
    prompt = questionary.select(
        message,
        choices=choices,
        default=default,  # type: ignore[arg-type]  # a choice's value, as documented
        use_shortcuts=shortcuts,
        instruction="(arrows or the number, then enter)" if shortcuts else "(arrows, then enter)",
    )
    answer = _stop_on_ctrl_d(prompt).unsafe_ask()
    return answer if isinstance(answer, int) else None


def _ask_choice(question: Askable, message: str, previous: AnswerValue) -> AnswerValue:
    import questionary

    options = list(question.options)
    if question.kind == "choices":
        chosen = set(previous) if isinstance(previous, list) else set()
        prompt = questionary.checkbox(
            message,
            choices=[questionary.Choice(o, value=o, checked=o in chosen) for o in options],
            validate=lambda picked: bool(picked) or not question.required or "Pick at least one.",
        )
        picked = _stop_on_ctrl_d(prompt).unsafe_ask()
        return [str(p) for p in picked] if isinstance(picked, list) else []
    choices = [questionary.Choice(o, value=o) for o in options]
    if not question.required:
        choices.append(questionary.Choice("skip", value=SKIP))
    default = previous if isinstance(previous, str) and previous in options else None
    answer = _stop_on_ctrl_d(questionary.select(message, choices=choices, default=default))
    picked_one = answer.unsafe_ask()
    return picked_one if isinstance(picked_one, str) and picked_one != SKIP else None


def _ask_yesno(question: Askable, message: str, previous: AnswerValue) -> AnswerValue:
    import questionary

    default = previous if isinstance(previous, bool) else True
    answer = _stop_on_ctrl_d(questionary.confirm(message, default=default)).unsafe_ask()
    return bool(answer)


def _ask_text(question: Askable, message: str, previous: AnswerValue) -> AnswerValue:
    from datetime import date

    import questionary

    def valid(text: str) -> bool | str:
        if not text.strip():
            return "An answer is needed here." if question.required else True
        if question.kind == "date":
            try:
                date.fromisoformat(text.strip())
            except ValueError:
                return "Write the date as YYYY-MM-DD."
        return True

    instruction = "(YYYY-MM-DD)" if question.kind == "date" else ""
    if not question.required:
        instruction = (instruction + " (optional: enter skips)").strip()
    answer = questionary.text(
        message,
        default=previous if isinstance(previous, str) else "",
        validate=valid,
        instruction=instruction or None,
    ).unsafe_ask()
    text = str(answer or "").strip()
    return text or None


def _ask_list(
    question: Askable,
    message: str,
    previous: AnswerValue,
    save: Callable[[AnswerValue], None],
) -> AnswerValue:
    """One line per prompt: every line is saved as it is given."""
    import questionary

    lines = [str(v) for v in previous] if isinstance(previous, list) else []
    for number, line in enumerate(lines, 1):
        say(f"  {number}. {line}")
    while True:
        first = not lines
        needed = question.required and first

        def valid(text: str, needed: bool = needed) -> bool | str:
            return bool(text.strip()) or not needed or "Give at least one."

        hint = "(one per line; an empty line ends the list)" if first else "(empty: done)"
        answer = questionary.text(
            f"{message} {len(lines) + 1}:", validate=valid, instruction=hint
        ).unsafe_ask()
        text = str(answer or "").strip()
        if not text:
            return lines
        lines.append(text)
        save(list(lines))


PROMPTS: dict[str, str] = {
    "rating": "Your rating",
    "choice": "Your answer",
    "choices": "Your answers",
    "yesno": "Yes?",
    "list": "Your answer",
    "date": "Date",
}


def ask(
    question: Askable,
    heading: str,
    previous: AnswerValue = None,
    save: Callable[[AnswerValue], None] | None = None,
) -> AnswerValue:
    """Ask one question; returns the answer (None when an optional one is skipped).

    ``heading`` (the question's number and text) is printed above the prompt, with
    the guidance under it; the prompt itself stays short.
    """
    say()
    _wrapped(heading, "bold")
    if question.guidance.strip():
        _wrapped(question.guidance, "italic", "  ")
    message = PROMPTS.get(question.kind, "Your answer")
    if question.kind == "rating":
        return _ask_rating(question, message, previous)
    if question.kind in ("choice", "choices"):
        return _ask_choice(question, message, previous)
    if question.kind == "yesno":
        return _ask_yesno(question, message, previous)
    if question.kind == "list":
        return _ask_list(question, message, previous, save or (lambda value: None))
    return _ask_text(question, message, previous)


def _answered(value: AnswerValue) -> bool:
    return is_answered(value)  # the one rule every count uses


# --------------------------------------------------------------------------- self-assessment


def _open_session(
    practice: Practice, record: ClientRecord, script_id: str, phase: str
) -> Session | None:
    """The executive's interrupted self-assessment of this phase, if any.

    One left open in an earlier phase (it was begun before Achievement) is closed:
    its answers stay, and the final self-assessment starts afresh.
    """
    found: Session | None = None
    for session in record.sessions_of(record.engagement.id):
        if session.script_id != script_id or not session.is_open:
            continue
        if kits.phase_for(session.stage) != phase:
            practice.end_session(record.client.id, session.id)
        else:
            found = session
    return found


def run_self_assessment(
    practice: Practice, library: ScriptLibrary, client_id: str, again: str
) -> int:
    """The self-assessment flow; returns the exit code (130 when stopped early).

    ``again`` is the command that continues it, shown when the executive stops.
    """
    record = practice.load(client_id)
    script = library.get(kits.SELF_SCRIPT)
    phase = kits.phase_for(record.engagement.stage)
    questions: Sequence[Question] = script.questions
    name = one_line(record.client.name)
    session = _open_session(practice, record, script.id, phase)
    answers: dict[str, AnswerValue] = {}
    start = 0
    which = "baseline" if phase == "baseline" else "final, to see what changed"
    say(f"{script.title}: {name} ({which})", "bold")
    if session is None:
        _wrapped(script.description)
        say()
        say(
            f"{len(questions)} questions, about {script.minutes} minutes. Each answer is saved "
            "as soon as you give it; Ctrl-C stops, and you can continue later."
        )
        session = practice.start_session(client_id, script)
    else:
        answers = {qid: a.value for qid, a in record.answers_of(session.id).items()}
        ids = [q.id for q in questions]
        start = ids.index(session.cursor) if session.cursor in ids else 0
        done = answered_count(answers, [q.id for q in questions])
        say(
            f"Welcome back: {done} of {len(questions)} questions are answered. "
            f"Continuing at question {start + 1}."
        )
    cursor = questions[start].id if questions else None
    session_id = session.id
    section = ""

    def save(question: Question, value: AnswerValue) -> None:
        competency = question.competency
        if competency and isinstance(value, int):
            practice.record_ratings(client_id, {competency: value}, phase, "self")
        practice.save_answer(client_id, session_id, question, value)
        answers[question.id] = value

    index = start
    try:
        for index in range(start, len(questions)):
            question = questions[index]
            if question.id in answers and question.id != cursor:
                continue
            if question.section != section:
                section = question.section
                say()
                say(section, "bold underline")
                guidance = next((s.guidance for s in script.sections if s.title == section), "")
                if guidance:
                    _wrapped(guidance, "italic")

            def partial(value: AnswerValue, question: Question = question) -> None:
                save(question, value)

            heading = f"({index + 1}/{len(questions)}) {one_line(question.text)}"
            value = ask(question, heading, answers.get(question.id), partial)
            save(question, value)
            if index + 1 < len(questions):
                practice.set_cursor(client_id, session_id, questions[index + 1].id)
        practice.end_session(client_id, session_id)
    except (KeyboardInterrupt, EOFError):
        given = answered_count(answers, [q.id for q in questions])
        say()
        say(
            f"Stopped. {given} of {len(questions)} questions are answered and saved; "
            f"next time you continue at question {index + 1}. To continue, run: {again}",
            "bold",
        )
        return EXIT_STOPPED
    ratings = sum(1 for q in questions if q.competency and isinstance(answers.get(q.id), int))
    say()
    say(
        f"Thank you, your self-assessment is saved ({ratings} ratings, "
        f"{sum(1 for q in questions if not q.competency and _answered(answers.get(q.id)))} "
        "answers). Your coach will go through it with you.",
        "bold",
    )
    return 0


# --------------------------------------------------------------------------- kit fill


def _previous_answers(
    output: Path, form: kits.JsonForm, questions: Sequence[kits.KitQuestion]
) -> dict[str, AnswerValue]:
    """Answers already in ``output`` (a response to this same kit), to continue from."""
    if not output.exists():
        return {}
    try:
        text, source = kits.read_response(output)
        previous = kits.parse_json(text, source)
    except CoachError:
        previous = None
    if previous is None or previous.header.kit_id != form.header.kit_id:
        raise InvalidInputError(
            f"{output} exists and is not a response to this kit; give another file name "
            "with -o (nothing was overwritten)"
        )
    known = {q.id for q in questions}
    return {k: v for k, v in previous.answers.items() if k in known}


def run_kit_fill(kit_path: Path, output: Path, again: str) -> int:
    """Answer a JSON kit in this terminal, writing ``output`` after every answer."""
    form, _ = kits.load_kit_for_filling(kit_path, str(kit_path))
    target = outputs.resolve(output, None, streams=False)
    output = target.real
    questions = [q for s in form.sections for q in s.questions]
    answers = _previous_answers(output, form, questions)
    document = form.document

    def write(complete: bool) -> None:
        data = kits.response_json(form, answers, complete).encode("utf-8")
        outputs.write(target, data)

    title = document.get("title")
    say(one_line(title if isinstance(title, str) else "Questionnaire"), "bold")
    intro = document.get("intro")
    if isinstance(intro, str) and intro.strip():
        _wrapped(intro)
    remaining = [q for q in questions if q.id not in answers]
    if not remaining:
        write(True)
        say(f"Every question is answered already. Send {output} back to your coach.")
        return 0
    say()
    if answers:
        say(f"Welcome back: {len(questions) - len(remaining)} of {len(questions)} answered.")
    say(
        f"Your answers are saved in {output} as you go; Ctrl-C stops, and the same "
        "command continues later."
    )
    try:
        section_of = {q.id: s for s in form.sections for q in s.questions}
        current = None
        for index, question in enumerate(questions):
            if question.id in answers:
                continue
            section = section_of[question.id]
            if section is not current:
                current = section
                say()
                say(one_line(section.title), "bold underline")
                if section.guidance.strip():
                    _wrapped(section.guidance, "italic")
            heading = f"({index + 1}/{len(questions)}) {one_line(question.text)}"
            if question.goal:
                heading = (
                    f"({index + 1}/{len(questions)}) Goal: {one_line(question.goal)}\n\n"
                    f"{one_line(question.text)}"
                )

            def partial(value: AnswerValue, qid: str = question.id) -> None:
                answers[qid] = value
                write(False)

            value = ask(question, heading, None, partial)
            answers[question.id] = value
            write(False)
        write(True)
    except (KeyboardInterrupt, EOFError):
        say()
        say(
            f"Stopped. Your answers so far are saved in {output}. To continue, run: {again}",
            "bold",
        )
        return EXIT_STOPPED
    say()
    say(f"Thank you. Send {output} back to your coach.", "bold")
    return 0
