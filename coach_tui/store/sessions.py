"""Sessions: starting one, saving its answers and cursor, ending it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from coach_tui.domain import model
from coach_tui.domain.model import (
    Answer,
    AnswerValue,
    AskedQuestion,
    Edit,
    InsightKind,
    Session,
)
from coach_tui.errors import (
    InvalidInputError,
    NotFoundError,
)
from coach_tui.store import livefile, records, storage
from coach_tui.store.base import PracticeBase
from coach_tui.store.clientfile import new_id
from coach_tui.store.fed import sync_fed_insights

if TYPE_CHECKING:
    from tinydb import TinyDB


class SessionsMixin(PracticeBase):
    """A live session's writes: the hot path of a call."""

    # -------------------------------------------------------------- sessions

    def start_session(
        self,
        client_id: str,
        script: Any,
        stakeholder_id: str | None = None,
        at: datetime | None = None,
        session_id: str | None = None,
    ) -> Session:
        """Open a session of ``script`` (a ``scripts.Script``) in the current stage.

        Outside a batch the session is live: it gets a file of its own, written whole
        before the executive's file points to it (``coach_tui.store.livefile``).
        ``session_id`` (from ``new_id``) lets the app show the session's screen while
        the session is being written; an id already in use is refused.
        """
        when = at or self.clock()
        in_batch = self.client_path(client_id) in self._batches()
        # A live session leaves the index row to be rebuilt when the practice is next
        # listed (its file signature tells it is stale): rebuilding it here decoded
        # the executive's insights while the session screen was opening.
        with self._change(client_id, refresh_index=in_batch) as db:
            _, engagement = self._current_engagement(db)
            if session_id is not None and (
                not re.fullmatch(r"[0-9a-f]{12}", session_id)
                or self._find_raw(db, "sessions", id=session_id) is not None
                or self._find_raw(db, livefile.LIVE, id=session_id) is not None
            ):
                raise InvalidInputError(f"'{session_id}' cannot be a new session's id")
            session = Session(
                id=session_id or new_id(),
                engagement_id=engagement.id,
                script_id=script.id,
                script_title=script.title,
                script_version=script.version,
                stage=engagement.stage,
                started=when,
                audience=script.audience,
                stakeholder_id=stakeholder_id,
                cursor=script.questions[0].id if script.questions else None,
                questions=[
                    AskedQuestion(q.id, q.text, q.kind, q.section) for q in script.questions
                ],
            )
            if in_batch:
                db.table("sessions").insert(records.to_doc(session))
            else:
                path = livefile.session_path(self.root, client_id, session.id)
                livefile.create(path, client_id, records.to_doc(session))
                db.table(livefile.LIVE).insert({"id": session.id})
        return session

    def set_cursor(
        self,
        client_id: str,
        session_id: str,
        question_id: str,
        active_seconds: int | None = None,
    ) -> None:
        """Remember where the coach is (and the time on the call), for resuming."""
        live = self._live_session(client_id, session_id)
        if live is not None:
            with storage.transaction(live, livefile.open_check(live)) as sdb:
                _move_cursor(sdb, session_id, question_id, active_seconds)
            return
        with self._change(client_id, refresh_index=False) as db:
            self._fold(client_id, db, session_id)
            _move_cursor(db, session_id, question_id, active_seconds)

    def save_answer(
        self,
        client_id: str,
        session_id: str,
        question: Any,
        value: AnswerValue,
        at: datetime | None = None,
    ) -> Answer:
        """Save the answer to ``question`` (a ``scripts.Question``); keep the old value.

        Saving the same value again changes nothing on disk. Answers to questions
        that feed a running view keep that view's items in step, one per line. A live
        session's answer is written to its own file; the view's items, which belong
        to the whole engagement, to the executive's file after it.
        """
        value = _normalise(question.kind, value)
        when = at or self.clock()
        live = self._live_session(client_id, session_id)
        if live is not None:
            mark = new_id()
            with storage.transaction(live, livefile.open_check(live)) as sdb:
                answer, session_doc, changed = _write_answer(sdb, session_id, question, value, when)
                kind = _feeds(question, session_doc)
                if changed and kind is not None:
                    livefile.mark_fed(sdb, question.id, kind.value, mark)
            if changed and kind is not None:
                # The views follow in the executive's file. A kill before this write
                # leaves the mark unmatched: the next open catches the views up.
                session = records.from_doc(Session, session_doc)
                with self._change(client_id, refresh_index=False) as db:
                    finder = self._answer_finder(client_id, db, live_session=session_id)
                    sync_fed_insights(db, session, question.id, kind, value, when, finder)
                    livefile.note_fed(db, session_id, question.id, mark)
            return answer
        with self._change(client_id, refresh_index=False) as db:
            self._fold(client_id, db, session_id)
            answer, session_doc, changed = _write_answer(db, session_id, question, value, when)
            kind = _feeds(question, session_doc)
            if changed and kind is not None:
                session = records.from_doc(Session, session_doc)
                finder = self._answer_finder(client_id, db)
                sync_fed_insights(db, session, question.id, kind, value, when, finder)
        return answer

    def _answer_finder(
        self, client_id: str, db: TinyDB, live_session: str | None = None
    ) -> Callable[[str, str], dict[str, Any] | None]:
        """Look up any session's answer: in the executive's file or a live session's."""
        live = {str(d.get("id")) for d in storage.rows(db, livefile.LIVE).values()}

        def find(session_id: str, question_id: str) -> dict[str, Any] | None:
            if session_id in live or session_id == live_session:
                path = livefile.session_path(self.root, client_id, session_id)
                tables = livefile.read_session(path)
                for doc in reversed(list(tables.get("answers", {}).values())):
                    if (
                        doc.get("session_id") == session_id
                        and doc.get("question_id") == question_id
                    ):
                        return doc
                return None
            found = self._find_raw(db, "answers", session_id=session_id, question_id=question_id)
            return found[1] if found is not None else None

        return find

    def _catch_up_fed(self, client_id: str, db: TinyDB, session_id: str) -> bool:
        """Bring the views fed by a live session's answers up to its file; True if it did.

        A save writes the answer (with a mark) to the session's file, then the views
        (with the same mark on the pointer) to the executive's file; a kill between
        the two leaves marks that differ, and this redoes the second write from the
        answers as saved. Runs inside the executive's file's transaction ``db``.
        """
        pointers = storage.rows(db, livefile.LIVE).values()
        if not any(p.get("id") == session_id for p in pointers):
            return False
        path = livefile.session_path(self.root, client_id, session_id)
        tables = livefile.read_session(path)
        behind = livefile.fed_behind(db, session_id, tables)
        if not behind:
            return False
        session_doc = next(
            (d for d in tables.get("sessions", {}).values() if d.get("id") == session_id), None
        )
        if session_doc is None:
            return False
        session = records.from_doc(Session, session_doc)
        finder = self._answer_finder(client_id, db, live_session=session_id)
        for question_id, kind, mark in behind:
            doc = finder(session_id, question_id)
            value = doc.get("value") if doc is not None else None
            when = records.from_doc(Answer, doc).updated if doc is not None else session.started
            sync_fed_insights(db, session, question_id, InsightKind(kind), value, when, finder)
            livefile.note_fed(db, session_id, question_id, mark)
        return True

    def end_session(self, client_id: str, session_id: str, at: datetime | None = None) -> Session:
        """End a session; a live one is folded into the executive's file in the same write."""
        when = at or self.clock()
        with self._change(client_id) as db:
            self._fold(client_id, db, session_id)
            doc_id, session = self._get(db, "sessions", session_id, Session)
            session = replace(session, ended=max(when, session.started))
            self._put(db, "sessions", doc_id, session)
            self._log(db, when, "session", f"{session.script_title} ({session.minutes} min)")
        return session

    def set_answer_private(self, client_id: str, answer_id: str, private: bool) -> Answer:
        """Make one answer coach-only (or give it back to the executive)."""
        for session_id in livefile.live_ids(self._read_client_file(client_id)):
            live = self._live_session(client_id, session_id)
            if live is None or not any(
                d.get("id") == answer_id
                for d in livefile.read_session(live).get("answers", {}).values()
            ):
                continue
            with storage.transaction(live, livefile.open_check(live)) as sdb:
                doc_id, answer = self._get(sdb, "answers", answer_id, Answer)
                answer = replace(answer, private=private)
                self._put(sdb, "answers", doc_id, answer)
            return answer
        with self._change(client_id, refresh_index=False) as db:
            self._fold(client_id, db)
            doc_id, answer = self._get(db, "answers", answer_id, Answer)
            answer = replace(answer, private=private)
            self._put(db, "answers", doc_id, answer)
        return answer


def _move_cursor(db: TinyDB, session_id: str, question_id: str, active_seconds: int | None) -> None:
    doc_id, session = PracticeBase._get(db, "sessions", session_id, Session)
    seconds = session.active_seconds if active_seconds is None else active_seconds
    if session.cursor != question_id or session.active_seconds != seconds:
        changed = replace(session, cursor=question_id, active_seconds=seconds)
        PracticeBase._put(db, "sessions", doc_id, changed)


def _feeds(question: Any, session_doc: dict[str, Any]) -> InsightKind | None:
    """The running view an answer feeds, if any.

    Only the coach's sessions feed the running views: what the executive or a
    stakeholder writes on their own is a suggestion (coach_tui.domain.suggestions).
    """
    kind = model.FEEDS_TO_KIND.get(question.feeds or "")
    if kind is not None and session_doc.get("audience", "coach") == "coach":
        return kind
    return None


def _write_answer(
    db: TinyDB, session_id: str, question: Any, value: AnswerValue, when: datetime
) -> tuple[Answer, dict[str, Any], bool]:
    """Put the answer in ``db``: (the answer, its session's document, whether it changed)."""
    found_session = PracticeBase._find_raw(db, "sessions", id=session_id)
    if found_session is None:
        raise NotFoundError(f"no session '{session_id}'")
    _, session_doc = found_session
    existing = PracticeBase._find_raw(db, "answers", session_id=session_id, question_id=question.id)
    if existing is not None:
        doc_id, doc = existing
        old = records.from_doc(Answer, doc)
        if old.value == value:
            return old, session_doc, False
        answer = replace(
            old,
            value=value,
            updated=when,
            history=[*old.history, Edit(old.value, old.updated)],
        )
        PracticeBase._replace(db, "answers", doc_id, records.to_doc(answer))
        return answer, session_doc, True
    answer = Answer(
        id=new_id(),
        session_id=session_id,
        question_id=question.id,
        question_text=question.text,
        kind=question.kind,
        value=value,
        updated=when,
        private=bool(getattr(question, "coach_only", False)),
    )
    db.table("answers").insert(records.to_doc(answer))
    return answer, session_doc, True


def _normalise(kind: str, value: AnswerValue) -> AnswerValue:
    """Answers keep their kind's shape: lists without blanks, text as typed."""
    if kind in ("list", "choices"):
        if value is None:
            return []
        if isinstance(value, str):
            value = value.splitlines()
        if isinstance(value, list):
            return [str(v).strip() for v in value if str(v).strip()]
        raise InvalidInputError(f"a {kind} answer must be a list, not {value!r}")
    if kind == "rating":
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInputError(f"a rating must be a whole number, not {value!r}")
        return value
    if kind == "yesno":
        if value is None or isinstance(value, bool):
            return value
        raise InvalidInputError(f"a yes/no answer must be yes or no, not {value!r}")
    if kind == "date":
        if value in (None, ""):
            return None
        if isinstance(value, str):
            try:
                date.fromisoformat(value)
            except ValueError:
                raise InvalidInputError(f"'{value}' is not a date (YYYY-MM-DD)") from None
            return value
        raise InvalidInputError(f"a date answer must be YYYY-MM-DD, not {value!r}")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInputError(f"a {kind} answer must be text, not {value!r}")
    return value
