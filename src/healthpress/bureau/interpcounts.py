"""The 解读, 征集调查 and 在线访谈 of a year, as the 政府网站工作年度报表 counts them (pure).

The counting itself belongs to the modules of those kinds (bureau/interpretation.py, bureau/surveys.py,
bureau/interviews.py); this is the one place the reports ask them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Mapping

from healthpress.bureau.interpretation import count_interpretations
from healthpress.bureau.interviews import Interview, count_interviews_held
from healthpress.bureau.surveys import Survey, count_opinions, count_surveys_held, count_surveys_with_results
from healthpress.model.articles import Article


@dataclass(frozen=True, slots=True)
class InterpCounts:
    interpretations: int
    """解读 published in the year."""
    surveys: int | None
    """征集调查 opened in the year; None (with the two below) on a site without a 征集调查 column."""
    survey_results: int | None
    """Of them, those whose results are published."""
    survey_opinions: int | None
    """The opinions they received; None when a survey does not say how many."""
    interviews: int | None
    """在线访谈 held in the year; None on a site without a 在线访谈 column."""


def count_interpretation(year: int, articles: Iterable[Article], surveys: Mapping[str, Survey],
                         interviews: Mapping[str, Interview], now: dt.datetime,
                         kinds: frozenset[str] = frozenset({"surveys", "interviews"})) -> InterpCounts:
    """`kinds`: the column kinds the site has; a site without one does not know its figures (not 0)."""
    held = list(surveys.values())
    asks = "surveys" in kinds
    return InterpCounts(
        interpretations=count_interpretations(articles, year),
        surveys=count_surveys_held(held, year) if asks else None,
        survey_results=count_surveys_with_results(held, year) if asks else None,
        survey_opinions=count_opinions(held, year) if asks else None,
        interviews=count_interviews_held(interviews.values(), year, now) if "interviews" in kinds else None)
