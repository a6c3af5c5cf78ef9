"""Folding Vietnamese text for search: teachers type names on phones without diacritics."""

import re
import unicodedata


def fold(text: str) -> str:
    """'  Nguyễn Thị  ĐÀO ' -> 'nguyen thi dao'."""
    text = (text or "").replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().lower()
