"""The plan for this session, on the live session screen (ctrl+t).

The plan written at the last wrap-up (commitments to review, the focus goals and
the development areas linked to them, the other goals to score, notes for next
time, and what else is due: a pulse, interviews, a three-way meeting) used to be on
the engagement screen only, so the coach had to read it before pressing s. Here it
takes the running views' place: the commitments can be ticked off as the executive
reports on them (space), the rest is there to read.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets.option_list import Option

from coach_tui.domain import next_step
from coach_tui.domain import plan as planning
from coach_tui.domain.model import ClientRecord, Plan
from coach_tui.text import one_line, visible
from screens.widgets.running_views import RunningViewsList, insight_text

SECTIONS = (
    ("review_actions", "Commitments to review"),
    ("focus_goals", "Focus goals"),
    ("focus", "Development areas in focus"),
    ("score_goals", "Other goals to score"),
)


def has_content(plan: Plan | None) -> bool:
    return plan is not None and bool(
        plan.review_actions or plan.score_goals or plan.focus or plan.notes.strip()
    )


class PlanPanel(RunningViewsList):
    """The plan as a list: space ticks a commitment done, e edits an item."""

    def show_plan(self, record: ClientRecord, plan: Plan | None, today: date) -> None:
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        self._by_id = {}
        options: list[Option] = []
        if plan is None:
            options.append(
                Option(Text("No plan yet: it is written at a wrap-up.", style="dim italic"))
            )
        else:
            items = planning.plan_items(record, plan)
            current = {i.id: i for i in record.insights}
            shown: set[str] = set()  # a focus goal is also a goal to score: list it once
            for key, title in SECTIONS:
                listed = [i for i in items[key] if i.id not in shown]
                if not listed:
                    continue
                options.append(Option(Text(title, style="bold"), disabled=True))
                for insight in listed:
                    shown.add(insight.id)
                    insight = current.get(insight.id, insight)
                    self._by_id[insight.id] = insight
                    options.append(Option(insight_text(insight, today), id=insight.id))
            due = next_step.reminders(record, today)
            if due:
                options.append(Option(Text("Also due", style="bold"), disabled=True))
                for reminder in due:
                    options.append(Option(Text(f"  {reminder}"), disabled=True))
            if plan.notes.strip():
                options.append(Option(Text("Notes for next time", style="bold"), disabled=True))
                for line in plan.notes.strip().splitlines():
                    options.append(Option(Text(f"  {one_line(visible(line))}"), disabled=True))
        self.clear_options()
        self.add_options(options)
        if keep and keep in self._by_id:
            self.highlighted = self.get_option_index(keep)
