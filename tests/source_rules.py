"""Which source a reply may cite (issue 10 item 5), in one place: tests/test_reply_sources.py
checks the renderer with these rules, tests/e2e/test_topics_over_rest.py the running assistant."""

# National topics whose only citations are council leaflets: facts.md gives no law or national
# guidance for them, so the content owner must add one. A parent of a council whose own leaflet
# is not among their citations sees no source line for these (better than another council's
# leaflet): Leeds, but also Hampshire for sen_support, specialists_consent and funding
# (tests/e2e/test_topics_over_rest.py shows it over REST). medical_conditions gets CFA s.100 on the
# content branch. Listed here so the gap is visible, not hidden: see the report to the lead.
AWAITING_A_NATIONAL_CITATION = {
    "specialists_consent",
    "medical_conditions",
    "funding",
    "iass",
    "local_offer",
    # Its definition is the leaflets' (all five agree); issue 10 removed the CoP 6.1 citation and
    # facts.md gives no other paragraph for it.
    "sen_support",
}


def leaflets(kb):
    return {s.id: s for t in kb.topics() for c in t.citations for s in [c.source]} | {
        p.source.id: p.source for p in kb.covered_places()
    }


def other_leaflets(kb, place):
    own = place.source.id if place and place.covered else None
    return [s.short for sid, s in leaflets(kb).items() if s.kind == "leaflet" and sid != own]


def source_line(reply):
    return next((b for b in reply.split("\n\n") if b.startswith(("Source:", "Sources:"))), "")
