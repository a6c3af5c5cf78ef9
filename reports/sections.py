"""Where other apps add their part to the yearly report (support given, training).

An app registers a function in its ``AppConfig.ready()``::

    from reports.sections import report_section_register
    report_section_register(my_app.selectors.report_section)

called as ``fn(year=, scope=, club_ids=, now=, include_sensitive=)``; it returns a
``ReportSection`` (its headline figures and tables, read through its own selectors) or
None to show nothing (e.g. a sensitive section for a reader who may not see it). Each
table becomes a table on the page, a sheet of the XLSX, a block of the CSV and a page
part of the PDF."""

from collections.abc import Callable
from dataclasses import dataclass, field

from config.types import StrOrPromise

_SECTIONS: list[Callable] = []


@dataclass
class ReportSection:
    key: str
    title: StrOrPromise
    tables: list = field(default_factory=list)  # reports.selectors.Table
    headline: list = field(default_factory=list)  # reports.selectors.Headline


def report_section_register(fn: Callable) -> None:
    if fn not in _SECTIONS:
        _SECTIONS.append(fn)


def report_sections() -> list[Callable]:
    return list(_SECTIONS)
