"""Which source a reply may cite (issue 10 item 5), in one place: tests/test_reply_sources.py
checks the renderer with these rules, tests/e2e/test_topics_over_rest.py the running assistant."""

# National topics whose only citations are council leaflets: facts.md gives no law or national
# guidance for them. A parent whose own council's leaflet does not state the fact sees no source
# line (better than another council's leaflet): every uncovered council such as Leeds, and for
# funding and iass the covered councils whose leaflets say nothing on them
# (tests/e2e/test_topics_over_rest.py shows it over REST). Listed so the gap stays visible.
AWAITING_A_NATIONAL_CITATION = {
    "specialists_consent",
    "funding",
    "iass",
    "local_offer",
    # Its definition is the leaflets' (Northumberland, Hampshire, Bath and North East Somerset);
    # issue 10 removed the CoP 6.1 citation and facts.md gives no other paragraph for it.
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
