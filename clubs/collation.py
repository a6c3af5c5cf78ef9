"""Vietnamese order for lists of people, as school class lists are: by given name (the
last word of the full name), then by the rest (family and middle names).

The letters' order comes from ICU's Vietnamese collation (PyICU): a < ă < â, d < đ,
o < ô < ơ, tones after the bare letter. Code-point order put Đinh and Đặng after Võ and
Ngô after Nguyễn. The key is computed here, in Python, and stored on the pupil
(Pupil.sort_key, kept by clubs.services like search_name), so SQLite and PostgreSQL
order by the same bytes and a paginated list is ordered by the database.
"""

from functools import lru_cache

import icu


@lru_cache(maxsize=1)
def _collator():
    return icu.Collator.createInstance(icu.Locale("vi_VN"))


def name_sort_key(full_name: str) -> bytes:
    """The bytes that order `full_name` as a class list does. ICU sort keys end with a
    zero byte and hold none before it, so the given name's key followed by the rest's key
    compares the given names first, then the rest."""
    words = (full_name or "").split()
    given, rest = (words[-1], " ".join(words[:-1])) if words else ("", "")
    collator = _collator()
    return bytes(collator.getSortKey(given)) + bytes(collator.getSortKey(rest))


def text_sort_key(text: str) -> bytes:
    """The bytes that order a text as a Vietnamese dictionary does (a < ă < â, tones
    after the bare letter), from its first word on."""
    return bytes(_collator().getSortKey(text or ""))


def sorted_by_name(items, *, name=lambda item: item.full_name) -> list:
    """`items` in class-list order of `name(item)`, for lists built in Python."""
    return sorted(items, key=lambda item: name_sort_key(name(item)))
