"""Reading a PDF back as a person would see its text: pdftotext (poppler-utils), one string per page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed; .ci/run installs it"
)


def _pdftotext(path: Path, mode: str) -> list[str]:
    assert PDFTOTEXT is not None
    done = subprocess.run(
        [PDFTOTEXT, mode, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    text = done.stdout.decode("utf-8").replace("\u00a0", " ").replace("\u202f", " ")
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_pages(path: Path) -> list[str]:
    """The text of each page as laid out (columns side by side), non-breaking spaces read as spaces."""
    return _pdftotext(path, "-layout")


def pdf_text(path: Path) -> str:
    """The whole document's text in reading order, runs of white space as one space.

    A table cell whose text wraps over several lines reads as one phrase, followed by the next cell.
    """
    return " ".join(" ".join(_pdftotext(path, "-raw")).split())
