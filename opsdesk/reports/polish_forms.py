"""Polish forms of the office's names that need no reportlab: the login window reads the
office's identity before any document is drawn, and must not wait for reportlab."""

from __future__ import annotations

_OFFICE_GENITIVE_WORDS = {
    "Gminny": "Gminnego",
    "Gminne": "Gminnego",
    "Miejski": "Miejskiego",
    "Miejskie": "Miejskiego",
    "Miejsko-Gminny": "Miejsko-Gminnego",
    "Miejsko-Gminne": "Miejsko-Gminnego",
    "Ośrodek": "Ośrodka",
    "Centrum": "Centrum",
}


def unit_genitive(name: str) -> str:
    """The unit's name in the genitive, from the words a unit's name starts with."""
    words = name.split()
    for i, word in enumerate(words):
        if word not in _OFFICE_GENITIVE_WORDS:
            break
        words[i] = _OFFICE_GENITIVE_WORDS[word]
    return " ".join(words)
