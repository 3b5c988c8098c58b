"""Self-contained HTML pages: inline CSS, figures embedded as base64, so a report opens with no
network and travels as one file.  Shared by the experiment report, ``claims`` and ``discover``."""

from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1150px;margin:2em auto;
padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #ddd}
.meta{color:#555;font-size:.9em}figure{margin:1.2em 0}figure img{max-width:100%;border:1px solid #eee}
figcaption{color:#444;font-size:.92em}table{border-collapse:collapse;font-size:.88em;margin:1em 0}
td,th{border:1px solid #ddd;padding:.3em .55em;text-align:right;vertical-align:top}
th{background:#f5f5f5;text-align:left}td.sig{font-weight:bold}td.better{color:#0b5394}td.worse{color:#b34700}
caption{text-align:left;color:#444;padding:.3em 0}
small{color:#666;font-weight:normal}p.summary{margin:.5em 0}
"""


def image(path: Path, caption: str) -> str:
    """A PNG as an embedded figure with its caption."""
    data = base64.b64encode(path.read_bytes()).decode()
    return (
        f'<figure><img alt="{html.escape(path.stem)}" src="data:image/png;base64,{data}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def table(frame: pd.DataFrame, caption: str, digits: int = 3, formatters: dict | None = None) -> str:
    """A plain table of ``frame`` with a caption."""
    text = frame.to_html(
        index=False, float_format=lambda v: f"{v:.{digits}g}", formatters=formatters, border=0
    )
    return text.replace('<table class="dataframe">', f"<table><caption>{html.escape(caption)}</caption>", 1)


def paragraphs(lines: list[str]) -> str:
    """Plain-text sentences as escaped paragraphs."""
    return "".join(f'<p class="summary">{html.escape(line)}</p>' for line in lines)


def write_page(path: Path, title: str, meta: str, body: str) -> Path:
    """Write one HTML page: a title, a line of what it contains, and the body."""
    page = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{CSS}</style></head><body><h1>{html.escape(title)}</h1>"
        f'<p class="meta">{html.escape(meta)}</p>{body}</body></html>'
    )
    path.write_text(page, encoding="utf-8")
    return path
