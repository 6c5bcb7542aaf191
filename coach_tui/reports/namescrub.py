"""Finding stakeholder names in free text, so a sponsor's report never carries them.

Stakeholders are promised that their names are never attached to anything the
sponsor reads. People write names in any case ("ZEBULON", "zebulon"), alone
(first name or surname) or whole, with hyphens and accents, so the pattern:

* matches the full name, each hyphenated surname whole, and every part of three
  letters or more that is written capitalised in the stakeholder list (particles
  such as "van" or "de" stay), ignoring case;
* matches whole words only (``\\w`` is Unicode-aware: "Ångström" is one word);
* leaves out the executive's own name parts (the report is about them);
* matches a part that is also a common English word ("Will", "Grace", "Mark")
  only when written with a capital, so "I will ask" survives while "Will said"
  does not. Over-scrubbing a capitalised word is the safe side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Common words that are also first names or surnames: scrubbed only when capitalised.
COMMON_WORDS: frozenset[str] = frozenset(
    """
    will grace hope mark bill rose may faith joy frank rich sue pat art dawn summer
    bishop young king long brown green white black gray grey rob jack sky ray win
    page hunter baker cook carpenter mason miller smith wood woods hill bush rice
    lane park bell chase drew earl gale glen grant guy harry heath holly iris ivy
    jay jean lily major noble penny pearl reed rusty sandy shepherd sterling stone
    storm wade ward west wolf amber april august cash crystal destiny ernest golden
    honey jewel justice lake lucky march melody river robin ruby sage savannah star
    trinity violet case day love price fox cross strong hardy armstrong
    """.split()
)


def name_parts(full: str) -> set[str]:
    """The words of a name worth scrubbing on their own (see the module docstring)."""
    parts: set[str] = set()
    for word in full.split():
        if "-" in word.strip("-"):
            parts.add(word.strip("-"))
        for part in word.split("-"):
            if len(part) >= 3 and part[:1].isupper():
                parts.add(part)
    return parts


def name_pattern(stakeholders: Iterable[str], own_name: str) -> re.Pattern[str] | None:
    """A regex that finds any of the stakeholders' names in text (None if there are none)."""
    own = {part.casefold() for part in re.split(r"[\s\-]+", own_name) if part}
    names: set[str] = set()
    for raw in stakeholders:
        full = " ".join(raw.split())
        if not full:
            continue
        names.add(full)
        names |= {p for p in name_parts(full) if p.casefold() not in own}
    if not names:
        return None
    alternatives: list[str] = []
    for name in sorted(names, key=len, reverse=True):
        body = r"[\s\-]+".join(re.escape(word) for word in re.split(r"[\s\-]+", name))
        if name.casefold() in COMMON_WORDS:
            # Capitalised or all caps only: "Will"/"WILL", never "will".
            first, rest = re.escape(name[:1].upper()), name[1:]
            body = f"(?-i:{first}(?:{re.escape(rest.lower())}|{re.escape(rest.upper())}))"
        alternatives.append(body)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE)
