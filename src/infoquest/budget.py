"""A work budget for reading one file, spent while the work is done (not checked afterwards).

Sizes on disk say little about the work a document asks for: a 2 KB PDF can draw a 60 KB form
30,000 times, a 10 KB ODT can expand an entity to a gigabyte. The readers therefore count what they
actually do (characters extracted, forms drawn, content bytes parsed, XML elements built) and stop
as soon as any count passes its limit, so every read ends within seconds and bounded memory.
"""

from __future__ import annotations

from collections.abc import Mapping


class BudgetExceeded(Exception):
    """A reader used up one of its limits; ``what`` names it (e.g. ``"characters"``)."""

    def __init__(self, what: str, limit: int) -> None:
        super().__init__(f"work budget exhausted: more than {limit:,} {what}")
        self.what = what
        self.limit = limit


class WorkBudget:
    """Named counters with limits; :meth:`spend` raises :class:`BudgetExceeded` once one is passed.

    A budget stays exhausted: every later :meth:`spend` raises again, so a library that swallows the
    first exception (pypdf does, inside form XObjects) is stopped at its next step. :attr:`exceeded`
    tells the caller afterwards.
    """

    def __init__(self, limits: Mapping[str, int]) -> None:
        self.limits = dict(limits)
        self.spent = dict.fromkeys(self.limits, 0)
        self.exceeded: BudgetExceeded | None = None

    def spend(self, what: str, amount: int = 1) -> None:
        """Count ``amount`` of ``what``.

        Raises:
            BudgetExceeded: this or an earlier call went over a limit.
        """
        self.check()
        total = self.spent[what] + amount
        self.spent[what] = total
        if total > self.limits[what]:
            self.exceeded = BudgetExceeded(what, self.limits[what])
            raise self.exceeded

    def check(self) -> None:
        """Raise the :class:`BudgetExceeded` an earlier :meth:`spend` raised, if any (it may have been caught)."""
        if self.exceeded is not None:  # a new instance: re-raising one would grow its traceback each time
            raise BudgetExceeded(self.exceeded.what, self.exceeded.limit)
