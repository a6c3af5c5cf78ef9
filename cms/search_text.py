"""Vietnamese text as readers type it, made comparable for search.

The same word reaches us in several spellings: precomposed (NFC) or decomposed (NFD, from
some keyboards and pasted PDFs) Unicode; the tone mark on either vowel of an open "oa",
"oe" or "uy" ("hòa"/"hoà", "khỏe"/"khoẻ", "thúy"/"thuý": the old and the new placement are
both taught); upper or lower case; and, often, no marks at all ("ma tuy", "bao luc").

- `canonical` is the spelling a reader meant: NFC, lower case, tone on the second vowel.
  Two spellings with the same canonical form are the same word written two ways.
- `fold` drops every mark and turns đ into d: what matches when marks are missing.

Search indexes the folded text beside the original and ranks a match whose canonical
spelling equals the query's above one that matched only once folded.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

# Combining tone marks: grave, acute, tilde, hook above, dot below. (Circumflex, breve and
# horn change the vowel itself and are not tones.)
TONES = "\u0300\u0301\u0303\u0309\u0323"
MARKS = "\u0300-\u036f"
# In NFD the tone follows its vowel: "o" + tone + "a|e", "u" + tone + "y", at the end of a
# word (a letter or a further mark after it means a closed syllable, where both styles agree).
OLD_STYLE_TONE = re.compile(
    rf"(?i)(o)([{TONES}])([ae])(?![^\W\d_]|[{MARKS}])|(u)([{TONES}])(y)(?![^\W\d_]|[{MARKS}])"
)
WORD = re.compile(rf"[^\W_]+(?:[{MARKS}]+[^\W_]*)*")


def _new_style(match: re.Match) -> str:
    if match.group(1):
        return match.group(1) + match.group(3) + match.group(2)
    return match.group(4) + match.group(6) + match.group(5)


def canonical(text: str) -> str:
    """NFC, lower case, tone mark on the second vowel of an open oa/oe/uy."""
    decomposed = unicodedata.normalize("NFD", text or "").lower()
    return unicodedata.normalize("NFC", OLD_STYLE_TONE.sub(_new_style, decomposed))


def fold(text: str) -> str:
    """Lower case without any mark, đ as d: "Ma Tuý" and "ma tuy" fold alike."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare)


def words(text: str) -> list[str]:
    """The words of `text`, in canonical spelling (punctuation and symbols dropped)."""
    return WORD.findall(canonical(text))


def highlight(text: str, query_words) -> SafeString:
    """`text` escaped, with each word that matches one of `query_words` (in any spelling,
    marks or not) wrapped in <mark>."""
    wanted = {fold(word) for word in query_words}
    if not text or not wanted:
        return escape(text or "")
    source = unicodedata.normalize("NFC", text)
    pieces: list[str] = []
    last = 0
    for match in WORD.finditer(source):
        if fold(match.group()) in wanted:
            pieces.append(escape(source[last : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    pieces.append(escape(source[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


SLUG_MAX_LENGTH = 50


def readable_slug(text: str, *, max_length: int = SLUG_MAX_LENGTH) -> str:
    """A short ASCII slug: "Ma túy học đường: nhận diện" -> "ma-tuy-hoc-duong-nhan-dien",
    cut at a hyphen to at most `max_length` characters; "" when nothing Latin is left
    (an Arabic title)."""
    slug = slugify(fold(text))
    if len(slug) > max_length:
        slug = slug[: max_length + 1].rsplit("-", 1)[0] if "-" in slug else slug[:max_length]
    return slug.strip("-")
