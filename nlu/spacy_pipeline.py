"""Builds the project's spaCy pipeline: blank English, lookup lemmatizer, council entity ruler.

Pretrained spaCy models cannot be downloaded here, and a council is a closed list, so
an entity ruler generated from the knowledge base finds every one of the 153 councils
and their everyday names, and never confuses look-alikes (the longest match wins).
"""

import argparse
import sys
from pathlib import Path

import spacy

from knowledge.queries import KnowledgeBase

COUNCIL_LABEL = "council"


def _variants(form: str):
    yield form
    if " and " in f" {form.lower()} ":
        yield form.replace(" and ", " & ").replace(" And ", " & ")
    if " on " in form or " upon " in form:
        yield form.replace(" ", "-")


def council_patterns(nlp, kb: KnowledgeBase):
    """Token patterns for every council name form; capitalised-only names match their exact case."""
    patterns, seen = [], set()
    for name in kb.council_name_forms():
        forms = (
            {name["written"]} if name["capitalised_only"] else {name["written"], name["normalised"]}
        )
        for form in forms:
            for variant in _variants(form):
                tokens = [t.text for t in nlp.make_doc(variant)]
                attr = "ORTH" if name["capitalised_only"] else "LOWER"
                pattern = [{attr: t if attr == "ORTH" else t.lower()} for t in tokens]
                key = (attr, tuple(tokens) if attr == "ORTH" else tuple(t.lower() for t in tokens))
                if key not in seen:
                    seen.add(key)
                    patterns.append(
                        {"label": COUNCIL_LABEL, "pattern": pattern, "id": name["place"]}
                    )
    return patterns


def build(output: Path, kb: KnowledgeBase) -> int:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lemma tables from spacy-lookups-data
    # The ruler goes in after initialize(): initialising would reset its patterns.
    ruler = nlp.add_pipe(
        "entity_ruler", config={"phrase_matcher_attr": None, "overwrite_ents": True}
    )
    patterns = council_patterns(nlp, kb)
    ruler.add_patterns(patterns)
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    return len(patterns)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="folder for the pipeline, e.g. models/spacy_send")
    args = parser.parse_args(argv)
    count = build(args.output, KnowledgeBase())
    print(f"spaCy pipeline with {count} council patterns written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
