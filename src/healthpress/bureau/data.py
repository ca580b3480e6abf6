"""The bureau's data files under `data/`: units and liaisons, health days, leaders, terms, groups, the
disclosure guide, the figures of the yearly reports, the national mourning days.

Each file is optional; a file that exists is validated, and its findings fail the build and the
check like an article's would. A file with an error is not used at all (as if it were absent, but named
in `BureauData.failed`): the rules it feeds (units, leaders' names, terms) are not applied, rather than
applied to what could be read of it and reported again on every article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from healthpress.bureau.annualreport import AnnualReportData, load_annual_report
from healthpress.bureau.leaders import Leaders, load_leaders
from healthpress.bureau.mourning import MourningPeriod, load_mourning
from healthpress.bureau.terms import Term, load_terms
from healthpress.model.findings import Finding, errors
from healthpress.bureau.disclosureguide import DisclosureGuide, load_disclosure_guide
from healthpress.bureau.healthdays import HealthDay, load_health_days
from healthpress.bureau.organisation import LeadershipGroup, load_leadership_group
from healthpress.bureau.topics import Topic, load_topics
from healthpress.bureau.units import Unit, load_units


@dataclass
class BureauData:
    """What `data/` holds; empty when a file is absent."""

    units: list[Unit] = field(default_factory=list)
    health_days: list[HealthDay] = field(default_factory=list)
    leaders: Leaders | None = None
    terms: list[Term] = field(default_factory=list)
    leadership_group: LeadershipGroup | None = None
    topics: list[Topic] = field(default_factory=list)
    disclosure_guide: DisclosureGuide | None = None
    annual_report: AnnualReportData | None = None
    """data/annual-report.yml: what the yearly reports need that the site cannot count (None: no file)."""
    mourning: list[MourningPeriod] = field(default_factory=list)
    """data/mourning.yml: the national mourning days (全国哀悼日)."""
    has_units: bool = False
    """Whether data/units.yml was read without an error (the units rule and statistics apply)."""
    failed: set[str] = field(default_factory=set)
    """The data files (names, as units.yml) that exist but have an error: not used."""


def load_bureau_data(data_dir: Path, display_dir: str = "data") -> tuple[BureauData, list[Finding]]:
    """Read every data file that exists in `data_dir`."""
    data, findings = BureauData(), []

    def load(name: str, loader):
        path = data_dir / name
        if not path.is_file():
            return None
        value, found = loader(path, f"{display_dir}/{name}")
        findings.extend(found)
        if errors(found):
            data.failed.add(name)
            return None
        return value

    data.units = load("units.yml", load_units) or []
    data.has_units = (data_dir / "units.yml").is_file() and "units.yml" not in data.failed
    data.health_days = load("health-days.yml", load_health_days) or []
    data.leaders = load("leaders.yml", load_leaders)
    data.terms = load("terms.yml", load_terms) or []
    data.leadership_group = load("leadership-group.yml", load_leadership_group)
    data.topics = load("topics.yml", load_topics) or []
    data.disclosure_guide = load("disclosure-guide.yml", load_disclosure_guide)
    data.annual_report = load("annual-report.yml", load_annual_report)
    data.mourning = load("mourning.yml", load_mourning) or []
    return data, findings
