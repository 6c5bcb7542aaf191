"""A report's Markdown as one self-contained, printable HTML page.

markdown-it-py renders with raw HTML off, so user text (already escaped as Markdown)
can never become markup; the Markdown the reports write is rendered the same way by
``html_fast`` without loading markdown-it. The page loads nothing from anywhere: inline CSS with
print styles, no script, no stylesheet link, no image, no font.
"""

from __future__ import annotations

import html

from coach_tui.reports import html_fast
from coach_tui.text import one_line

_CSS = """
:root { color-scheme: light; }
body { font-family: Georgia, 'Times New Roman', serif; line-height: 1.5; color: #1d1d1f;
  max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; background: #fff; }
h1 { font-size: 1.7rem; margin-bottom: .25rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc;
  padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
h1, h2, h3 { font-family: 'Helvetica Neue', Arial, sans-serif; color: #123; }
blockquote { margin: 1rem 0; padding: .5rem 1rem; border-left: 4px solid #8aa;
  background: #f4f7f7; color: #334; }
table { border-collapse: collapse; margin: .75rem 0; font-size: .92rem; width: 100%; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; vertical-align: top; }
th { background: #eef2f3; text-align: left; }
hr { border: 0; border-top: 1px solid #ccc; margin: 2rem 0 1rem; }
@page { margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, blockquote, li { break-inside: avoid; page-break-inside: avoid; }
  blockquote, th { background: none; }
}
"""


def to_html(markdown: str, title: str) -> str:
    """One self-contained, printable HTML page rendered from the report's Markdown.

    Raw HTML in the Markdown is shown as text (``html: False``); the page loads
    nothing from anywhere: inline CSS, no scripts, no images, no fonts.
    """
    body = html_fast.render(markdown)  # the reports' own Markdown, without markdown-it
    if body is None:
        from markdown_it import MarkdownIt  # anything else: markdown-it, as always

        renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
        body = renderer.render(markdown)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="coach-tui">\n'
        f"<title>{html.escape(one_line(title))}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
