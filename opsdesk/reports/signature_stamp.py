"""The visible block of an electronic signature: who signed and when, drawn in the room
left to sign. A one-page PDF of the block's own size, which the signing puts on the
document as the signature's appearance (reportlab embeds the font, so Polish names print)."""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from opsdesk.formatting import format_date
from opsdesk.reports.fonts import BOLD, REGULAR, register_fonts

_FRAME = colors.HexColor("#1f4e79")


def render_signature_stamp(width: float, height: float, *, signer: str, signed_at: datetime,
                           issuer: str = "") -> bytes:
    """The block: a frame, "Dokument podpisany elektronicznie", the signer and the time."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height))
    canvas.setStrokeColor(_FRAME)
    canvas.setLineWidth(0.8)
    canvas.roundRect(1, 1, width - 2, height - 2, 3)
    lines = [(REGULAR, 7.5, "Dokument podpisany elektronicznie"), (BOLD, 9, signer),
             (REGULAR, 7.5, f"dnia {format_date(signed_at.date())} r., "
                            f"godz. {signed_at:%H:%M}")]
    if issuer:
        lines.append((REGULAR, 6.5, f"certyfikat: {issuer}"))
    total = sum(size * 1.25 for _, size, _ in lines)
    y = (height + total) / 2
    for font, size, text in lines:
        y -= size * 1.25
        canvas.setFont(font, size)
        canvas.setFillColor(colors.black)
        canvas.drawCentredString(width / 2, y + size * 0.25, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
