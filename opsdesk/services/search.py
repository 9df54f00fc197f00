"""Folding of names for search as you type: case and Polish diacritics do not matter."""

import unicodedata

_EXTRA = str.maketrans({"ł": "l", "Ł": "l"})


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
