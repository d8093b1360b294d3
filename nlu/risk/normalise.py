"""Lower case, plain quotes, one space, and the common misspellings of the words that matter."""

import re

_TYPOS = {
    r"\b(him|her|my|them|your|our)\s+(self|selves)\b": r"\1\2",
    r"\bthemselfs\b": "themselves",
    r"\b(dont|dnt)\b": "don't",
    r"\bcant\b": "can't",
    r"\bwont\b": "won't",
    r"\bdoesnt\b": "doesn't",
    r"\bdidnt\b": "didn't",
    r"\bisnt\b": "isn't",
    r"\bhasnt\b": "hasn't",
    r"\bhavent\b": "haven't",
    r"\bwasnt\b": "wasn't",
    r"\bcouldnt\b": "couldn't",
    r"\bim\b": "i'm",
    r"\bive\b": "i've",
    r"\bhes\b": "he's",
    r"\bshes\b": "she's",
    r"\bu\b": "you",
    r"\bur\b": "your",
    r"\b(?:wanna|wana|wnna)\b": "want to",
    r"\bgonna\b": "going to",
    r"\b(?:wnat|wnt|wan)\b": "want",
    r"\b(want|wants|wanted|going|trying|tried)\s+2\b": r"\1 to",
    r"\b2\s+(die|live|kill)\b": r"to \1",
    r"\b(?:missng|missin|mising|misisng|mssing)\b": "missing",
    r"\b(?:dauter|daugter|duaghter|dughter|daugther|dotter)\b": "daughter",
    r"\bsone\b": "son",
    r"\b(?:chld|chid)\b": "child",
    r"\b(?:sed|sez|sayd)\b": "said",
    r"\bcuting\b": "cutting",
    r"\bharmin\b": "harming",
    r"\bhurtin\b": "hurting",
    r"\bkilin\b": "killing",
    r"\b(?:abuesd|abued|abussed)\b": "abused",
    r"\b(?:bruses|brusies|bruisis|bruizes)\b": "bruises",
    r"\b(?:restrianed|restraned|restrined)\b": "restrained",
    r"\bviolance\b": "violence",
    r"\b(?:tabblets|tablts)\b": "tablets",
    r"\boverdoes\b": "overdose",
    r"\bsefl\b": "self",
    r"\bscard\b": "scared",
    r"\bhear no more\b": "here no more",
    r"\bno more\b": "anymore",
    r"\bany more\b": "anymore",
    r"\b(\d+)\s?(yo|y/o|yr|yrs|year)\b": r"\1 \2",
}
_COMPILED = [(re.compile(p), r) for p, r in _TYPOS.items()]
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def normalise(text: str) -> str:
    text = text.translate(_QUOTES).lower()
    text = re.sub(r"\s+", " ", text)
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    return text.strip()
