#!/usr/bin/env python3
"""Generate the sample documents of this project: invoice.pdf, packet.pdf and notes.txt.

Every text run uses DejaVu Sans, embedded as a TrueType subset with a ToUnicode
map, so that text extractors recover the non-ASCII characters (ü, ø, ß, €, Ω ...).
The documents are fictional and written for this project.

Usage: python generate.py [OUTPUT_DIR]   (default: the folder of this script)
Needs: reportlab (pip install reportlab) and the DejaVu Sans TTF.
"""

import os
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_PATH = os.environ.get("DEJAVU_SANS", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT = "DejaVuSans"
FONT_SIZE = 11
LINE_HEIGHT = 16
LEFT = 56
TOP = A4[1] - 64

INVOICE_PAGE_1 = [
    ("title", "INVOICE"),
    ("line", "Invoice Number: INV-2026-0042"),
    ("line", "Invoice Date: 2026-11-30"),
    ("line", "Due Date: 2026-12-30"),
    ("line", "Vendor: Müller & Søn Bürobedarf GmbH"),
    ("line", "Vendor Address: Straße des 17. Juni 135, 10623 Berlin"),
    ("line", "Customer: Café Élan SARL"),
    ("line", "Purchase Order: PO-7781"),
    ("gap", ""),
    ("heading", "Line Items"),
    ("line", "1. Größe-A4 Kopierpapier, 10 Kartons — 10 × 24.90 € = 249.00 €"),
    ("line", "2. Füllfederhalter “Ωmega” — 4 × 87.50 € = 350.00 €"),
    ("line", "3. Schreibtischlampe Ørsted — 2 × 213.50 € = 427.00 €"),
    ("line", "4. Büroklammern, naïve edition — 25 × 0.80 € = 20.00 €"),
    ("gap", ""),
    ("line", "Notes: Lieferung frei Haus, “sorgfältig verpackt”."),
    ("footer", "Page 1 of 2 — continued on the next page"),
]

INVOICE_PAGE_2 = [
    ("title", "INVOICE — Totals"),
    ("line", "Invoice Number: INV-2026-0042"),
    ("gap", ""),
    ("line", "Subtotal: 1,046.00"),
    ("line", "Tax Rate: 18%"),
    ("line", "Tax: 188.56"),
    ("line", "Total Due: 1,234.56"),
    ("line", "Currency: EUR"),
    ("line", "Paid: no"),
    ("line", "Payment Terms: 30 Tage netto, zahlbar an Müller & Søn"),
    ("line", "IBAN: DE89 3704 0044 0532 0130 00"),
    ("gap", ""),
    ("line", "Vielen Dank für Ihren Auftrag! Merci beaucoup, à bientôt."),
    ("line", "Ω ≈ 1.0 · Qualität geprüft ✓"),
    ("footer", "Page 2 of 2"),
]

PACKET_PAGES = [
    [
        ("title", "Document Type: Invoice"),
        ("line", "Invoice Number: INV-2026-0107"),
        ("line", "Invoice Date: 2026-10-02"),
        ("line", "Vendor: Nordlys Kontor AS"),
        ("line", "Total Due: 480.00"),
        ("line", "Currency: NOK"),
        ("footer", "Packet page 1 of 4"),
    ],
    [
        ("title", "Document Type: Receipt"),
        ("line", "Receipt Number: R-55120"),
        ("line", "Merchant: Bäckerei Schön"),
        ("line", "Date: 2026-10-03"),
        ("line", "Amount Paid: 12.40"),
        ("line", "Currency: EUR"),
        ("footer", "Packet page 2 of 4"),
    ],
    [
        ("title", "Document Type: Letter"),
        ("line", "From: Zoë Lefèvre"),
        ("line", "To: Müller & Søn Bürobedarf GmbH"),
        ("line", "Date: 2026-10-05"),
        ("line", "Subject: Änderung der Lieferadresse"),
        ("gap", ""),
        ("line", "Sehr geehrte Damen und Herren, bitte liefern Sie ab sofort an"),
        ("line", "die neue Adresse in der Königstraße 5."),
        ("footer", "Packet page 3 of 4"),
    ],
    [
        ("title", "Document Type: Letter (continued)"),
        ("line", "Mit freundlichen Grüßen,"),
        ("line", "Zoë Lefèvre"),
        ("footer", "Packet page 4 of 4"),
    ],
]

NOTES_TEXT = """Invoice Number: TXT-2026-0001
Invoice Date: 2026-12-01
Vendor: Ærø Papir ApS
Total Due: 99.95
Currency: DKK
Notes: plain-text sample for the text path, with “quotes” and ß.
"""


def draw_page(pdf, lines):
    """Draw one page of (kind, text) lines and close the page."""
    y = TOP
    for kind, text in lines:
        if kind == "gap":
            y -= LINE_HEIGHT // 2
            continue
        if kind == "footer":
            pdf.setFont(FONT, 9)
            pdf.drawString(LEFT, 40, text)
            continue
        size = {"title": 18, "heading": 13}.get(kind, FONT_SIZE)
        pdf.setFont(FONT, size)
        pdf.drawString(LEFT, y, text)
        y -= LINE_HEIGHT + (size - FONT_SIZE)
    pdf.showPage()


def write_pdf(path, title, pages):
    """Write a PDF with one page per entry of `pages`."""
    # Invariant mode fixes the creation date and document id, so every run
    # writes the same bytes.
    pdf = canvas.Canvas(path, pagesize=A4, invariant=1)
    pdf.setTitle(title)
    pdf.setAuthor("extend-rust samples")
    pdf.setCreator("samples/generate.py")
    for lines in pages:
        draw_page(pdf, lines)
    pdf.save()


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    pdfmetrics.registerFont(TTFont(FONT, FONT_PATH))

    write_pdf(os.path.join(out_dir, "invoice.pdf"), "Invoice INV-2026-0042", [INVOICE_PAGE_1, INVOICE_PAGE_2])
    write_pdf(os.path.join(out_dir, "packet.pdf"), "Document packet", PACKET_PAGES)
    with open(os.path.join(out_dir, "notes.txt"), "w", encoding="utf-8") as notes:
        notes.write(NOTES_TEXT)
    print(f"wrote invoice.pdf, packet.pdf and notes.txt to {out_dir}")


if __name__ == "__main__":
    main()
