"""Three-way merge of two versions of any coach-tui tables file, losing nothing.

Generic on purpose (a client file today, a session file tomorrow): table by table,
document by document keyed on each document's ``id``. Tables whose documents carry
no id (the event log, the file's meta row) merge as a set of documents.

- added on either side: kept;
- changed on one side: that change;
- changed on both: field by field; where the same field differs, the later edit
  wins (the document's ``updated`` time, else its latest history entry, else the
  commit time) and, for an answer's value or an item's text, the other value goes
  into the document's ``history``. Each such case becomes a note for the coach;
- deleted on one side and unchanged on the other: deleted; deleted on one side but
  changed on the other: kept (nothing is lost).

Two answers to the same question of the same session (the session was open on both
machines) fold into one, the other value in its history; the coach is told.
Merging a result again with either input gives the same result (history entries are
never doubled), so an interrupted sync converges when it runs again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from coach_tui.store.storage import Tables

Doc = dict[str, Any]
_MISSING: Any = object()
#: Fields that hold what the coach wrote: the loser of a clash goes into history.
KEPT_IN_HISTORY = ("value", "text")
#: Bookkeeping fields: they follow the winner without a note.
QUIET = frozenset({"updated", "history", "schema", "cursor", "done_at"})


@dataclass
class Merged:
    tables: Tables
    notes: list[str] = field(default_factory=list)


@dataclass
class _Context:
    who: str
    ours_time: str
    theirs_time: str
    notes: list[str]


def _canon(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def doc_time(doc: Doc) -> str:
    """When the document was last edited, as ISO text ('' if it does not say)."""
    updated = doc.get("updated")
    if isinstance(updated, str):
        return updated
    times = [h.get("at") for h in doc.get("history") or [] if isinstance(h, dict)]
    return max((t for t in times if isinstance(t, str)), default="")


def merge_tables(
    base: Tables, ours: Tables, theirs: Tables, who: str, ours_time: str = "", theirs_time: str = ""
) -> Merged:
    """Merge ``ours`` and ``theirs`` (both descended from ``base``); ``who`` names notes."""
    ctx = _Context(who, ours_time, theirs_time, [])
    names = list(ours) + [n for n in theirs if n not in ours]
    result: Tables = {}
    for name in names:
        b, o, t = base.get(name, {}), ours.get(name, {}), theirs.get(name, {})
        if name not in ours and name in base:
            o = {}
        if all("id" in d for d in (*b.values(), *o.values(), *t.values())):
            merged = _merge_by_id(name, b, o, t, ctx)
        else:
            merged = _merge_as_set(b, o, t)
        if merged or name in ours or name in theirs:
            result[name] = merged
    if "answers" in result and "sessions" in result:
        _fold_double_answers(result, ctx)
        _note_sessions(base, ours, theirs, result, ctx)
    return Merged(result, ctx.notes)


def _merge_as_set(b: dict[str, Doc], o: dict[str, Doc], t: dict[str, Doc]) -> dict[str, Doc]:
    gone = {_canon(d) for d in b.values()}
    gone -= {_canon(d) for d in o.values()} & {_canon(d) for d in t.values()}
    out: dict[str, Doc] = {}
    seen: set[bytes] = set()
    for doc in (*o.values(), *t.values()):
        key = _canon(doc)
        if key in seen or key in gone:
            continue
        seen.add(key)
        out[str(len(out) + 1)] = doc
    return out


def _merge_by_id(
    table: str, b: dict[str, Doc], o: dict[str, Doc], t: dict[str, Doc], ctx: _Context
) -> dict[str, Doc]:
    base = {d["id"]: d for d in b.values()}
    theirs = {d["id"]: d for d in t.values()}
    ours_ids = {d["id"] for d in o.values()}
    out: dict[str, Doc] = {}
    for doc_id, doc in o.items():
        key = doc["id"]
        if key in theirs:
            out[doc_id] = _merge_doc(table, base.get(key), doc, theirs[key], ctx)
        elif key not in base or _canon(doc) != _canon(base[key]):
            out[doc_id] = doc  # added here, or changed here while deleted there
    next_id = max((int(k) for k in o), default=0) + 1
    for doc in t.values():
        key = doc["id"]
        if key in ours_ids:
            continue
        if key in base and _canon(doc) == _canon(base[key]):
            continue  # deleted here, unchanged there
        while str(next_id) in out:
            next_id += 1
        out[str(next_id)] = doc
        next_id += 1
    return out


def _merge_doc(table: str, base: Doc | None, ours: Doc, theirs: Doc, ctx: _Context) -> Doc:
    if _canon(ours) == _canon(theirs):
        return ours
    if base is not None and _canon(ours) == _canon(base):
        return theirs
    if base is not None and _canon(theirs) == _canon(base):
        return ours
    b = base or {}
    ours_when, theirs_when = doc_time(ours) or ctx.ours_time, doc_time(theirs) or ctx.theirs_time
    ours_later = ours_when >= theirs_when
    merged: Doc = {}
    lost: list[dict[str, Any]] = []
    clashes: list[str] = []
    for key in list(ours) + [k for k in theirs if k not in ours]:
        bv, ov, tv = b.get(key, _MISSING), ours.get(key, _MISSING), theirs.get(key, _MISSING)
        if _same(ov, tv) or _same(tv, bv):
            value = ov
        elif _same(ov, bv):
            value = tv
        elif key == "history":
            value = _union_history(ov, tv)
        elif isinstance(ov, list) and isinstance(tv, list) and key not in KEPT_IN_HISTORY:
            value = _merge_list(bv if isinstance(bv, list) else [], ov, tv)
        else:
            value, loser = (ov, tv) if ours_later else (tv, ov)
            loser_when = theirs_when if ours_later else ours_when
            if key in KEPT_IN_HISTORY and loser is not _MISSING:
                lost.append({"value": loser, "at": loser_when or ctx.ours_time})
            if key not in QUIET:
                clashes.append(key)
        if value is not _MISSING:
            merged[key] = value
    if lost and isinstance(merged.get("history"), list):
        merged["history"] = _union_history(merged["history"], lost)
    if clashes:
        ctx.notes.append(_clash_note(table, merged, clashes, ctx.who, bool(lost)))
    return merged


def _same(a: Any, b: Any) -> bool:
    if a is _MISSING or b is _MISSING:
        return a is b
    return _canon(a) == _canon(b)


def _union_history(*lists: Any) -> list[Any]:
    """Every entry of every list once, oldest first (entries are values with a time)."""
    seen: set[bytes] = set()
    out: list[Any] = []
    for entries in lists:
        for entry in entries if isinstance(entries, list) else []:
            key = _canon(entry)
            if key not in seen:
                seen.add(key)
                out.append(entry)
    return sorted(out, key=lambda e: str(e.get("at", "")) if isinstance(e, dict) else "")


def _merge_list(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Items kept unless one side removed them; each side's new items added."""
    b = {_canon(x) for x in base}
    removed = (b - {_canon(x) for x in ours}) | (b - {_canon(x) for x in theirs})
    out: list[Any] = []
    seen: set[bytes] = set()
    for item in (*ours, *theirs):
        key = _canon(item)
        if key not in seen and key not in removed:
            seen.add(key)
            out.append(item)
    return out


def _label(table: str, doc: Doc) -> str:
    if table == "answers":
        return f"answer '{doc.get('question_id', '?')}'"
    if table == "insights":
        return f"{doc.get('kind', 'item')} '{str(doc.get('text', ''))[:40]}'"
    if table == "sessions":
        return f"session '{doc.get('script_title', '?')}' of {str(doc.get('started', ''))[:10]}"
    return f"{table.rstrip('s')} '{str(doc.get('name') or doc.get('id'))[:40]}'"


def _clash_note(table: str, doc: Doc, fields: list[str], who: str, kept: bool) -> str:
    what = _label(table, doc)
    if kept:
        return f"{who}: {what} edited on both machines; kept the later, the other is in its history"
    return f"{who}: {what} ({', '.join(fields)}) changed on both machines; kept the later"


def _fold_double_answers(tables: Tables, ctx: _Context) -> None:
    """One answer per question per session: the later value, the others in its history."""
    answers = tables["answers"]
    groups: dict[tuple[Any, Any], list[str]] = {}
    for doc_id, doc in answers.items():
        groups.setdefault((doc.get("session_id"), doc.get("question_id")), []).append(doc_id)
    for doc_ids in groups.values():
        if len(doc_ids) < 2:
            continue
        docs = sorted((answers[i] for i in doc_ids), key=lambda d: (doc_time(d), str(d["id"])))
        keep = dict(docs[-1])
        earlier = [{"value": d.get("value"), "at": doc_time(d)} for d in docs[:-1]]
        histories = [d.get("history") or [] for d in docs]
        keep["history"] = [
            h
            for h in _union_history(*histories, earlier)
            if _canon(h.get("value") if isinstance(h, dict) else h) != _canon(keep.get("value"))
        ]
        keeper = next(i for i in doc_ids if answers[i]["id"] == keep["id"])
        for doc_id in doc_ids:
            if doc_id != keeper:
                del answers[doc_id]
        answers[keeper] = keep
        ctx.notes.append(
            f"{ctx.who}: {_label('answers', keep)} given on both machines in the same session; "
            f"kept the later, the other is in its history"
        )


def _touched(base: Tables, side: Tables) -> set[str]:
    """Sessions this side worked on since the common version (the session or its answers)."""
    before = {
        d["id"]: _canon(d)
        for name in ("sessions", "answers")
        for d in base.get(name, {}).values()
        if "id" in d
    }
    found: set[str] = set()
    for d in side.get("sessions", {}).values():
        if before.get(d.get("id")) != _canon(d):
            found.add(str(d.get("id")))
    for d in side.get("answers", {}).values():
        if before.get(d.get("id")) != _canon(d):
            found.add(str(d.get("session_id")))
    return found


def _note_sessions(
    base: Tables, ours: Tables, theirs: Tables, merged: Tables, ctx: _Context
) -> None:
    """Never merge silently into a session open elsewhere: say so."""
    sessions = {d.get("id"): d for d in merged["sessions"].values()}
    theirs_sessions = {d.get("id"): d for d in theirs.get("sessions", {}).values()}
    here, there = _touched(base, ours), _touched(base, theirs)
    for session_id in sorted(there):
        doc = sessions.get(session_id)
        if doc is None:
            continue
        what = _label("sessions", doc)
        if session_id in here:
            ctx.notes.append(
                f"{ctx.who}: {what} was worked on on both machines; both machines' answers "
                f"are kept; look it over before you go on"
            )
        elif theirs_sessions.get(session_id, {}).get("ended") is None:
            ctx.notes.append(
                f"{ctx.who}: {what} is still open on the other machine; finish it there "
                f"before you resume it here"
            )
