"""Word classes the learned risk model sees beside the words themselves.

A linear model over words learns "tablets" only if a training message said "tablets". Tagging
each message with the classes its words belong to ("tablets", "pills", "paracetamol" are all
MEANS) lets what it learned from one word carry over to the others in its class, so a new
wording of a known risk scores like the old one. Each tag is a token such as `zzmeans` appended
to the cleaned text; the classes are general vocabulary, not phrasings of particular messages.
"""

import re

from . import lexicon

CONCEPTS = {
    # ways of harming oneself or being harmed
    "means": r"\b(?:tablets?|pills?|paracetamol|medication|meds|overdose\w*|blades?|razors?|"
    r"knife|knives|rope|belt|ligature|cord|lighter|bleach|poison\w*|compass|scissors|noose|drugs?)\b",
    # high places, traffic and water: falls and being hit
    "height_traffic": r"\b(?:roof|bridge|window|ledge|balcony|cliff|stairs|motorway|road|"
    r"traffic|cars?|lorry|train|railway|tracks|river|canal|sea|water's edge)\b",
    # death and not existing
    "death": r"\b(?:die|died|dying|dead|death|suicid\w*|kill\w*|"
    r"end (?:it|my life|his life|her life)|"
    r"not (?:be )?here|wasn'?t here|not wake up|never born|goodbye|gone|disappear|no point|"
    r"the way out|no way out|hang\w*|strangl\w*|suffocat\w*|drown\w*)\b",
    # the body, where harm shows
    "body": r"\b(?:wrists?|arms?|legs?|thighs?|neck|throat|face|head|chest|back|ribs|skin|hands?|"
    r"fingers?|knuckles?|lips?|nose|eye|teeth|tooth|ankles?|shoulders?|knees?|bones?)\b",
    "injury": lexicon.INJURY,
    "restraint": lexicon.RESTRAINT + r"|\b(?:hold|holds|held|holding|pinned|pin)\b",
    # hitting and hurting by a person
    "violence": r"\b(?:hit\w*|punch\w*|kick\w*|slap\w*|beat\w*|hurt\w*|burn\w*|pinch\w*|bit|bite|"
    r"throttl\w*|choke\w*|shov\w*|push\w*|threat\w*|attack\w*|stab\w*|weapon|violent|violence)\b",
    # sexual harm and secrecy
    "sexual": r"\b(?:touch\w*|sex\w*|rap\w*|naked|nudes?|undress\w*|photos?|pictures?|pics|videos?|"
    r"private parts|secret\w*|groom\w*|inappropriate)\b",
    # strangers, older people and money: the signs of exploitation
    "exploit": r"\b(?:older (?:men|man|boys?|lads?|girls?)|stranger|online|snapchat|instagram|"
    r"tiktok|"
    r"fortnite|roblox|discord|whatsapp|gifts?|cash|money|owes?|debt|parcels?|county lines|gang|"
    r"\d\d year old (?:man|boyfriend)|boyfriend|girlfriend|blackmail\w*|two phones|new phone|"
    r"trainers|weed|cannabis)\b",
    # where a child is: gone, not found, searching
    "whereabouts": r"\b(?:missing|run(?:ning)? away|ran (?:away|off)|gone|"
    r"left (?:home|the house|school)|"
    r"can'?t find|cannot find|not found|hasn'?t been (?:seen|found)|haven'?t found|"
    r"no one knows where|don'?t know where|searching|search|police|whereabouts|locate|"
    r"not (?:come|came) home|didn'?t come home|wandered|got out|absconded|bolted)\b",
    # food, drink and the body failing
    "intake": r"\b(?:eat\w*|ate|food|meals?|drink\w*|drank|water|fluids?|sips?|weight|starv\w*|"
    r"wee\w*|nappy|nappies|dehydrat\w*|faint\w*|dizzy|lethargic|grey|skin and bone|bones show|"
    r"sick after)\b",
    # time that makes it serious: days, nights, since
    "duration": lexicon.TIME
    + r"|\b(?:\d+|two|three|four|five) (?:days|nights|hours)\b|right now|tonight",
    # adults in charge of the child
    "carer": r"\b(?:" + lexicon.ADULT + r")\b",
    "kid": r"\b" + lexicon.KID + r"\b",
    "writer": lexicon.FIRST_PERSON.pattern,
    # the words of ordinary SEND business, which pull a message towards "ordinary"
    "send": r"\b(?:ehc\w*|ehcna|plan|senco|annual review|tribunal|appeal|la|council|panel|"
    r"exclu\w*|transport|taxi|placement|provision|school place|assessment|diagnos\w*|camhs|"
    r"respite|support|deadline|form|meeting)\b",
    "negation": r"\b(?:not|no|never|isn'?t|wasn'?t|hasn'?t|didn'?t|doesn'?t|nobody got hurt|"
    r"no injur\w*|no marks)\b",
}
_COMPILED = {name: re.compile(pattern) for name, pattern in CONCEPTS.items()}


def tags(clean: str) -> str:
    """The concept tags of a cleaned message, one token per class that occurs in it."""
    found = [name for name, regex in _COMPILED.items() if regex.search(clean)]
    return " ".join(f"zz{name.replace('_', '')}" for name in found)


def with_tags(clean: str) -> str:
    return f"{clean} {tags(clean)}"
