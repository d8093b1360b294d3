"""How easy a parent-mode answer is to read.

GOV.UK writes for a reading age of 9; we aim for 9 to 11. The measure is the
Flesch-Kincaid grade level (Kincaid et al., 1975):

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

and a UK reading age is the US grade + 5 (grade 1 is the year a child turns 7).

Why our own few lines rather than a library: textstat, the usual choice, counts
syllables with NLTK's CMU dictionary, which it downloads at run time; nothing is
downloaded here. Syllables are counted by the usual vowel-group rule (a run of
vowels is one syllable; a silent final "e" is not), which is within one
syllable of a dictionary for almost all everyday words.

The names of SEND services and steps (SENCO, EHC plan, assessment, tribunal...)
are words a parent has to learn to use the system; answers explain them rather
than avoid them. They are counted as two-syllable words so they do not drown
out everything else in the score (FAMILIAR below).

    .venv/bin/python -m knowledge.readability      # every parent-mode answer, hardest first
"""

import re
from dataclasses import dataclass

FAMILIAR = {
    "assessment",
    "assessments",
    "assess",
    "education",
    "educational",
    "special",
    "council",
    "councils",
    "tribunal",
    "mediation",
    "information",
    "disability",
    "disabilities",
    "academy",
    "governors",
    "headteacher",
    "provision",
    "appeal",
    "appealing",
    "impartial",
    "confidential",
    "independent",
    "regulations",
    "coordinator",
    "professionals",
    "psychologists",
    "secondary",
    "primary",
    "nursery",
    "ombudsman",
    "department",
    "complaints",
    "certificate",
    "adviser",
}
_VOWELS = re.compile(r"[aeiouy]+")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
# A sentence ends at . ! ? before a capital, digit or bracket; every line is its own sentence
# (list items, headings), and so is a clause ending in a colon before a list.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"“])|\n+")


def syllables(word: str) -> int:
    w = word.lower().strip("'’-")
    if w in FAMILIAR:
        return 2
    if word.isupper() and len(word) > 1:  # SEN, EHC, IASS, SENCO, SENDIASS: at most two beats
        return min(2, max(1, len(_VOWELS.findall(w))))
    if w.isdigit() or len(w) <= 3 or not re.search(r"[a-z]", w):
        return 1
    w = re.sub(
        r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", w
    )  # silent endings: "makes", "named", "make"
    w = re.sub(r"^y", "", w)
    return max(1, len(_VOWELS.findall(w)))


def sentences(text: str) -> list[str]:
    text = re.sub(r"^\s*[•\-*]\s+", "", text, flags=re.M)  # list markers are not words
    return [s.strip() for s in _SENTENCE_END.split(text) if _WORD.search(s)]


@dataclass(frozen=True)
class Score:
    words: int
    sentences: int
    syllables: int
    longest: int  # words in the longest sentence

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def grade(self) -> float:
        if not self.words:
            return 0.0
        return 0.39 * self.words_per_sentence + 11.8 * self.syllables / self.words - 15.59

    @property
    def reading_age(self) -> float:
        return self.grade + 5


def score(text: str) -> Score:
    parts = sentences(text)
    words = [w for s in parts for w in _WORD.findall(s)]
    return Score(
        words=len(words),
        sentences=len(parts),
        syllables=sum(syllables(w) for w in words),
        longest=max((len(_WORD.findall(s)) for s in parts), default=0),
    )


def parent_text(topic) -> str:
    """What a parent reads of a topic: the answer and the next step (contacts and sources aside)."""
    return f"{topic.answer}\n{topic.next_step}"


def main() -> None:
    from .queries import default_kb

    rows = sorted(
        ((score(parent_text(t)), t.id) for t in default_kb().topics()),
        key=lambda r: -r[0].reading_age,
    )
    print(f"{'topic':28} {'age':>5} {'grade':>5} {'w/s':>5} {'longest':>7}")
    for s, topic_id in rows:
        figures = f"{s.reading_age:5.1f} {s.grade:5.1f} {s.words_per_sentence:5.1f} {s.longest:7d}"
        print(f"{topic_id:28} {figures}")
    total = score("\n".join(parent_text(t) for t in default_kb().topics()))
    ages = sorted(s.reading_age for s, _ in rows)
    print(
        f"all answers: reading age {total.reading_age:.1f} (grade {total.grade:.1f}), "
        f"{total.words_per_sentence:.1f} words a sentence, "
        f"median answer {ages[len(ages) // 2]:.1f}, hardest {ages[-1]:.1f}"
    )


if __name__ == "__main__":
    main()
