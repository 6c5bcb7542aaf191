"""Sessions: starting one, saving its answers and cursor, ending it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from coach_tui.domain import model
from coach_tui.domain.model import (
    Answer,
    AnswerValue,
    AskedQuestion,
    Edit,
    Session,
)
from coach_tui.errors import (
    InvalidInputError,
    NotFoundError,
)
from coach_tui.store import records
from coach_tui.store.base import PracticeBase
from coach_tui.store.clientfile import new_id
from coach_tui.store.fed import sync_fed_insights


class SessionsMixin(PracticeBase):
    """A live session's writes: the hot path of a call."""

    # -------------------------------------------------------------- sessions

    def start_session(
        self,
        client_id: str,
        script: Any,
        stakeholder_id: str | None = None,
        at: datetime | None = None,
    ) -> Session:
        """Open a session of ``script`` (a ``scripts.Script``) in the current stage."""
        when = at or self.clock()
        with self._change(client_id) as db:
            _, engagement = self._current_engagement(db)
            session = Session(
                id=new_id(),
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
            db.table("sessions").insert(records.to_doc(session))
        return session

    def set_cursor(
        self,
        client_id: str,
        session_id: str,
        question_id: str,
        active_seconds: int | None = None,
    ) -> None:
        """Remember where the coach is (and the time on the call), for resuming."""
        with self._change(client_id, refresh_index=False) as db:
            doc_id, session = self._get(db, "sessions", session_id, Session)
            seconds = session.active_seconds if active_seconds is None else active_seconds
            if session.cursor != question_id or session.active_seconds != seconds:
                changed = replace(session, cursor=question_id, active_seconds=seconds)
                self._put(db, "sessions", doc_id, changed)

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
        that feed a running view keep that view's items in step, one per line.
        """
        value = _normalise(question.kind, value)
        when = at or self.clock()
        answer: Answer | None = None
        with self._change(client_id, refresh_index=False) as db:
            found_session = self._find_raw(db, "sessions", id=session_id)
            if found_session is None:
                raise NotFoundError(f"no session '{session_id}'")
            _, session_doc = found_session
            table = db.table("answers")
            existing = self._find_raw(db, "answers", session_id=session_id, question_id=question.id)
            if existing is not None:
                doc_id, doc = existing
                old = records.from_doc(Answer, doc)
                if old.value == value:
                    return old
                answer = replace(
                    old,
                    value=value,
                    updated=when,
                    history=[*old.history, Edit(old.value, old.updated)],
                )
                self._replace(db, "answers", doc_id, records.to_doc(answer))
            else:
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
                table.insert(records.to_doc(answer))
            kind = model.FEEDS_TO_KIND.get(question.feeds or "")
            # Only the coach's sessions feed the running views: what the executive or
            # a stakeholder writes on their own is a suggestion (coach_tui.domain.suggestions).
            if kind is not None and session_doc.get("audience", "coach") == "coach":
                session = records.from_doc(Session, session_doc)
                sync_fed_insights(db, session, question.id, kind, value, when)
        return answer

    def end_session(self, client_id: str, session_id: str, at: datetime | None = None) -> Session:
        when = at or self.clock()
        with self._change(client_id) as db:
            doc_id, session = self._get(db, "sessions", session_id, Session)
            session = replace(session, ended=max(when, session.started))
            self._put(db, "sessions", doc_id, session)
            self._log(db, when, "session", f"{session.script_title} ({session.minutes} min)")
        return session

    def set_answer_private(self, client_id: str, answer_id: str, private: bool) -> Answer:
        """Make one answer coach-only (or give it back to the executive)."""
        with self._change(client_id, refresh_index=False) as db:
            doc_id, answer = self._get(db, "answers", answer_id, Answer)
            answer = replace(answer, private=private)
            self._put(db, "answers", doc_id, answer)
        return answer


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
