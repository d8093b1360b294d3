"""Where a citation points, and how a parent reads it.

legislation.gov.uk gives every provision its own page under the instrument's address:
``.../uksi/2014/1530/regulation/13``, ``.../ukpga/2014/6/section/38``,
``.../uksi/2008/2699/rule/20``. A source in sources.yaml holds the address of one
provision of its instrument; the citation's ref ("reg 13(2)", "s.38", "r.20") says which
provision the reply relies on, so the link is built from the instrument's address and the
ref's number. Sources that are not legislation link to their own page.
"""

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from .views import CitationView

# ref shorthand -> (plain-English word, legislation.gov.uk path word)
_PROVISIONS = {
    "reg": ("regulation", "regulation"),
    "regulation": ("regulation", "regulation"),
    "s": ("section", "section"),
    "section": ("section", "section"),
    "r": ("rule", "rule"),
    "rule": ("rule", "rule"),
}
_REF = re.compile(
    r"^(?P<word>reg|regulation|s|section|r|rule)\.?\s*(?P<number>\d+[A-Z]?)(?P<rest>.*)$", re.I
)
_INSTRUMENT = re.compile(
    r"^(?P<base>https://www\.legislation\.gov\.uk/(?:uksi|ukpga)/\d{4}/\d+)(?:/.*)?$"
)
_PARAGRAPH = re.compile(r"^\d+\.\d+$")


def _provision(ref: str | None) -> tuple[str, str, str, str] | None:
    """'reg 13(2)' -> ('regulation', 'regulation', '13', '(2)')."""
    match = _REF.match((ref or "").strip())
    if not match:
        return None
    plain, path = _PROVISIONS[match.group("word").lower()]
    return plain, path, match.group("number"), match.group("rest")


def citation_url(citation: CitationView) -> str | None:
    """The page for exactly the provision cited, else the source's own page."""
    url = citation.source.url
    if not url:
        return None
    if "://" not in url:  # sources written as "www.contact.org.uk" (as the leaflets print them)
        url = f"https://{url}"
    instrument = _INSTRUMENT.match(url)
    provision = _provision(citation.ref)
    if instrument and provision:
        _, path, number, _ = provision
        return f"{instrument.group('base')}/{path}/{number}"
    return url


def plain_ref(citation: CitationView) -> str:
    """'reg 13(2)' -> 'regulation 13(2)', '6.65' -> 'paragraph 6.65'; anything else as written."""
    ref = (citation.ref or "").strip()
    provision = _provision(ref)
    if provision:
        plain, _, number, rest = provision
        return f"{plain} {number}{rest}"
    if _PARAGRAPH.match(ref):
        return f"paragraph {ref}"
    return ref


def plain_text(citation: CitationView) -> str:
    """'SEND Regulations 2014, regulation 13(2)': the short name and the provision in words."""
    ref = plain_ref(citation)
    return f"{citation.source.short}, {ref}" if ref else citation.source.short


def site_name(url: str) -> str:
    """'https://www.legislation.gov.uk/...' -> 'legislation.gov.uk'."""
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def _grouped(citations: Iterable[CitationView]) -> list[tuple[str, str | None]]:
    """(label, url) pairs, one per page: Code of Practice paragraphs share one page, so one link."""
    order: list[tuple[str, str | None]] = []
    refs: dict = {}
    for c in citations:
        url = citation_url(c)
        key = (c.source.short, url)
        if key not in refs:
            refs[key] = []
            order.append(key)
        ref = plain_ref(c)
        if ref and ref not in refs[key]:
            refs[key].append(ref)
    labels = []
    for short, url in order:
        found = refs[(short, url)]
        paragraphs = [r[len("paragraph ") :] for r in found if r.startswith("paragraph ")]
        if len(paragraphs) > 1 and len(paragraphs) == len(found):
            found = ["paragraphs " + ", ".join(paragraphs[:-1]) + " and " + paragraphs[-1]]
        labels.append((f"{short}, {'; '.join(found)}" if found else short, url))
    return labels


def _as_cited(citations: Iterable[CitationView]) -> list[tuple[str, str | None]]:
    """(label, url) pairs in the legal shorthand helpline staff use:
    'SEND Regulations 2014 reg 13(2)'."""
    seen, pairs = set(), []
    for c in citations:
        pair = (c.text, citation_url(c))
        if pair not in seen:
            seen.add(pair)
            pairs.append(pair)
    return pairs


def link(label: str, url: str | None) -> str:
    """Markdown-style link '[label (site)](url)': readable as text, a link in the web widget."""
    return f"[{label} ({site_name(url)})]({url})" if url else label


def sources_line(citations: Iterable[CitationView], staff: bool = False) -> str:
    """Parents: 'Source: [SEND Regulations 2014, regulation 13(2) (legislation.gov.uk)](https://...)'.
    Staff keep the shorthand they know ('SEND Regulations 2014 reg 13(2)'), with the same
    exact link."""
    pairs = _as_cited(citations) if staff else _grouped(citations)
    labels = [link(label, url) for label, url in pairs]
    if not labels:
        return ""
    return ("Sources: " if len(labels) > 1 else "Source: ") + "; ".join(labels)
