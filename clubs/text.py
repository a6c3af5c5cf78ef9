"""Text helpers: folding Vietnamese for search (teachers type names on phones without
diacritics) and keeping exported cells inert in spreadsheets."""

import csv
import re
import unicodedata


def fold(text: str) -> str:
    """'  Nguyễn Thị  ĐÀO ' -> 'nguyen thi dao'."""
    text = (text or "").replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().lower()


# OWASP's CSV-injection rule: a cell a spreadsheet would read as a formula (or a DDE
# call such as -2+3+cmd|' /C calc'!A0) starts with one of these. Phone numbers (+84...)
# and negative-looking text are text in a roster, so every such cell is neutralised.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """A cell value safe to open in a spreadsheet: text starting with a formula character
    gets a leading apostrophe (Excel, LibreOffice and Sheets then show it as text).
    Numbers, dates and other text pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_text_read(text: str) -> str:
    """Undo spreadsheet_text on a cell read back (a roster exported, then imported)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class InertCsvWriter:
    """csv.writer whose every cell goes through spreadsheet_text."""

    def __init__(self, stream, **fmtparams):
        self._writer = csv.writer(stream, **fmtparams)

    def writerow(self, row):
        return self._writer.writerow([spreadsheet_text(v) for v in row])
