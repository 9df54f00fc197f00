"""Liberation Sans, registered once and embedded in every PDF.

reportlab's built-in Helvetica has no ą ć ę ł ń ś ź ż (they print as black
boxes), so every document uses these vendored TTFs instead (SIL OFL 1.1). They live
inside the package (opsdesk/resources/fonts, with their licence), so an installed wheel
prints as a source checkout does.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parents[1] / "resources" / "fonts"

REGULAR = "LiberationSans"
BOLD = "LiberationSans-Bold"
ITALIC = "LiberationSans-Italic"

_FILES = {
    REGULAR: "LiberationSans-Regular.ttf",
    BOLD: "LiberationSans-Bold.ttf",
    ITALIC: "LiberationSans-Italic.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the fonts with reportlab (idempotent, thread-safe)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            path = FONT_DIR / filename
            if not path.is_file():
                raise FileNotFoundError(f"Brak pliku czcionki: {path}")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        # So that <b> and <i> in paragraphs pick the right face; there is no
        # bold italic file, bold is the closer match.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True
