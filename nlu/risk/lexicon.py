"""The risk lexicon: regular expressions per category, over normalised text (see normalise.py).

Patterns name WHO is harmed: a harm verb counts only with a person as its object (himself,
herself, myself, my son, him), never with a thing or a role the parent is angry with ("kill
the SENCO", "cut his hours", "hurt his feelings"). Everyday idioms are blanked out before
matching (IDIOMS), and a match right after a negation ("he is not suicidal", "no
self-harm") does not count (NEGATION).
"""

import re

# -- building blocks --------------------------------------------------------------------------
KID = (
    r"(?:son|daughter|child|kid|kiddo|boy|girl|lad|teen|teenager|ds|dd|dc|little one|"
    r"stepson|stepdaughter|grandson|granddaughter|\d+\s?(?:yo|y/o|yr old|year old))"
)
CHILD = rf"(?:(?:my|our|his|her|their|the|a)\s+(?:\w+\s+){{0,2}}?{KID})"
# "him self", "her self", "them selves": the normaliser joins these
SELF = r"(?:myself|himself|herself|themselves|themself|yourself|ourselves)"
PERSON = rf"(?:him|her|them|me|us|{CHILD}|the (?:child|children|kids)|my (?:children|kids))"
ADULT = (
    r"(?:dad|father|mum|mother|mom|step-?dad|step-?father|step-?mum|step-?mother|partner|husband|wife|"
    r"boyfriend|girlfriend|ex|uncle|aunt|auntie|grandad|grandpa|grandma|nan|cousin|neighbour|"
    r"teacher|ta|teaching assistant|lsa|senco|head|headteacher|staff|member of staff|staff member|carer|"
    r"childminder|escort|driver|taxi driver|bus driver|coach|babysitter|man|woman|adult|someone|somebody|"
    r"foster carer|support worker|respite worker|men|adults|lady|dinner lady|person|worker|leader|instructor|"
    r"volunteer|helper|grown[\s-]?ups?)"
)
STAFF = (
    r"\b(?:teacher|ta|teaching assistant|lsa|senco|head|headteacher|staff|member of staff|staff member|"
    r"school|escort|driver|taxi|carer|childminder|support worker|respite|nursery|college|1:1|one to one|"
    r"coach|club|unit|pru|residential)\b"
)
INJURY = (
    r"(?:bruis\w*|injur\w*|(?:hurt|hurting)\b(?!\s+(?:staff|members|a\s+member|teachers?|the\s+(?:ta|teacher|staff)|his\s+ta|"
    r"her\s+ta|a\s+ta|others|other\s+(?:children|kids|pupils)))|marks?|scratch(?:ed|es)?|cuts?\b|bleed\w*|bled|blood\w*|broken|"
    r"broke|sprain\w*|swollen|fractur\w*|dislocat\w*|carpet burns?|grazes?|black eye|nosebleed|"
    r"split lip|a&e|hospital|chipped|purple|strapped up|friction burns?|hit (?:his|her|their) head|(?:couldn'?t|could\s+not|can'?t|struggl\w+\s+to)\s+breathe|can'?t move (?:his|her|their) \w+|in pain|limping|welts?)"
)
# injuries to the body, for signs where the wider INJURY words ("hospital", "in pain") say too little
BODY_INJURY = (
    r"(?:bruis\w*|black\s+eyes?|burns?|welts?|fractur\w*|broken\s+(?:arm|wrist|leg|ankle|finger|nose|ribs?|bones?|collar\s?bone)|"
    r"bite\s+marks|finger\s?(?:tip\s+)?marks|hand\s?print|(?:marks|scratches|cuts|lumps?)\s+on\s+(?:his|her|their)\s+\w+|swollen\s+\w+|"
    r"split\s+lip|carpet\s+burns?)"
)
RESTRAINT = (
    r"(?:restrain\w*|restraint|squeez\w*|gripped|held\s+the\s+door\s+shut|barricad\w*|face\s+down|pulled\s+(?:him|her|them)|held (?:him|her|them) down|held down|pinned|pin (?:him|her) down|"
    r"physical intervention|physically intervened|manhandl\w*|grabbed|dragged|yanked|twisted (?:his|her) arm|"
    r"sat on (?:him|her)|prone|(?:locked|shut) (?:him|her|them) in|seclu\w*|put hands on|dragging|"
    r"held (?:his|her|their) (?:arms?|legs?|wrists?|head|hands?|face)|(?:put|taken|took|taking) (?:him|her|them) (?:to|on) "
    r"the floor|carried (?:him|her|them)|(?:in|into|used) a (?:\w+ )?hold|team teach|bent (?:his|her|their) \w+ back)"
)
# an engine left running in a garage (round 2 suicide means, below)
GARAGE_RUNNING = (
    r"\b(?:(?:engine|car)\s+(?:was\s+|is\s+|been\s+)?(?:left\s+|still\s+)?running\b[^.?]{0,60}\bgarage\b|"
    r"\bgarage\b[^.?]{0,60}\b(?:engine|car)\s+(?:was\s+|is\s+|been\s+)?(?:left\s+|still\s+)?running\b)"
)
TIME = (
    r"(?:since|for (?:\d+|one|two|three|four|five|a|several|a few|the last|over)|all (?:day|weekend)|"
    r"in (?:\d+|two|three|days)|yesterday|last night|this morning|days)"
)

# -- everyday idioms: blanked out before any pattern is tried ---------------------------------
IDIOMS = [
    r"dying (?:to|for)\b",
    r"to die for",
    r"(?:this|it|that|they|you|school|the school|it's|he's|she's|is|are) "
    r"(?:is |are |'s )?killing (?:me|us)\b",
    r"kill me now",
    r"killing me\b",
    r"\bi(?: could|'d|'ll| will| would| am going to|'m going to| swear i'll| could honestly)(?: \w+)? "
    r"(?:kill|murder|strangle|throttle|shoot|punch|slap|thump)\b(?! (?:my|him|her)self)",
    r"kill(?:ing)? (?:the|that|this) (?:senco|school|head|teacher|council|la|caseworker|lady|man|woman)",
    r"shoot (?:me|us) (?:an? |a quick )?(?:email|message|text|line|note)",
    r"shot down",
    r"hurt(?:s|ing)? (?:his|her|my|their|your|our) feelings",
    r"hurt feelings",
    r"feelings (?:were|got|are) hurt",
    r"(?:end|ends) of (?:my|our|his|her) tether",
    r"at (?:my|our) wits'? end",
    r"breaking point",
    r"(?:bang|banging) (?:my|our) heads? (?:against|on) (?:a |the )?(?:brick )?wall",
    r"(?:tearing|pulling|rip(?:ping)?) (?:my|our) hair out",
    r"drives? (?:me|us) (?:mad|crazy|insane|up the wall)",
    r"(?:bored|scared|worried|sick|frightened|terrified) (?:to death|sick|stiff)",
    r"sick to death",
    r"over my dead body",
    r"dead (?:tired|set|against|end|easy|quiet|loss|in the water|serious|worried)",
    r"die of (?:embarrassment|shame|shock|boredom)",
    r"enough to make (?:anyone|anybody|you|a saint) (?:want to|wanna) (?:jump off a cliff|scream|cry|give up)",
    r"nearly died (?:of|laughing|when)",
    r"kill(?:ing)? time",
    r"kill two birds",
    r"overkill",
    r"in danger of\b",
    r"(?:no|zero|little|lack of|without (?:any|a)|"
    r"poor|limited|any) (?:sense|awareness|understanding) of (?:danger|risk)",
    r"stranger danger",
    r"danger awareness",
    r"abus\w* (?:of )?(?:its|their|his|her|the) (?:power|position|authority|process)",
    r"abuse of (?:power|process|position|discretion|the system)",
    r"personal grooming",
    r"grooming(?:,| and| or) (?:dressing|washing|hygiene|toileting|eating)",
    r"(?:washing|dressing|hygiene)(?:,| and) grooming",
    r"disappear (?:into|through) the (?:floor|ground)",
    r"cry(?:ing)? for help",
    r"crying out for",
    r"heart ?broken",
    r"break(?:s|ing)? my heart",
    r"(?:jump|jumping|jumped) through (?:\w+ )?hoops",
    r"jumping (?:up and down|on the trampoline|around)",
    r"hanging (?:around|out|about|on|over)",
    r"missing (?:out|from education)",
    r"children missing education",
    r"child missing education",
    r"cut(?:s|ting)? (?:his|her|their|the|my|our) (?:hours|support|funding|provision|"
    r"1:1|one to one|ta|timetable|day|time|budget|budgets|sessions|transport|therapy|package)",
    r"cuts? to \w+",
    r"budget cuts?",
    r"funding cuts?",
    r"(?:cut|cutting) (?:out|down on|back)\b",
    r"cut(?:s|ting)? (?:a long story short|corners)",
    # talk about a risk as a subject, not one happening to the child ("an assembly on grooming")
    r"(?:documentary|assembly|lessons?|talks?|leaflets?|workshops?|sessions?|film|programme|course|training|"
    r"resources?|information|worried|worries) (?:about|on|around) (?:county lines|grooming|exploitation|online safety|"
    r"self-harm|abuse|consent|knife crime)",
    r"(?:talk|talked|talking|taught|teach|teaching|learn\w*|told them)\b[^.]{0,30}\babout (?:county lines|grooming|"
    r"exploitation|online safety|self-harm|abuse|consent|knife crime)",
    # another child's self-harm, told to ask how to help one's own
    r"(?:friend|friends|classmate|classmates|cousin)(?:'s)? (?:is |are |has been |have been |was )?(?:self-harming|cutting)",
    r"bit(?:e|es|ing)? (?:his|her|their|my) (?:nails|cuticles)(?: until (?:they|it) bleeds?)?",
    r"the plan is dead",
    r"deadline",
    r"suicide mission",
    r"\bno\s+(?:injur\w*|marks|bruis\w*)",
    r"(?:wasn'?t|not|never)\s+(?:hurt|injured)",
    r"without\s+(?:injur\w*|hurting)",
    # a rescue-medication plan, not a seizure now: "if she has a seizure lasting 5 mins or more,
    # give buccal midazolam" (the NHS pages cited at the seizure patterns give 5 minutes as the line)
    r"\b(?:if|when|whenever|should)\s+(?:he|she|they|\w+)\s+(?:has|had|have|gets|got|goes\s+into|went\s+into)\s+"
    r"(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:seizure|fit)\s+(?:lasting|that\s+lasts|which\s+lasts|of)\b",
]
IDIOM_RE = re.compile("|".join(f"(?:{i})" for i in IDIOMS))

# A negation just before a match cancels it ("he is not suicidal", "no self-harm, but ...").
NEGATION = re.compile(
    r"\b(?:not|never|no|isn'?t|wasn'?t|hasn'?t|haven'?t|doesn'?t|don'?t think|no longer|nothing to suggest|"
    r"ruled out|without)\s+(?:(?:been|any|sign|signs|history|evidence|of|ever|currently|actively|a|he|she|is|"
    r"was|really|at)\s+){0,3}$"
)
# Harm told as history beside today's question ("groomed two years ago, all dealt with, now she's
# 16 can she..."): a match with one of these near it does not count, unless the message also
# says the harm is happening now (PRESENT).
PAST = re.compile(
    r"\b(?:(?:\d+|a few|a couple of|two|three|four|five|six|several|many) )?years ago\b|(?<!since )\blast year\b|"
    r"\b(?:in|from|back in) (?:19|20)\d\d\b|\blast (?:summer|winter|spring|autumn|christmas|easter)\b|"
    r"\bwhen (?:he|she|they|i|ds|dd|my (?:son|daughter|child|boy|girl)) (?:was|were) (?:little|younger|small|a baby|a toddler|"
    r"at primary|\d+)\b|\bas a (?:baby|toddler|teenager|young child)\b|(?<!being )(?<!been )(?<!is )(?<!are )(?<!was )\bused to\b|\bin the past\b|\bpast "
    r"(?:self-harm|abuse|history|trauma|overdose)|\bhistory of\b|\bsince then\b|\b(?:all )?(?:dealt with|sorted|resolved|(?<!door )(?<!doors )closed|ended(?! up)|"
    r"over now|behind (?:us|her|him))\b|\b(?:is|'s|are|'re|was|am|i'm) (?:safe|settled|much better|doing well|"
    r"better|recovered) now\b|\bnow (?:safe|settled|recovered)\b|\b(?:much better|recovered|no longer)\b"
)
PRESENT = re.compile(
    r"\b(?:again|still (?:happening|going on|doing it|at it|cutting|hurting|harming|self-harming|not (?:eating|drinking|"
    r"home|back))|started|starting|getting worse|worse|tonight|today|right now|at the moment|currently|"
    r"this (?:week|morning|afternoon|evening|weekend)|last night|yesterday|keeps|ongoing|relaps\w*|(?:i|we|i've|we've|just) found|just (?:now|seen|told))\b"
)
PAST_WINDOW = 100

# ...but "not sure", "not only" and friends are not negations of what follows.
NOT_A_NEGATION = re.compile(
    r"\b(?:not|no)\s+(?:sure|certain|only|just|know|idea|doubt|joke|joking|exaggerating)\b"
)

# -- categories -------------------------------------------------------------------------------
SELF_HARM_SUICIDE = [
    r"\bsu+i?[cs]+i?d\w*",  # suicide, suicidal, suside, sucidal
    rf"\bkil+(?:s|ed|ing)?\s+{SELF}",
    r"\b(?:end|ending|ended|take|taking|took)\s+(?:my|his|her|their)\s+(?:own\s+)?li(?:fe|ves)\b",
    r"\bend(?:ing)?\s+(?:it\s+all|everything)\b",
    r"\b(?:could|to|just)\s+(?:just\s+)?not\s+exist\b|\bstop\s+existing\b",
    r"\bwalk(?:ing)?\s+into\s+(?:the\s+)?(?:sea|river|traffic|road|lake|canal)\b",
    r"\b(?:life\s+(?:isn'?t|is\s+not)|not)\s+worth\s+living\b",
    r"\b(?:think|thinks|thinking|thought|talks?|talking|talked)\s+about\s+(?:dying|death|being\s+dead|killing\s+(?:him|her|my|them)self|"
    r"suicide|not\s+being\s+here)",
    r"\bdo\s+something\s+(?:stupid|silly|bad|terrible)\s+to\s+(?:myself|himself|herself|themselves)",
    r"\b(?:easier|better)\s+for\s+(?:everyone|everybody|them|you\s+all|my\s+family)\s+if\s+(?:i|he|she)\b",
    r"\bdisappear(?:ed)?\s+(?:for\s+good|forever|for\s+ever)\b",
    r"\b(?:belt|rope|cord|tie|scarf|lead|wire|string|ligature)\s+(?:round|around)\s+(?:his|her|my|their)\s+neck",
    r"\b(?:pills|tablets)\s+hidden\b|\bnote\s+saying\s+(?:sorry|goodbye)",
    r"\b(?:want|wants|wanted|wanting|going|gonna|thinking|thought|think|tempted)\s+(?:to|of|about)\s+end(?:ing)?\s+it\b"
    r"(?!\s+with)",
    r"\b(?:want|wants|wanted|wanting|wish|wishes|wished)\s+(?:to\s+)?(?:die|be dead|be gone|not exist|disappear forever|"
    r"not wake up|never wake up)\b",
    r"\b(?:wish|wishes|wished|wishing)\s+(?:i|he|she|they)\s+(?:was|were|had|wasn'?t|weren'?t|could)\s+(?:dead|never been born|not born|gone|"
    r"here|alive|around|disappear|just disappear|die)\b",
    r"\b(?:don'?t|doesn'?t|do not|does not)\s+deserve\s+to\s+(?:live|be\s+alive|exist|be\s+here)\b",
    r"\b(?:give|giving|given|gave)\s+up\s+on\s+(?:life|living)\b",
    # The negation is part of the risk here ("she doesn't see the point in living"): the match
    # starts at it, so the negation rule (detector._negated) does not cancel it.
    r"\b(?:(?:(?:can'?t|cannot|can\s+not|doesn'?t|does\s+not|don'?t|do\s+not|didn'?t|no\s+longer)\s+)?"
    r"see\s+(?:the|any)|no)\s+point\s+(?:of|in)\s+(?:living|being\s+alive|life|going\s+on|being\s+here)\b",
    r"\brazor\s?blades?\b",
    r"\b(?:drank|drunk|swallowed|drinking|drink|eaten|ate)\s+(?:some\s+(?:of\s+)?(?:the\s+)?)?(?:bleach|poison|antifreeze|weedkiller|cleaning\s+(?:fluid|product))",
    r"\b(?:drive|crash|driving|crashing)\s+(?:my|the|his|her)\s+car\s+(?:into|off|on\s+purpose)",
    r"\b(?:pills|tablets|rope)\s+(?:ready|saved\s+up|stashed|hidden\s+away)|\bstockpil\w*\s+(?:pills|tablets|meds|paracetamol)",
    r"\b(?:been\s+|keeps\s+|is\s+)?burning\s+(?:his|her|their|my)\s+(?:arms?|hands?|skin|legs?|wrists?)\b|\bburn\w*\s+[^.]{0,30}\bwith\s+"
    r"(?:a\s+)?(?:lighter|cigarettes?|matches|a\s+hot)",
    r"\b(?:rather|better off|be better)\s+(?:be\s+)?dead\b",
    r"\bbetter off without me\b",
    r"\b(?:everyone|everybody|the world|(?:my|his|her|the|our) family|you all)\s+(?:would|'d|will|is)\s+be\s+better\s+off"
    # ...but not "everyone would be better off if the LA just admitted it".
    r"\s+(?:without|if(?!\s+(?:the\s+)?(?:la|council|school|local\s+authority|senco|head|government)\b))",
    r"\bbetter off if (?:i|he|she) (?:wasn'?t|weren'?t|was not|were not|was gone|were gone|died|wasn'?t here|"
    r"wasn'?t around|was dead)",
    r"\b(?:don'?t|doesn'?t|do not|does not|didn'?t|did not)\s+want\s+to\s+(?:be\s+here|live|be\s+alive|exist|wake\s+up|"
    r"be\s+around|carry\s+on|go\s+on|be\s+on\s+this\s+earth)",
    r"\b(?:can'?t|cannot|can not)\s+go\s+on\b(?!\s+(?:like|with|waiting|being|fighting|for|the|a|an|any|trips?|holiday|school|residential|camp)\b)",
    r"\b(?:can'?t|cannot)\s+(?:live|carry\s+on)\s+(?:like\s+this|anymore|any\s+more)\b(?!.{0,20}\b(?:school|council|fight))",
    r"\b(?:no|any)\s+(?:point|reason)\s+(?:in\s+)?(?:living|being alive|going on|to live|to go on|carrying on|"
    r"being here)\b",
    r"\bnothing\s+(?:left\s+)?to\s+live\s+for\b",
    r"\bnot\s+(?:be|being)\s+here\s+any\s?more\b",
    r"\bself[\s-]?harm\w*",
    r"\bself[\s-]?injur\w*",
    rf"\b(?:hurt|hurts|hurting|harm|harms|harming|harmed|cut|cuts|cutting|burn|burns|burning|burnt|burned|"
    rf"scratch|scratches|scratching|starve|starving|strangle|strangling|choke|choking|stab|stabbing|poison|poisoning|"
    rf"injure|injuring|suffocate)\s+{SELF}(?!\s+(?:falling|playing|at\s|in\s+(?:pe|the\s+playground)|on\s+the|by\s+accident|"
    rf"accidentally|when\s+(?:he|she|they)\s+fell))",
    # hitting or biting oneself in a meltdown is behaviour, unless it injures
    rf"\b(?:hit|hits|hitting|punch\w*|bite|bites|biting|slap\w*|bang\w*)\s+{SELF}\b[^.]{{0,60}}\b(?:bruis\w*|bleed\w*|blood|"
    rf"injur\w*|black\s+eye|hospital|lump)",
    r"\b(?:been|is|was|started|keeps|keep)\s+(?:\w+ly\s+)?cutting\b(?!\s+(?:out|down|back|his|her|the|my))",
    r"\bcut(?:s|ting)?\s+(?:on\s+)?(?:his|her|their|my)\s+(?:arms?|wrists?|legs?|thighs?|stomach|skin)",
    r"\bcuts\s+(?:on|all over|up and down)\s+(?:his|her|their|my|my\s+[\w']+)\s+(?:arms?|wrists?|legs?|thighs?|stomach|tummy|belly|body|chest|face)",
    r"\b(?:until|till|til|'til)\s+(?:it|he|she|his \w+|her \w+)\s+bleeds?\b",
    r"\b(?:until|till|til|'til)\s+(?:they|it'?s|they'?re)\s+(?:bleed|bleeding|raw)\b",
    r"\boverdos\w*",
    r"\bod'd\b",
    r"\b(?:taken|took|take|taking|swallowed|swallow|necked)\s+(?:a\s+(?:load|lot|bunch|handful|packet|bottle|box|whole\s+\w+)\s+of\s+"
    r"|loads\s+of\s+|lots\s+of\s+|all\s+(?:of\s+)?(?:his|her|my|the|their)\s+(?:\w+\s+)?|too\s+many\s+|(?:my|his|her|their|a|the)\s+"
    r"(?:whole\s+)?(?:packet|bottle|box)\s+of\s+|(?:my|his|her|their)\s+|some\s+of\s+(?:my|his|her)\s+)"
    r"(?:tablets|pills|paracetamol|meds|medication|medicine|painkillers|sleeping\s+pills)",
    r"\btoo\s+many\s+(?:tablets|pills|paracetamol|painkillers)\b",
    rf"\b(?:hang|hanged|hanging|hung)\s+{SELF}",
    r"\btried\s+to\s+hang\b",
    r"\bnoose\b",
    # A ligature made ready where the child is: a cord, rope, belt or scarf tied in a loop in their
    # room or wardrobe, or from a rail or door (round a neck is below; a rope swing is not this).
    r"\b(?:cord|rope|belt|scarf|tie|flex|cable|lead)\s+(?:\w+\s+){0,2}tied\s+(?:in|into)\s+(?:a\s+)?"
    r"(?:loop|noose)[^.?!]{0,30}\b(?:in|on|from|to)\s+(?:his|her|their|my|the)\s+(?:wardrobe|room|"
    r"bedroom|banister|bannister|door|hook|beam|rail|loft|curtain\s+pole)",
    r"\bligature",
    r"\b(?:jump|jumping|jumped|throw\s+(?:him|her|my)self)\s+(?:off|from|in\s+front\s+of|out\s+of)\s+(?:a|the|his|her)?\s*"
    r"(?:bridge|roof|building|train|window|cliff|car|bus|balcony|multi-?storey|car\s+park|motorway|flyover)",
    r"\b(?:going|gonna|about|threaten\w*|want|wants|wanted|try|tried|trying)\s+to\s+jump\b(?!\s+(?:on|in|into\s+the\s+(?:pool|ball)|over|up|around|"
    r"off\s+(?:the\s+)?(?:climbing|table|chair|sofa|bed|wall|trampoline|stairs|slide|apparatus)))",
    r"\b(?:he|she|they|my\s+\w+|\w+\s+is|\w+'s|is|'s|got|climbed|climbing|gone|went|sitting|standing|out)\s+(?:[\w']+\s+){0,4}?"
    r"on(?:to)?\s+the\s+(?:roof|ledge|railway|railway line|tracks|bridge|edge)\b",
    r"\b(?:knife|blade|razor)\b[^.]{0,40}\b(?:himself|herself|myself|themselves|his\s+(?:wrist|arm|throat)|"
    r"her\s+(?:wrist|arm|throat)|on\s+(?:him|her)self|use\s+it\s+on)",
    r"\b(?:ways|how)\s+to\s+(?:die|kill\s+(?:him|her|my|them)self|end\s+(?:it|(?:his|her|my|their)\s+life))",
    r"\bon\s+purpose\b[^.]{0,40}\b(?:hit|hurt|die|killed|run\s+over)|\b(?:get|be)\s+(?:hit|run\s+over|killed)\s+by\s+a\s+"
    r"(?:car|train|bus|lorry)",
    r"\b(?:no\s?one|nobody|no-one)\s+(?:would|will|'d)\s+(?:miss|care\s+if)\s+(?:me|him|her)",
    r"\bpoint\s+(?:in|of)\s+(?:me|him|her|my)\s+(?:being\s+(?:here|alive)|living)",
    r"\b(?:sleep|go\s+to\s+sleep)\s+and\s+(?:never|not)\s+wake\s+up",
    r"\bmake\s+(?:him|her|my|them)self\s+(?:ill|sick|bleed)",
    r"\bsuicide\s+note\b",
    # this cycle (training-set misses): means, circumstances and goodbyes
    r"\b(?:collect\w*|sav\w*\s+up|hoard\w*|stockpil\w*)\s+(?:all\s+)?(?:my|his|her|their)\s+(?:\w+\s+)?(?:pills|tablets|meds|"
    r"antidepressants|painkillers)",
    r"\b(?:drive|driving|drove|crash|crashing)\s+(?:the\s+car\s+|my\s+car\s+)?(?:into|off)\s+(?:a|the)\s+(?:wall|tree|bridge|"
    r"lorry|river|cliff)",
    r"\bcrash\s+the\s+car\s+with\s+(?:just\s+)?me\b",
    r"\bin\s+case\s+i'?m\s+not\s+(?:here|around)\b",
    r"\b(?:sleep|go\s+to\s+sleep)\s+forever\b|\bstop\s+waking\s+up\b",
    r"\b(?:lanyard|tie|scarf|belt|cord)\s+(?:round|around)\s+(?:his|her|my|their)\s+neck\b",
    r"\b(?:sick|vomit\w*)\s+on\s+purpose\b",
    # ...but not the cards a child writes to a class or teacher when leaving
    r"\bgoodbye\s+(?:notes?|letters?)\b(?![^.?]{0,40}\b(?:class|classmates|teachers?|school|nursery|college|moved|moving|leaving|leavers?|end\s+of\s+(?:term|year)|"
    r"primary|secondary|year\s+\d+|(?:when|as)\s+(?:he|she|they|we)\s+(?:left|leaves?|moved)))",
    r"\btried\s+to\s+(?:kill|hurt|harm|strangle|end)\b",
    r"\b(?:attempt|attempted)\s+(?:to\s+take|suicide)",
    # round 4
    r"\b(?:going\s+to|gonna|will)\s+do\s+it\s+tonight\b",
    r"\bcan'?t\s+take\s+any\s?more\b(?!\s+of)",
    r"\b(?:arms?|wrists?|legs?|thighs?|body)\s+(?:are\s+|is\s+)?(?:covered\s+in|full\s+of)\s+(?:cuts|scratches|burns|scars)",
    r"\bnot\s+safe\s+(?:to\s+be\s+)?(?:on\s+my\s+own|alone|by\s+myself|with\s+myself)",
    r"\b(?:better\s+off|happier|easier)\s+(?:if|without)\s+(?:i|he|she|me|him|her)\b[^.]{0,20}\b(?:dead|gone|wasn'?t\s+here|"
    r"died|not\s+here|didn'?t\s+exist)",
    r"\b(?:he|she|they)(?:'ll|\s+will|'d|\s+would)\s+jump\b(?!\s+(?:on|in|over|up|around))",
    r"\b(?:go|going|be)\s+to\s+heaven\b",
    r"\bfound\s+(?:a\s+)?(?:rope|noose|ligature|belt\s+tied)\s+in\s+(?:his|her|their)\s+(?:room|wardrobe|bag|drawer)",
    r"\b(?:taken|took|swallowed)\s+(?:a\s+load|loads|lots|a\s+lot|a\s+handful|a\s+bunch)\s+of\s+(?:my|his|her|the|their)\s+"
    r"(?:tablets|pills|paracetamol|meds|medication|medicine|painkillers)",
    # warning signs of suicide from public guidance (final acts and goodbyes, researching means):
    # https://doh.wa.gov/you-and-your-family/injury-and-violence-prevention/suicide-prevention/youth-suicide-prevention/warning-signs
    # https://suicideispreventablescc.org/warning-signs and
    # https://keepyourchildsafe.org/child-mental-health/suicide/warning-signs-for-teen-suicides/
    # giving away prized possessions: "away" or a prized word is needed ("gave his old xbox to his cousin" is not)
    r"\b(?:giv(?:e|es|ing|en)|gave)\s+away\s+(?:all\s+(?:of\s+)?|most\s+of\s+|loads\s+of\s+)?(?:his|her|their|my)\s+"
    r"(?:(?:most\s+)?(?:prized|treasured|favourite|special|precious)\s+)?(?:things|stuff|belongings|possessions)\b",
    r"\b(?:giv(?:e|es|ing|en)|gave)\s+(?:all\s+(?:of\s+)?)?(?:his|her|their|my)\s+(?:\w+\s+)?(?:things|stuff|belongings|"
    r"possessions)\s+away\b",
    r"\b(?:giv(?:e|es|ing|en)|gave)\s+(?:away\s+)?(?:(?:his|her|their|my)\s+)?(?:most\s+)?(?:prized|treasured)\s+"
    r"(?:possessions?|things|belongings)\b|\b(?:giv(?:es|ing|en)|gave)\s+away\s+everything\b",
    # saying goodbye as if for the last time
    r"\bgoodbye\b[^.?]{0,40}\b(?:for\s+the\s+last\s+time|forever|for\s+ever|for\s+good|as\s+if\s+(?:he|she|they|i)|"
    r"like\s+(?:he|she|they|i)\s+(?:was|were|wasn'?t|won'?t)|(?:like|as\s+if)\s+it\s+(?:was|were)\s+the\s+last\s+time)",
    r"\b(?:said|saying|says|say|texted|texting|sent|messaged|messaging)\s+(?:\w+\s+)?goodbye\s+to\s+(?:everyone|everybody|all\s+of\s+us)\b"
    r"(?![^.?]{0,30}\b(?:(?:at|in|from)\s+(?:\w+\s+){0,2}(?:school|class|college|nursery|club|work|group)|the\s+end|in\s+the\s+morning|"
    r"every\s+(?:day|morning|night)|when\s+(?:he|she|they)\s+leaves?))",
    r"\b(?:texted|messaged|sent|emailed)\s+(?:everyone|everybody|all\s+(?:of\s+)?(?:us|his\s+friends|her\s+friends|their\s+friends))\s+"
    r"(?:a\s+)?goodbye\b",
    r"\bgoodbye\s+(?:texts?|messages?|videos?|emails?|posts?)\b(?![^.?]{0,40}\b(?:class|classmates|teachers?|school|nursery|college|moved|moving|leaving|leavers?|end\s+of\s+(?:term|year)|"
    r"primary|secondary|year\s+\d+|(?:when|as)\s+(?:he|she|they|we)\s+(?:left|leaves?|moved)))",
    # writing letters or notes to each of the family
    r"\b(?:writ\w*|wrote|left|found)\s+(?:sealed\s+)?(?:letters|notes)\s+(?:to|for|addressed\s+to)\s+(?:each\s+of\s+us|every\s+one\s+of\s+us|"
    r"all\s+of\s+us|everyone\s+in\s+(?:the|our)\s+family)\b",
    r"\b(?:letter|note|message|text)\s+saying\s+(?:sorry\s+for\s+everything|(?:he|she|they|i)\s+(?:loves?|loved)\s+(?:us|me|you|everyone)"
    r"\s+(?:all\s+)?and\s+(?:is\s+|was\s+|'s\s+)?sorry)",
    # putting affairs in order; a child writing a will
    r"\b(?:put\w*|get\w*|got|sort\w*)\s+(?:his|her|my|their)\s+affairs\s+in\s+order\b",
    rf"\b{CHILD}\s+(?:has\s+|had\s+|just\s+|has\s+just\s+)?(?:written|wrote|made|making|writing)\s+(?:a|his|her)\s+will\b",
    # talking about not being around, as the child's own words
    r"\b(?:he|she|they)\s+(?:says?|said|keeps\s+saying|told\s+(?:me|us|his\s+\w+|her\s+\w+))\s+(?:that\s+)?(?:he|she|they)\s+"
    r"(?:won'?t|will\s+not|isn'?t\s+going\s+to|wouldn'?t)\s+be\s+(?:around|here)\b(?!\s+(?:tomorrow|next|on\s|for\s+(?:the|a|his|her)\b|"
    r"at\s|in\s+(?:school|class)|this\s+(?:week|weekend)|to\s+(?:help|pick|do)))",
    r"\b(?:says?|said|told\s+(?:me|us)|keeps\s+(?:saying|telling\s+(?:me|us))|telling\s+(?:me|us))\s+[^.?]{0,20}\b(?:won'?t|will\s+not)\s+(?:have|need)\s+to\s+worry\s+about\s+"
    r"(?:him|her|me|them)\s+(?:for\s+)?(?:much\s+longer|long|soon|anymore)\b",
    # a sudden calm, as if a decision is made
    r"\b(?:eerily|unnervingly|unnaturally)\s+calm\b",
    r"\bsuddenly\s+(?:so\s+|very\s+|really\s+)?(?:calm|cheerful|happy|at\s+peace)\b[^.?]{0,30}\bafter\s+(?:weeks|months)\s+of\s+"
    r"(?:being\s+)?(?:so\s+|very\s+)?(?:low|depressed|suicidal|saying)\b(?![^.?]{0,40}\b(?:since|because|now\s+that|thanks))",
    r"\b(?:calm|at\s+peace)\b[^.?]{0,40}\b(?:like|as\s+if|as\s+though)\s+(?:he|she|they)(?:'s|'ve|\s+has|\s+have|\s+had)\s+"
    r"(?:made\s+(?:a|the|his|her|their)\s+(?:decision|mind\s+up)|made\s+up\s+(?:his|her|their)\s+mind|decided)\b",
    # researching methods
    r"\b(?:lethal|fatal|deadly)\s+(?:dose|overdose|amount)\b",
    r"\bhow\s+many\s+(?:paracetamol|tablets|pills|painkillers)\s+(?:it\s+(?:takes|would\s+take)|would\s+(?:it\s+take|kill)|to\s+(?:die|kill|overdose)|"
    r"are\s+(?:lethal|fatal|deadly)|can\s+kill)",
    r"\b(?:painless|quickest|easiest|quick)\s+(?:ways?|methods?)\s+(?:to\s+(?:die|go)|of\s+(?:dying|suicide))\b",
    r"\b(?:search\w*|googl\w*|look\w*\s+up|research\w*)\b[^.?]{0,40}\bhow\s+to\s+(?:tie\s+a\s+noose|hang|overdose|drown)\b",
    # round 2 of warning signs from public guidance (issue 12 item 4):
    # means and planning: "current talk of suicide or making a plan", "making a plan or looking for a
    # way" (https://doh.wa.gov/you-and-your-family/injury-and-violence-prevention/suicide-prevention/youth-suicide-prevention/warning-signs,
    # http://bvcosp.com/suicide/warning-signs/); car exhaust in a closed space and notes left are
    # named in https://www.pubmed.gov/8658238/ (carbon monoxide suicide from car exhausts)
    # an engine left running in a shut garage, a hose on the exhaust, reading up on the fumes
    # (GARAGE_RUNNING: someone in the car, or the door shut)
    rf"\b(?:sat|sitting|sits|lying|slumped|asleep|found\s+(?:him|her|them|{CHILD})|(?:he|she|they)\s+(?:was|were|is)(?:\s+in)?)\s+in(?:side)?\s+(?:the|his|her|my|our|a)\s+car\b"
    rf"[^.?]{{0,60}}{GARAGE_RUNNING}|{GARAGE_RUNNING}[^.?]{{0,60}}\b(?:door\s+(?:shut|closed|down|locked)|(?:he|she|they|i)\s+(?:was|were|is|am)\s+"
    rf"(?:in|inside|sat|sitting)\b|inside\s+(?:it|the\s+car))|\bgarage\s+door\s+(?:shut|closed|down|locked)\b[^.?]{{0,60}}\b(?:engine|car)\s+"
    rf"(?:was\s+|is\s+)?(?:left\s+|still\s+)?running\b",
    r"\b(?:hose|hosepipe|tube|pipe)\s+(?:\w+\s+){0,3}?(?:to|on|onto|into|in|from|round|around)\s+(?:the|his|her|my|our|a)\s+(?:car\s+)?exhaust\b|"
    r"\bexhaust\b[^.?]{0,30}\b(?:into|through)\s+(?:the|his|her|my|a)\s+(?:car\s+)?window\b",
    r"\b(?:googl\w*|search\w*|read\w*\s+(?:up\s+)?about|look\w*\s+up|research\w*|asking\s+about)\b[^.?]{0,40}\b"
    r"(?:carbon\s+monoxide|exhaust\s+fumes|car\s+exhausts?)\b(?!\s+(?:alarms?|detectors?|poisoning\s+from))|"
    r"\b(?:die|dying|kill\s+(?:him|her|my|them)self)\s+(?:from|with|of|by|using)\s+(?:the\s+)?(?:car\s+fumes|exhaust\s+fumes|carbon\s+monoxide|"
    r"(?:the\s+|a\s+)?(?:car\s+)?exhaust)\b|"
    r"\bhow\s+(?:long|much)\s+(?:\w+\s+){0,2}?(?:carbon\s+monoxide|exhaust\s+fumes)\s+(?:takes|would\s+take|it\s+takes|to\s+(?:die|kill))\b|\b(?:breath\w*\s+in|inhal\w*)\s+(?:the\s+)?(?:exhaust|car)\s+fumes\b",
    # a plan with how and when, or a date
    r"\b(?:worked|figured|planned|thought)\s+out\s+(?:exactly\s+|all\s+)?(?:how\s+and\s+when|when\s+and\s+how)\b"
    r"(?=\s*(?:$|[.!]|and\b|,\s*(?:he|she|they|i)\b)|\s+(?:he|she|they|i)(?:'ll|\s+will|'d|\s+would|'s\s+going\s+to|\s+is\s+going\s+to|"
    r"'m\s+going\s+to|\s+am\s+going\s+to)\s+do\s+it\b)",
    r"\b(?:he|she|they|i)(?:'s|\s+has|'ve|\s+have|\s+had)\s+(?:got\s+)?(?:planned|worked\s+out|decided|chosen|picked)\s+"
    r"(?:exactly\s+)?(?:when|how|where)\s+(?:he|she|they|i)(?:'ll|\s+will|'d|\s+would|'s\s+going\s+to|\s+is\s+going\s+to|"
    r"'m\s+going\s+to|\s+am\s+going\s+to)\s+do\s+it\b(?=\s*(?:$|[.!]|and\b|,\s*(?:he|she|they|i)\b))",
    r"\b(?:he|she|they|i)(?:'s|\s+has|'ve|\s+have|\s+had)\s+(?:got\s+)?a\s+plan\s+and\s+(?:a|the)\s+(?:date|day|time)\b"
    r"(?=\s*(?:$|[.!]|and\b|,\s*(?:he|she|they|i)\b|to\s+(?:do\s+it|die|end\s+it|kill)))|\b(?:picked|chosen|set|has|got)\s+a\s+(?:date|day|time)\s+(?:to\s+do\s+it|"
    r"for\s+(?:when\s+)?(?:he|she|they|i)(?:'ll|\s+will|'re\s+going\s+to|'s\s+going\s+to)\s+do\s+it|to\s+(?:die|end\s+it|kill))\b",
    # goodbye notes and letters found in a drawer, under a pillow, on a phone
    r"\b(?:notes?|letters?|messages?)\b(?:(?!teacher|class|school|nursery|college|\bta\b|year\s+\d|leavers?|end\s+of\s+(?:term|year))[^.?]){0,40}"
    r"\b(?:saying|says|said|to\s+say)\s+goodbye\b(?!\s+to\s+(?:his|her|their|the|my)\s+(?:\w+\s+)?(?:teachers?|class|school|friends|"
    r"ta|nursery|team|classmates))",
    r"\b(?:found|find|finding)\s+(?:a\s+|some\s+)?(?:notes?|letters?)\s+(?:\w+\s+){0,3}?(?:under|in|on|behind)\s+(?:his|her|their|my)\s+"
    r"(?:pillow|drawer|bed|phone|desk|wardrobe|bedside)\b[^.?]{0,60}\b(?:goodbye|sorry|love\s+(?:you|us|them)|miss\s+(?:me|him|her)|"
    r"look\s+after|when\s+(?:i'?m|he'?s|she'?s)\s+gone|forgive)",
]

DANGER = [
    r"\bin\s+(?:immediate\s+|real\s+|serious\s+)?danger\b",
    r"\b(?:not|isn'?t|aren'?t|never)\s+safe\s+(?:at\s+home|with\s+(?:his|her|their|my)\s+\w+|in\s+(?:the|our|that)\s+house|"
    r"there|tonight|right\s+now)",
    r"\bunsafe\s+at\s+home\b",
    r"\b(?:scared|frightened|afraid|worried|fear)\s+for\s+(?:my|his|her|their|our)\s+(?:[\w']+\s+)?(?:safety|life|lives)\b",
    r"\b(?:domestic\s+(?:violence|abuse)|violence\s+(?:at\s+home|in\s+the\s+(?:home|house)|towards?\s+(?:me|us|the\s+kids|"
    r"the\s+children|my)))",
    r"\b(?:my|her|his|their)\s+(?:partner|husband|wife|ex|boyfriend|girlfriend)\s+(?:is\s+violent|has\s+been\s+violent|hits|hit|beats|"
    r"hurts|threatens|threatened|attacked|strangled|choked|kicked|punched)",
    r"\b(?:scared|frightened|terrified|afraid)\s+(?:of|to\s+go\s+home\s+to)\s+(?:my|his|her|their)\s+(?:husband|partner|"
    r"dad|father|stepdad|step-dad|ex|boyfriend|mum|mother)",
    r"\bscared\s+to\s+go\s+home\b",
    r"\b(?:hits|hitting|beats|beating|hurts|hurting|hit|kicks|kicking)\s+me\b[^.]{0,30}\b(?:in\s+front\s+of|near|around)\s+(?:the|my|our)\s+"
    r"(?:children|kids)",
    r"\b(?:beaten\s+up|attacked|assaulted|jumped\s+by)\b[^.]{0,60}\b(?:bleed\w*|blood|hospital|a&e|broken|black\s+eye|concussion|"
    r"unconscious|stabbed)",
    rf"\b(?:threaten\w*|said\s+(?:he|she)(?:'d|\s+would|\s+will|'ll))\s+(?:to\s+)?(?:kill|hurt|stab)\s+{PERSON}",
    r"\b(?:got|has|had|with|holding|grabbed|pulled)\s+(?:a|the)\s+(?:knife|weapon|gun)\b(?![^.]{0,30}\b(?:in\s+(?:school|class)"
    r"|bag\s+search))",
    r"\b(?:someone|somebody|a\s+man|a\s+woman|an\s+adult)\s+(?:is|has\s+been)\s+(?:hurting|harming|threatening)\b",
    r"\bbeing\s+(?:hurt|harmed|beaten|hit|battered)\b(?!\s+with\s+(?:sanction|fines?|detentions?|exclusions?|a\s+fine|another|more))",
    r"\b(?:choked|strangled|suffocated)\s+(?:him|her|them|my)\b",
    rf"\b(?:man|woman|stranger|someone|somebody|adult|men)\s+(?:tried|try|trying|tries)\s+to\s+(?:get|lure|grab|take|pull|drag|"
    rf"snatch)\s+(?:him|her|them|{CHILD})\b",
    r"\b(?:was|been|got|has\s+been|have\s+been)\s+(?:stabbed|shot|knifed|slashed)\b(?!\s+in\s+the\s+back)",
    r"\bunconscious\b",
    r"\b(?:we'?re|i'?m|we\s+are|i\s+am)\s+hiding\b",
    rf"\b(?:someone|somebody|a\s+man|men|a\s+gang|people)\s+(?:is\s+|are\s+|was\s+|has\s+been\s+)?(?:outside\s+\w+\s+\w+\s+)?"
    rf"threaten\w*\s+(?:him|her|them|me|us|{CHILD})\b",
    r"\bwon'?t\s+(?:give|bring)\s+(?:her|him|them|my\s+\w+)\s+back\b",
    r"\bswallowed\s+(?:a|some|the|two|\d+)\s+(?:battery|batteries|button\s+battery|magnets?|coins?)\b",
    # thirteenth session: a household poison swallowed or drunk (the "a child in danger")
    r"\b(?:swallowed|eaten|ate|eating|bit\s+into|bitten\s+into|chewed|chewing|sucked|sucking)\s+(?:\w+\s+){0,3}?"
    r"(?:dishwasher|washing|laundry|washing\s+machine)\s+(?:tablets?|pods?|capsules?|liquid)\b|"
    r"\b(?:swallowed|drunk|drank|drinking|had\s+a\s+(?:drink|sip|mouthful|swig)\s+of)\s+(?:\w+\s+){0,4}?"
    r"(?:bleach|screen\s?wash|anti-?freeze|white\s+spirit|weed\s?killer|rat\s+poison|cleaning\s+(?:fluid|spray|liquid)|"
    r"detergent|disinfectant|lighter\s+fluid|paraffin|petrol|turps|turpentine)\b",
    r"\bthreaten\w*\b[^.]{0,40}\b(?:kill|hurt|stab)\s+(?:us|me|him|her|them|the\s+kids|the\s+children)\b",
    r"\bseizure\b[^.]{0,30}\b(?:won'?t|not|isn'?t|hasn'?t)\s+stop",
    r"\b(?:fitting|seizure)\s+for\s+(?:over\s+)?\d+\s+min",
    r"\bnot\s+breathing\b",
    r"\b(?:said|says|saying|threaten\w*)\s+(?:they|they'?re)(?:'ll|\s+will|\s+are\s+going\s+to|\s+going\s+to)\s+(?:stab|kill|hurt|"
    r"beat\s+up|batter|jump)\s+(?:him|her|them|my)\b",
    r"\bcan'?t\s+wake\s+(?:him|her)\b",
    # round 4
    r"\b(?:he|she|they|he's|she's|and)\s+(?:won'?t|isn'?t|is\s+not|not|can'?t\s+get\s+(?:him|her)\s+to)\s+(?:respond|responding|"
    r"wake\s+up|waking\s+up)\b(?!\s+to\s+(?:me|my|us|our|emails?|calls?|messages?|letters?|anything|the))",
    r"\b(?:says|said|saying|threaten\w*)\s+(?:he|she)(?:'ll|\s+will|'d|\s+would|\s+is\s+going\s+to)\s+(?:kill|hurt|stab)\s+"
    r"(?:me|us|him|her|them|the\s+kids|the\s+children|my)\b",
    rf"\b(?:man|men|stranger|someone|somebody|adult|a\s+car)\s+(?:has\s+been\s+|is\s+|keeps\s+|was\s+)?following\s+"
    rf"(?:him|her|them|{CHILD})",
    # medical emergencies in a child, from NHS-family guidance on anaphylaxis, choking and seizures:
    # https://www.healthforkids.co.uk/plymouth/health-issues/anaphylaxis-need-know/ (blue lips, swelling, floppy, epipen)
    # http://sja.org.uk/sja/first-aid-advice/first-aid-for-parents/choking-advice-for-parents/choking-child.aspx
    # https://frimley-healthiertogether.nhs.uk/professionals/safety-netting-documents-parents/seizure and
    # https://wyhealthiertogether.nhs.uk/parentscarers/worried-your-child-unwell/seizurefebrile-convulsion (over 5 minutes,
    # one fit after another, not waking between)
    r"\b(?:lips|tongue|throat)\s+(?:is\s+|are\s+|has\s+|have\s+|'s\s+)?(?:started\s+|starting\s+)?(?:swelling|swollen|swelled|"
    r"(?:gone|going|went|turning|turned)\s+(?:blue|grey|gray)|blue|closing\s+up|tight)\b",
    r"\b(?:face|skin)\s+(?:is\s+|has\s+)?(?:gone|going|went|turning|turned)\s+(?:blue|grey|gray)\b",
    rf"\b(?:he|she|they|he'?s|she'?s|baby|{CHILD})\s+(?:is\s+|are\s+|has\s+|have\s+)?(?:turning|turned|going|gone|went)\s+blue\b(?!\s+in\s+the\s+face)",
    r"\b(?:anaphyla\w*|allergic\s+reaction|epi-?pen|jext|adrenaline\s+(?:pen|auto-?injector))\b[^.?]{0,80}\b(?:can'?t\s+breathe|"
    r"struggling\s+to\s+breathe|not\s+breathing|wheez\w*|collaps\w*|unresponsive|lips\s+(?:are\s+|have\s+)?(?:swell\w*|swollen|blue))",
    r"\b(?:gone|went|going)\s+into\s+anaphyla\w*|\banaphylactic\s+shock\b",
    r"\b(?:just|had\s+to|have\s+had\s+to|'ve\s+had\s+to|i'?ve|we'?ve)\s+(?:used|use|give|given|gave|jabbed)\s+(?:(?:him|her|them)\s+)?"
    r"(?:his|her|their|the|an?|my)\s+(?:epi-?pen|jext|adrenaline)",
    r"\bchoking\b[^.?]{0,60}\b(?:can'?t|cannot|not|isn'?t|won'?t)\s+(?:breathe|breathing|cough|coughing|speak|talk)\b",
    r"\b(?:can'?t|cannot)\s+(?:breathe|cough)\b[^.?]{0,40}\bchoking\b",
    r"\b(?:food|something|a\s+\w+|sweet|grape|coin)\s+(?:is\s+|got\s+|'s\s+)?stuck\s+in\s+(?:his|her|their)\s+(?:throat|windpipe)\b",
    r"\b(?:been|is|'s|has\s+been|still)\s+(?:fitting|seizing|having\s+a\s+(?:seizure|fit))\s+(?:for\s+)?(?:over\s+|more\s+than\s+|about\s+)?"
    r"(?:\d+|five|six|seven|eight|ten|fifteen|twenty)\s+min",
    r"\b(?:seizure|fit)\s+(?:has\s+|is\s+|'s\s+)?(?:lasted|lasting|gone\s+on|been\s+going\s+(?:on\s+)?)\s+(?:for\s+)?(?:over\s+|more\s+than\s+)?"
    r"(?:\d+|five|six|seven|eight|ten|fifteen|twenty)\s+min",
    r"\b(?:seizure|fit)\s+started\s+(?:\d+|five|six|seven|eight|ten|fifteen|twenty)\s+min\w*\s+ago\b",
    r"\b(?:seizure|fit)\b[^.?]{0,30}\b(?:hasn'?t|has\s+not|not|won'?t|isn'?t)\s+(?:come|coming)\s+(?:round|around|to)\b",
    r"\b(?:'s\s+had|has\s+had|is\s+having|'s\s+having|keeps\s+having)\s+(?:\w+\s+)?(?:seizures|fits)\s+(?:in\s+a\s+row\s+)?without\s+"
    r"(?:waking|coming\s+round|coming\s+to|regaining)",
    r"\b(?:is|'s|are|keeps)\s+(?:having\s+)?(?:one\s+(?:seizure|fit)\s+after\s+another|back\s+to\s+back\s+(?:seizures|fits))",
    r"\b(?:hasn'?t|has\s+not|not|won'?t|isn'?t)\s+(?:come|coming|came|woken|waking)\s+(?:round|around|up)\s+(?:since|after|from)\s+"
    r"(?:the|his|her|their)\s+(?:seizure|fit)",
    rf"\b(?:he|she|they|baby|{CHILD})(?:'s|\s+is|\s+are|'re|\s+has\s+gone|\s+went|\s+has\s+gone)\s+(?:\w+\s+)?unresponsive\b(?!\s+to\b)",
    # dangerous places (public suicide-prevention guidance, above): over the barrier, on the tracks, at the edge
    r"\b(?:climb\w*|gone|got|standing|sitting|stood|sat|went)\s+(?:over|on|past)\s+(?:the\s+)?(?:railings?|barriers?|parapet)\b[^.?]{0,60}"
    r"\b(?:bridge|roof|cliff|platform|car\s+park|motorway|flyover|tracks|railway|edge|drop)\b",
    r"\b(?:bridge|roof|cliff|platform|car\s+park|motorway|flyover)\b[^.?]{0,60}\b(?:wrong|other)\s+side\s+of\s+the\s+"
    r"(?:railings?|barriers?|parapet|fence)\b",
    r"\bwrong\s+side\s+of\s+the\s+(?:railings?|barriers?|parapet)\b[^.?]{0,60}\b(?:bridge|roof|cliff|platform|car\s+park|motorway|"
    r"flyover|building)\b",
    r"\b(?:standing|sitting|stood|sat|lying|lay|walking|walked|wandering|lies|sits|stands|walks)\s+(?:on|along|in\s+the\s+middle\s+of|"
    r"across)\s+the\s+(?:train\s+tracks|railway(?:\s+line|\s+tracks)?|tracks|train\s+line|motorway|dual\s+carriageway)\b",
    r"\b(?:standing|stood|sitting|sat|leaning|hanging|dangling|perched)\s+(?:right\s+)?(?:on|at|over)\s+the\s+edge\s+of\s+(?:a|the)\s+"
    r"(?:bridge|cliff|roof|platform|quarry|multi-?storey|car\s+park|building|balcony)\b",
    # round 2: diabetes emergencies in a child. A hypo that does not come up after treatment, a meter
    # reading "LO", a child drowsy, confused or not waking (severe hypo:
    # http://www.diabetes.org.uk/Information-for-parents/Hypos-and-hypers/Severe-hypos/,
    # https://www.buckshealthcare.nhs.uk/pifs/pump-therapy-general-management-of-hypoglycaemia-in-children-with-diabetes-mellitus/);
    # high ketones with vomiting or heavy breathing (DKA:
    # http://www.diabetes.org.uk/Information-for-parents/Hypos-and-hypers/Diabetic-ketoacidosis-DKA/,
    # http://www.nhstayside.scot.nhs.uk/OurServicesA-Z/DiabetesOutThereDOTTayside/PROD_278062). "if" or "when" before
    # the child's hypo is a care-plan question, not an emergency.
    r"\b(?<!\bif\s)(?<!\bwhen\s)(?:his|her|their|the|my\s+\w+'s)\s+(?:hypo|blood\s+sugars?|sugars?|glucose|bgs?|bms?)\s+(?:is\s+|are\s+|'s\s+)?"
    r"(?:still\s+)?(?:not|isn'?t|aren'?t|won'?t|hasn'?t|haven'?t|didn'?t|doesn'?t)\s+(?:\w+\s+)?(?:coming|come|came)\s+up\b"
    r"(?!\s+(?:until|till|enough|as\s+(?:fast|quickly|much)|quick(?:ly)?\s+enough|fast\s+enough|after\s+(?:lunch|meals?|eating|pe)))",
    r"\b(?:hypo|blood\s+sugars?|sugars?|glucose|bgs?|bms?|levels?)\b[^.?]{0,30}\b(?:still\s+)?(?:not|isn'?t|won'?t|hasn'?t)\s+"
    r"(?:coming|come|gone|going)\s+up\s+(?:after|even\s+after|despite|with)\b",
    r"\b(?<!if\s)(?<!if\shis\s)(?<!if\sher\s)(?<!if\sthe\s)(?:hypo|blood\s+sugars?|sugars?|glucose|bgs?|bms?)\b[^?]{0,40}\b(?:it'?s|it\s+is|it|"
    r"they'?re|they)\s+(?:still\s+)?(?:not|isn'?t|won'?t|hasn'?t|aren'?t)\s+(?:coming|come)\s+up\b(?!\s+(?:until|till|enough))",
    r"\b(?:meter|monitor|libre|dexcom|sensor|cgm|pump|blood\s+sugars?|sugars?|glucose|bgs?|bms?|it)\s+(?:just\s+|only\s+|now\s+)?"
    r"(?:says|said|reads|reading|read|showing|shows|showed|is\s+showing|is\s+reading|keeps\s+saying)\s+['\"]?lo\b(?![^.?]{0,15}\b(?:once|before|sometimes|often|when|if|last\s+(?:week|month|term|time|night)|a\s+few\s+times))",
    r"\b(?:diabet\w*|type\s+(?:1|one)|t1d?|hypo\w*|blood\s+sugars?|insulin|glucose)\b[^?]{0,80}\b(?:he|she|they|he'?s|she'?s)\s+"
    r"(?:is\s+|are\s+|'s\s+|seems\s+|has\s+gone\s+|has\s+become\s+)?(?:really\s+|very\s+|so\s+|extremely\s+)(?:drowsy|confused|floppy)\b(?!\s+(?:about|by|with|when|at|in|over|after|because))|"
    r"\b(?:diabet\w*|type\s+(?:1|one)|t1d?|hypo\w*|blood\s+sugars?|insulin|glucose)\b[^?]{0,80}\b(?:(?:is|'s|are|seems|now)\s+(?:\w+\s+)?"
    r"(?:drowsy\s+and\s+confused|confused\s+and\s+drowsy)\b(?!\s+(?:with|after|when|in))|(?:won'?t|can'?t|cannot|not)\s+(?:wake|waking)\s+(?:him|her|them|up))\b",
    r"\b(?<!if\sshe\shas\s)(?<!if\she\shas\s)(?<!if\sthey\shave\s)(?:high|raised|rising|very\s+high|really\s+high|\d+(?:\.\d)?)\s+ketones\b[^?]{0,60}\b(?:vomit\w*|being\s+sick|been\s+sick|"
    r"keeps\s+being\s+sick|throwing\s+up|breathing\s+(?:is\s+|was\s+|'s\s+)?(?:\w+\s+)?(?:heav\w*|fast|deep\w*|hard|strange\w*|funny|weird)|heavy\s+breathing|drowsy)|"
    r"\bketones\s+(?:are|is|were|of|at|reading|'re)\s+(?:high|raised|rising|very\s+high|really\s+high|\d+(?:\.\d)?)\b[^?]{0,60}\b(?:vomit\w*|"
    r"being\s+sick|been\s+sick|throwing\s+up|sick|breathing\s+(?:is\s+|was\s+|'s\s+)?(?:\w+\s+)?(?:heav\w*|fast|deep\w*|hard)|drowsy)|"
    r"\b(?<!if\she\sis\s)(?<!if\sshe\sis\s)(?<!if\she's\s)(?<!if\sshe's\s)(?:vomit\w*|being\s+sick|throwing\s+up)\b[^?]{0,60}\b(?:(?:high|raised|rising|very\s+high|really\s+high)\s+ketones\b|"
    r"ketones\s+(?:are|is|were|'re)\s+(?:high|raised|rising|very\s+high|really\s+high|\d+(?:\.\d)?)\b)",
    r"\b(?:going|is\s+going|'s\s+going|slipping)\s+into\s+dka\b|\b(?:think|worried|scared)\s+(?:he|she|they|it)(?:'s|\s+is|\s+has|'re)\s+"
    r"(?:in\s+|got\s+)?dka\b",
]

ABUSE = [
    r"\b(?:being|been|was|is|were|got|get|getting)\s+(?:sexually\s+|physically\s+|emotionally\s+)?abused\b",
    r"\babus(?:e|es|ed|ing)\s+(?:him|her|them|my|the\s+(?:child|kids|children))\b",
    r"\b(?:child|sexual|physical|emotional)\s+abuse\b",
    r"\babusive\s+(?:dad|father|stepdad|step-dad|partner|ex|husband|home|relationship|mum|mother|boyfriend|household)",
    rf"\b{ADULT}\b[^.?!]{{0,40}}?\b(?:hit|hits|hitting|beat|beats|beating|beaten|kick|kicks|kicked|kicking|punch|"
    rf"punches|punched|slap|slaps|slapped|smack|smacks|smacked|shook|shakes|shaking|strangl\w*|chok\w*|"
    rf"burn|burns|burnt|burned|hurt|hurts|hurting|harm|harms|harming|bit|bites|pinch\w*|whip\w*|belt\w*|threw|"
    rf"throws|locks|locked|lock|tied|ties|pushed|shoved|slammed|slamming|slams)\s+(?:him|her|them|{CHILD}|the\s+(?:child|kids|children)|my\s+(?:kids|children))"
    rf"\b(?!\s+(?:back|feelings|awake|gently|hand|to\s+wake))",
    rf"\b(?:hit|hits|hitting|beat|beats|beaten|kicked|punched|slapped|smacked|hurt|hurts|hurting|harmed)\s+"
    rf"(?:him|her|them)?\s*(?:by|from)\s+(?:his|her|their|a|the|my)\s+{ADULT}\b",
    rf"\b(?:said|says|told\s+(?:me|us|a\s+teacher|the\s+teacher|school)|disclosed|tells\s+me)\s+(?:that\s+)?"
    rf"(?:his|her|their|a|an|the|my)?\s*{ADULT}\s+(?:\w+\s+){{0,3}}?(?:hits|hit|hurts|hurt|touched|touches|beats|"
    rf"kicks|kicked|punched|slapped|smacked)\b",
    rf"\btouch(?:ed|es|ing)?\s+(?:him|her|them|{CHILD})\s+(?:inappropriately|in\s+a\s+way|in\s+(?:his|her|their)\s+"
    rf"private|down\s+there|where|sexually|under)",
    r"\btouch(?:ed|es|ing)?\b[^.]{0,40}\b(?:private\s+parts|privates|inappropriately|down\s+there|in\s+a\s+sexual\s+way)",
    r"\bsomeone\s+touched\s+(?:him|her|them)\b",
    rf"\b{ADULT}\s+(?:\w+\s+)?(?:touches|touched|touching)\s+(?:him|her|them|{CHILD})\b(?!\s+(?:arm|hand|shoulder|back|on\s+the)\b)",
    r"\b(?:sexually|indecently)\s+(?:abused|assaulted|touched|exploited|harassed)\b",
    r"\bsexual\s+assault",
    r"\b(?:raped|rape|molested|molesting|molest|paedophile|pedophile|indecent\s+images)\b",
    r"\bneglect(?:ed|ing)?\b(?!\s+(?:his|her|their)\s+(?:needs|education|sen|send))",
    r"\bleft\s+(?:without\s+food|alone\s+(?:all|for\s+days|overnight|at\s+night)|hungry\s+and)",
    r"\b(?:unexplained|mystery)\s+(?:bruis\w*|injur\w*|marks|burns)",
    rf"\b{INJURY}\b[^?!]{{0,100}}\b(?:don'?t|doesn'?t|can'?t|cannot|won'?t|couldn'?t)\s+(?:know|explain|say|tell\s+me)\s+how\b",
    r"\b(?:flinches|flinched)\s+when\b",
    r"\bhand\s?print\s+on\s+(?:his|her)",
    r"\b(?:says|said)\s+(?:miss|sir|the\s+teacher|his\s+teacher|her\s+teacher|the\s+ta)\s+did\s+it\b",
    r"\b(?:scared|frightened|terrified|afraid)\s+of\s+(?:his|her|their)\s+(?:grandad|grandpa|uncle|stepdad|step-dad|dad|father|"
    r"mum'?s\s+boyfriend|cousin|babysitter)\b",
    r"\bsit\s+on\s+(?:his|her)\s+lap\b",
    r"\bforce[\s-]?fe(?:e|)d\w*",
    r"\bmade\s+(?:him|her|them)\s+(?:take|took)\s+(?:his|her|their)\s+(?:clothes|pants|trousers)\s+off\b",
    r"\band\s+touches\s+(?:him|her)\b",
    r"\b(?:fgm|female\s+genital|forced\s+(?:to\s+)?marr\w*|honour\s+based)",
    r"\bsafeguarding\s+(?:concern|issue|referral|worry)\s+(?:about|for|because|that)\b",
    # round 4
    r"\b(?:from|after)\s+(?:contact|a\s+visit|staying|the\s+weekend)\s+(?:with|at)\s+(?:his|her|their)\s+(?:father|dad|mother|"
    r"mum|stepdad)[^.]{0,40}\b(?:bruis\w*|marks|injur\w*|burns?)",
    rf"\b{ADULT}\b[^.]{{0,30}}\b(?:touches|touched|touching)\s+(?:him|her|them|{CHILD})\b"
    rf"(?!\s+(?:arm|hand|shoulder|back|on\s+the)\b)",
    # acts of physical abuse by an adult, from the NSPCC's list (hitting, shaking, throwing, burning,
    # scalding, drowning, suffocating): https://learning.nspcc.org.uk/child-abuse-and-neglect/physical-abuse
    # and https://www.bhscp.org.uk/preventing-abuse-and-neglect/spotting-the-signs/signs-of-physical-abuse/
    rf"\b(?:held|holds|holding|pushed|pushes|pushing|dunked|dunks|ducked|forced|forces)\s+(?:(?:him|her|them|{CHILD})\s+|"
    rf"(?:his|her|their)\s+(?:head|face)\s+)(?:under|underwater|into)\s+(?:the\s+)?(?:water|bath|toilet|sink|pillow)\b",
    rf"\b{ADULT}\s+(?:\w+\s+)?(?:pulled|pulls|pulling|yanked|yanks|dragged|drags|dragging|grabbed|grabs)\s+(?:(?:him|her|them|{CHILD})\s+"
    rf"(?:[\w']+\s+){{0,4}}?by\s+)?(?:the|his|her|their)\s+hair\b",
    rf"\b(?:burn\w*|scald\w*)\s+(?:him|her|them|{CHILD})\s+with\s+(?:a|an|the|hot|boiling)\b",
    r"\b(?:held|holds|holding|forced|forces|pushed|pushes|pressed|presses)\s+(?:his|her|their)\s+(?:hands?|feet|foot|arms?|fingers?)\s+"
    r"(?:in|into|under|on|onto|against)\s+(?:the\s+)?(?:hot|boiling|scalding|cooker|hob|oven|iron|radiator|kettle)\b",
    rf"\b(?:locked|locks|locking|shut|shuts)\s+(?:him|her|them|{CHILD})\s+(?:in|into|out|outside)\s+"
    rf"(?:(?:in|of)\s+)?(?:a|the|his|her|their)\s+(?:shed|garden|cupboard|cellar|basement|cage|garage|dark)\b",
    rf"\b(?:tied|taped|ties|tapes)\s+(?:him|her|them|{CHILD})\s+(?:up\s+)?(?:to|into)\s+(?:a|the|his|her|their)\s+(?:chair|bed|radiator|"
    rf"table|cot)\b|\btape\s+(?:over|on|across)\s+(?:his|her|their)\s+mouth\b",
    r"\b(?:tied|taped)\s+(?:his|her|their)\s+(?:hands|wrists|arms|legs|feet|ankles)\s+(?:together|to\s+(?:a|the)|behind)\b",
    # marks in the shape of an object (NSPCC core info, via the pages above)
    r"\b(?:burns?|bruis\w*|marks?|welts?)\s+(?:in\s+the\s+)?shape(?:d)?\s+(?:like|of)\s+(?:an?\s+)?(?:iron|hand|fingers?|fingertips|"
    r"belt|buckle|cigarette|stick|handprint|teeth)\b",
    # round 2: a baby or child shaken, the NSPCC's first physical-abuse act and the cause of abusive
    # head trauma (https://www.manchestersafeguardingboards.co.uk/resource/abusive-head-trauma-advice-for-all/,
    # https://learning.nspcc.org.uk/child-abuse-and-neglect/physical-abuse)
    r"\b(?:shook|shakes|shaking|shaken|shake)\s+(?:the|my|our|his|her|their|a)\s+(?:\w+\s+)?(?:baby|newborn|infant|toddler)\b(?!'s|\s+(?:rattle|toy|bottle|"
    r"milk|formula|gently|awake|to\s+wake))",
    rf"\b(?:was|been|being|got)\s+(?:violently\s+)?shaken\s+by\s+(?:his|her|their|a|the|my|our)\s+(?:\w+\s+)?{ADULT}\b(?!'s)|"
    rf"\b(?:violently|roughly)\s+(?:shook|shakes|shaking|shaken)\s+(?:him|her|them|{CHILD})\b|\b(?:shook|shakes|shaking)\s+"
    rf"(?:him|her|them|{CHILD})\s+(?:so\s+hard|really\s+hard|hard|violently|roughly|by\s+the\s+(?:shoulders|arms|neck))\b",
    # injuries nobody can explain, or brought home from respite, a club or a carer's (NSPCC signs of
    # physical abuse, pages above: injuries without an explanation that fits)
    # Only injuries to the body count here, not the wider INJURY words ("hospital", "marks", "cuts", "in
    # pain"), and only how it happened goes unexplained: "why" and "no explanation" are everyday SEND
    # complaints about decisions.
    rf"\b{BODY_INJURY}\b[^?]{{0,80}}\b(?:nobody|no\s?one|no-one|staff|respite|the\s+(?:club|carers?|staff|respite|childminder))\s+"
    rf"(?:can'?t|cannot|couldn'?t|won'?t|wouldn'?t|will\s+not|would\s+not)\s+(?:\w+\s+)?(?:explain\s+(?:it|them|how|where)|explain$|"
    rf"explain[.,!]|say\s+(?:how|what\s+happened)|tell\s+(?:me|us)\s+(?:how|what\s+happened))|"
    rf"\b{BODY_INJURY}\b[^?.]{{0,60}}\b(?:and|but)\s+(?:(?:he|she|they)\s+)?(?:can'?t|won'?t|wouldn'?t|couldn'?t)\s+(?:explain|say|tell\s+(?:me|us))\s+"
    rf"(?:how|what\s+happened)\b|\bno\s+(?:explanation|one\s+can\s+explain)\s+(?:for|of)\s+(?:the|his|her|their|these|those)\s+{BODY_INJURY}",
    r"\b(?:from|after|back\s+from|home\s+from)\s+(?:(?:the|his|her|their|a)\s+)?(?:respite|short\s+breaks?|(?:after\s+school\s+|holiday\s+|youth\s+)?club|"
    r"carer'?s|childminder'?s|foster\s+carer'?s|residential|camp|overnight\s+stay)\b[^?.]{0,40}\b(?:with|covered\s+in|has|had|and)\s+"
    r"(?:\w+\s+){0,2}?(?:bruis\w*|a\s+black\s+eye|black\s+eyes|burns?|welts?|fingertip\s+\w+|bite\s+marks|belt\s+marks|finger\s?marks)\b"
    r"(?![^.?]{0,40}\b(?:from|after|because|when|playing|fell|falling|football|accident|rough\s+and\s+tumble|climbing|trampoline))",
    # A child forced, pressured, tricked or encouraged to take part in or watch sexual activity, or
    # shown pornography: the NSPCC's definition of sexual abuse, via Sutton's safeguarding page
    # (https://sites.google.com/sutton.gov.uk/ceawareness/worried-about-a-child/child-sexual-abuse).
    # Parents seldom say "abuse": "a lad at school has been forcing him to do sexual things".
    rf"\b(?:forc\w*|mak(?:e|es|ing)|made|pressur\w*|persuad\w*|trick\w*|encourag\w*|brib\w*|dar(?:e|es|ed|ing)|"
    rf"coerc\w*|got|gets|getting)\s+{PERSON}\s+(?:to\s+|into\s+)?(?:do|doing|take\s+part\s+in|taking\s+part\s+in|"
    rf"watch|watching|perform|performing|look\s+at|looking\s+at|touch|touching|have|having)\s+(?:\w+\s+){{0,3}}?"
    rf"(?:sexual|sex|porn\w*)\b(?!\s*(?:education|ed\b|and\s+relationships|lessons?|talk))",
    rf"\b(?:show|shows|showed|shown|showing)\s+{PERSON}\s+(?:\w+\s+){{0,2}}?(?:porn\w*|sex\s+videos?|sexual\s+(?:videos?|films?))",
    rf"\b(?:do|does|doing|did|done)\s+(?:\w+\s+)?(?:sexual|sex)\s+(?:things|stuff|acts?)\s+(?:to|with|on|in\s+front\s+of)\s+{PERSON}",
]

MISSING = [
    rf"\b(?:he|she|they|{CHILD})(?:'s|\s+is|\s+are|\s+has\s+been|\s+have\s+been|\s+went|\s+has\s+gone|\s+have\s+gone|"
    rf"\s+was|\s+got)?\s+missin[g']?\b(?=\s*(?:$|[.,!?;]|and\b|since\b|for\s+(?:\d|a|two|three|hours|days)|from\s+home|overnight|again|"
    rf"now\b|all\s+night))(?!\s+(?:lessons|school|classes|out|work|his|her|their|the|a|an|from\s+(?:the|his|"
    rf"her|school|class|lessons|education|the\s+plan)|education|so\s+much|too\s+much|days|weeks|sessions|"
    rf"therapy|appointments|breaks?|lunch|support|provision|\d+)\b)",
    rf"\b(?:he|she|they|{CHILD}|child|son|daughter|kid)\s+(?:[\w']+\s+){{0,2}}(?:gone|went|go|going|reported)\s+missing\b(?!\s+(?:from\s+(?:the\s+plan|the\s+report|section|class|the\s+classroom|lessons|"
    r"(?:his|her|the)\s+(?:class|lesson|room|file|plan))))",
    r"\b(?:hasn'?t|has\s+not|haven'?t|didn'?t|did\s+not|never|not)\s+(?:come|came|got|get|been|arrived|turned\s+up|"
    r"returned|made\s+it)\s+(?:back\s+)?(?:home|back)\b",
    r"\bnot\s+(?:come|been)\s+home\b",
    r"\bnot\s+home\s+(?:yet|since|all\s+night|last\s+night)",
    rf"\b(?:can'?t|cannot|can\s+not|couldn'?t)\s+find\s+(?:him|her|them|{CHILD})\b(?!\s+a\s+)"
    rf"(?!\s+(?:a|the|any)\s+(?:school|place|placement|tutor|provision|college|setting))",
    rf"\b(?:don'?t|doesn'?t|do\s+not|nobody|no\s+one|no-one)\s+knows?\s+where\s+(?:he|she|they|{CHILD})\s+(?:is|are|has\s+gone|went)\b",
    r"\bran\s+away\s+from\s+(?:home|the\s+house)\b",
    r"\brun\s+away\s+from\s+home\b",
    r"\b(?:wandered|run|ran|gone)\s+off\b[^.]{0,40}\b(?:can'?t|cannot|couldn'?t)\s+find\b",
    r"\b(?:never|didn'?t|did\s+not)\s+(?:arrived|arrive|made\s+it|turn\s+up|turned\s+up|got)\s+(?:at|to)\s+school\b"
    r"[^.]{0,60}\b(?:where|find|know)",
    rf"\b(?:he|she|they|{CHILD})\s+(?:has\s+|have\s+|had\s+|just\s+)?disappeared\b(?!\s+(?:from|off)\s+(?:the|his|her)\s+\w*\s*plan)",
    r"\b(?:been|is|are|was)\s+missing\s+(?:since|for|overnight|all\s+night|from\s+(?:home|his\s+residential|her\s+residential))",
    # thirteenth session: "son missing since this morning", with no "my" before the child
    rf"\b{KID}\d?\s+(?:is\s+|has\s+been\s+|been\s+|still\s+)?missing\s+(?:since\s+(?:this|last|yesterday|\d|lunch|school|breakfast|tea)|"
    rf"for\s+(?:\d+|a|an|two|three|four|five|six|several)\s+(?:hours?|days?|nights?)|overnight|all\s+night)",
    r"\b(?:out|gone)\s+all\s+night\b[^.]{0,40}\b(?:not\s+answering|no\s+idea|don'?t\s+know)",
    r"\bnot\s+answering\s+(?:his|her|their)\s+phone\b",
    r"\b(?:we'?ve|we\s+have|i'?ve|i\s+have|they'?ve|they\s+have|school\s+(?:has|have))\s+lost\s+(?:our|my|their|her|his)\s+(?:\w+\s+)?"
    r"(?:son|daughter|child|boy|girl)\b(?!\s+(?:last|in\s+\d{4}|to\s+|years|when))",
    r"\b(?:note|message|text)\s+saying\s+(?:he|she|they)(?:'s|\s+is|\s+was|'re)?\s+(?:leaving|running\s+away|not\s+coming\s+back|"
    r"going\s+away)",
    r"\b(?:been\s+)?gone\s+(?:for\s+)?(?:\w+\s+)?(?:hours|all\s+night|overnight)\b[^.]{0,40}\bnot\s+answering",
    r"\b(?:hasn'?t|has\s+not|not)\s+been\s+found\b",
    r"\babsconded\b[^.]{0,80}\b(?:can'?t|cannot|couldn'?t|nobody|no\s+one|police)\b",
    # round 4
    r"\bpolice\s+(?:are|were|have\s+been)\s+(?:out\s+)?(?:looking|searching)\s+for\s+(?:him|her|them)",
    r"\b(?:has|'s|have)\s+run\s+away\b",
    r"\b(?:hasn'?t|has\s+not|not)\s+been\s+seen\s+since\b",
    # this cycle (training-set misses): a child shown missing by the circumstances
    r"\bpolice\s+(?:are\s+|were\s+|have\s+been\s+)?(?:out\s+)?(?:searching|looking)\b",
    r"\b(?:can'?t|cannot|couldn'?t|unable\s+to)\s+(?:locate|see)\s+(?:him|her|them)\s+anywhere\b|\b(?:can'?t|cannot|couldn'?t)\s+locate\s+(?:him|her|them)\b",
    r"\b(?:no\s?one|nobody|no-one)\s+(?:has|'s)\s+seen\s+(?:him|her|them)\b",
    r"\blost\s+(?:my|our)\s+(?:\d+\s?(?:yo|year\s+old)|son|daughter|child|boy|girl)\s+(?:at|in|on)\s+the\b",
    r"\b(?:didn'?t|did\s+not|never)\s+(?:get|got)\s+(?:off|on)\s+the\s+(?:school\s+)?(?:bus|taxi|coach|train|minibus)\b",
    r"\b(?:he|she|they)(?:'s|\s+is|\s+isn'?t|\s+hasn'?t)?\s+(?:still\s+)?(?:not\s+)?(?:back|home|come\s+(?:back|home))\b[^.?]{0,60}"
    r"\b(?:\d{1,2}\s?pm|\d{1,2}\s?am|midnight|at\s+night|dark)\b",
    r"\b(?:\d{1,2}\s?pm|midnight|at\s+night)\b[^.?]{0,60}\b(?:he|she|they)(?:'s|\s+is)\s+(?:still\s+)?not\s+(?:back|home)\b|"
    r"\b(?:\d{1,2}\s?pm|midnight|at\s+night)\b[^.?]{0,60}\b(?:he|she|they)\s+(?:isn'?t|hasn'?t\s+come)\s+(?:back|home)\b",
    r"\b(?:wandered|ran|run|slipped|got)\s+(?:off|away|out)\b[^.]{0,60}\b(?:haven'?t|hasn'?t|not|still)\s+(?:been\s+)?found\b",
]

RESTRAINT_INJURY = [
    r"\bforcibly\s+restrain\w*|\bslamm\w*\s+(?:him|her|them)\s+(?:against|into|onto|on)\b",
    rf"\b{RESTRAINT}\b[^?!]{{0,120}}?\b{INJURY}",
    rf"\b{INJURY}\b[^?!]{{0,80}}?\b{RESTRAINT}\b",
    r"\b(?:locked|shut)\s+(?:him|her|them)\s+in\s+(?:a|the)\s+(?:room|cupboard|office|toilet)\b",
    r"\b(?:sat|knelt|kneeling|lay|lying)\s+on\s+(?:him|her|them|his\s+back|her\s+back|his\s+chest|her\s+chest)\b",
    # round 4
    rf"\b{RESTRAINT}\b[^?!]{{0,120}}?\b(?:sling|cast|plaster|stitches|x-?ray|crutches)\b",
    # round 2: restraint injuries named by effect, and holds that stop breathing. Positional asphyxia:
    # difficulty breathing, swelling of face and neck (https://docslib.org/doc/1541589/advice-on-positional-asphyxia);
    # holds with a child bent over, face down or sat on (https://www.teachwire.net/news/student-behaviour-and-restraint-no-teacher-puts-their-hands-on-a-child-because-they-want-to)
    rf"\b(?:they|staff|{ADULT}s?)\s+(?:\w+\s+){{0,2}}?(?:sat|sitting|sit|sits|knelt|kneeled|kneel|kneels|kneeling|lay|lying|leant|leaned|leaning|lent|"
    rf"pressed|pressing|put\s+(?:their|his|her)\s+(?:weight|knees?))\s+(?:\w+\s+)?on\s+(?:top\s+of\s+)?(?:(?:his|her|their)\s+(?:back|chest|legs?|neck|"
    rf"stomach|tummy|arms?|head|shoulders?)\b|(?:him|her|them)\b(?!\s+(?:about|for)\b))",
    r"\bcarpet\s+burns?\s+(?:on|to|across|all\s+over)\s+(?:his|her|their)\s+(?:face|cheeks?|nose|forehead|chin)\b",
    rf"\b(?:couldn'?t|could\s+not|can'?t|struggl\w+\s+to|unable\s+to)\s+breathe\b[^?]{{0,60}}\b(?:restrain\w*|(?:held|holding|hold|pinned|pinning)\s+"
    rf"(?:him|her|them)\s+(?:down|on\s+the\s+floor|face\s+down|on\s+(?:his|her|their)\s+(?:front|stomach|tummy)|against)|face\s+down|{RESTRAINT})|"
    rf"\b(?:restrain\w*|(?:held|holding|pinned|pinning)\s+(?:him|her|them)\s+(?:down|on\s+the\s+floor|face\s+down|on\s+(?:his|her|their)\s+"
    rf"(?:front|stomach|tummy)|against)|face\s+down)\b[^?]{{0,80}}\b(?:couldn'?t|could\s+not|can'?t|struggl\w+\s+to|unable\s+to)\s+breathe\b",
    rf"\b{RESTRAINT}\b[^?!]{{0,120}}?\b(?:swelling|swelled|swells|puffy|(?<!went\s)(?<!goes\s)(?<!go\s)(?<!gone\s)limp|lump|bump\s+on|can'?t\s+(?:bend|straighten|put\s+weight|walk|lift|move))\b|"
    rf"\b(?:swelling|swelled|puffy|(?<!went\s)(?<!goes\s)(?<!go\s)(?<!gone\s)limp|lump)\b[^?!]{{0,80}}?\b{RESTRAINT}\b",
]

EXPLOITATION = [
    r"\bcounty\s+lines\b",
    r"\b(?:criminal|sexual|sexually|child)\s+exploit\w*",
    r"\bexploit(?:ed|ing)\s+(?:him|her|them)\b",
    r"\b(?:cse|cce)\b",
    r"\bsextortion\b",
    r"\btraffick\w*",
    r"\b(?:carry|carrying|selling|sell|deliver|delivering|hold|holding|dealing)\s+drugs\s+for\b",
    r"\b(?:used|made|forced|asked|paid)\s+to\s+(?:sell|carry|deliver|hold|move)\s+(?:drugs|weed|packages)\b",
    r"\bolder\s+(?:men|man|boys|lads|guys|people|gang\s+members?)\b[^.]{0,80}\b(?:giving|gave|buying|bought|give|messag\w*|"
    r"picking|picked|pick|texting|meet|meeting|money|gifts|drugs|alcohol|cars?|lifts?|cash|trainers|clothes|phones?)",
    r"\bpolice\s+(?:found|brought|picked\s+up)\s+(?:him|her|them)\s+(?:home\s+)?(?:in|from|up\s+in)\s+(?:another|a\s+different)\s+(?:town|city|area)",
    r"\b(?:an\s+)?(?:older|adult)\s+(?:man|woman)\s+(?:has\s+been\s+|is\s+|keeps\s+)?(?:messag\w*|texting|talking\s+to|contacting)",
    r"\bgroom(?:ed|ing|s)?\b(?!\s+(?:and|or|,)\s+(?:dressing|washing))",
    r"\b(?:nude|naked|explicit|sexual|indecent|rude)\s+(?:pictures?|photos?|pics|images?|videos?|selfies?)\b",
    r"\b(?:send|sent|sending|asked\s+(?:him|her)\s+for)\s+(?:nudes|pics\s+of\s+(?:him|her)self)\b",
    r"\bblackmail\w*\b",
    r"\bpressur\w*\s+(?:him|her|them|my\s+\w+)\b[^.]{0,60}\binto\s+(?:sex|sending|meeting|sleeping)",
    r"\bpassed\s+around\b",
    r"\bgrown\s+(?:man|men|woman|adult)\s+(?:\w+\s+)?(?:messag\w*|texting|talking\s+to|contacting)",
    r"\b(?:found|picked\s+up)\s+in\s+(?:another|a\s+different)\s+(?:town|city)\b",
    r"\bwon'?t\s+(?:say|tell\s+(?:me|us))\s+who\s+(?:bought|gave|paid)",
    r"\b(?:new\s+)?(?:friend|boyfriend|girlfriend)\s+(?:is|who's|who\s+is)\s+(?:1[89]|[2-6]\d)\b",
    r"\b(?:keep|kept|keeping)\s+(?:it|this|their|our|the)\s+(?:\w+\s+)?(?:a\s+)?secret\b",
    r"\b(?:much\s+)?older\s+(?:boyfriend|girlfriend)\b",
    r"\b(?:teacher|ta|teaching\s+assistant|coach|tutor|staff|member\s+of\s+staff|youth\s+worker|escort|driver)\b[^.]{0,50}\b"
    r"(?:messag\w*|texting|dm'?ing)\b[^.]{0,40}\b(?:snapchat|instagram|tiktok|whatsapp|privately|in\s+secret|late\s+at\s+night)",
    rf"\b(?:teacher|ta|teaching\s+assistant|coach|tutor|staff|member\s+of\s+staff|youth\s+worker|escort|driver|stranger|older\s+man|"
    rf"man|neighbour)\b[^.]{{0,60}}\b(?:bought|buys|buying|gave|gives|giving)\s+(?:him|her|{CHILD})\s+(?:a\s+|an\s+)?(?:new\s+)?"
    rf"(?:phone|gifts?|presents?|money|cash|sim|alcohol|vodka|cigarettes|vapes?|sweets|drugs|weed|lifts?)",
    r"\b(?:parties|party|hanging\s+out|staying\s+over|staying\s+out)\s+with\s+(?:adults|older\s+(?:men|boys|lads|people))",
    r"\bcom(?:es|ing)\s+home\s+(?:drunk|high|stoned)\b",
    r"\bwon'?t\s+(?:say|tell\s+(?:me|us))\s+where\s+(?:it'?s|it\s+is|it\s+came|the\s+money|they'?re|he\s+got|she\s+got)",
    r"\b(?:making|made|make|forcing|forced|getting|got)\s+(?:him|her|them|my\s+\w+)\s+(?:to\s+)?(?:hide|sell|carry|deliver|hold|move|"
    r"stash)\s+(?:drugs|weed|packages|knives|a\s+knife)",
    r"\b(?:man|men|adult|stranger|someone)\s+(?:he|she|they)\s+met\s+(?:on|online|through)\b[^.]{0,40}\b(?:meet|pictures|photos|"
    r"address|secret|send)",
    r"\b(?:meeting|meets|met\s+up\s+with)\s+(?:men|a\s+man|an\s+older|adults|strangers?)\s+(?:he|she)\s+(?:met|found)\s+online\b",
    r"\b(?:new|older)\s+(?:boyfriend|friends?)\b[^.]{0,60}\b(?:drugs|money|gifts|phone|cash|staying\s+out|alcohol)\b",
    r"\b(?:gang|gangs)\b[^.]{0,40}\b(?:drugs|money|knife|threat\w*|debt|owe|owes)\b",
    # round 4
    r"\b(?:paid|made|asked|forced|used)\s+to\s+(?:deliver|carry|drop\s+off|hold|move)\s+(?:parcels|packages|bags|stuff)\b",
]

NOT_EATING = [
    rf"\b(?:hasn'?t|has\s+not|haven'?t|not|isn'?t|won'?t|wont|refus\w*\s+to|stopped|refuses|refused|doesn'?t|didn'?t|hardly|barely)"
    rf"\s+(?:eaten|eating|eat|drunk|drinking|drink|had\s+(?:anything|a\s+drink|any\s+food|food|water))\b"
    rf"(?:\s+(?:or|and|nor)\s+(?:eaten|eating|eat|drunk|drinking|drink))?\s*(?:anything\s+|properly\s+|at\s+all\s+|"
    rf"a\s+thing\s+|any\s+food\s+|any\s+water\s+|food\s+or\s+water\s+|or\s+drunk\s+anything\s+)?{TIME}",
    r"\bstopped\s+(?:eating|drinking)\b(?!\s+(?:(?:his|her|their)\s+(?:school\s+)?(?:lunch|dinner|breakfast|packed)|lunch|dinner|breakfast|school|at\s+school|in\s+(?:school|the\s+canteen)|"
    r"the\s+school|his\s+lunch|her\s+lunch|packed|sweets|meat|dairy|gluten|sugar))",
    r"\b(?:refus\w*|won'?t|wont|not)\s+(?:to\s+)?(?:all\s+|any\s+)?(?:food\s+and\s+drink|food\s+or\s+drink|eat\s+or\s+drink|eat\s+and\s+drink|eating\s+or\s+drinking|eating\s+and\s+"
    r"drinking|any\s+food\s+or\s+drink|food\s+and\s+(?:drink|water)|food\s+or\s+(?:drink|water))\b(?!\s+(?:at|in)\s+school)",
    r"\b(?:eating|drinking)\s+nothing\b",
    r"\bnot\s+(?:eaten|drunk)\s+(?:anything|a\s+thing)\b",
    r"\b(?:hasn'?t|has\s+not|not)\s+had\s+anything\s+to\s+(?:eat|drink)\b",
    r"\b(?:losing|lost|loses)\s+(?:so\s+much|a\s+lot\s+of|loads\s+of|lots\s+of|a\s+scary\s+amount\s+of|\d+\s?(?:kg|kilos?|"
    r"pounds|lbs|stone))\s+(?:of\s+)?weight\b",
    r"\b(?:severely|very|badly)\s+dehydrat\w*",
    r"\bwasting\s+away\b",
    r"\bstarving\s+(?:him|her)self\b",
    r"\bnot\s+(?:eating|drinking)\s+(?:at\s+all|anything)\b",
    r"\b(?:refus\w*\s+to\s+eat|not\s+eating|won'?t\s+eat|stopped\s+eating|hardly\s+eat\w*|barely\s+eat\w*)\b[^.]{0,50}\b(?:faint\w*|"
    r"collaps\w*|dizzy|passing\s+out|passed\s+out|hospital)",
    # round 4
    r"\b(?:refus\w*|won'?t\s+take|not\s+taking)\s+(?:all\s+|any\s+)?(?:fluids|drinks|liquids)\b",
    # this cycle (training-set misses): the body showing it
    r"\blips\s+(?:are\s+)?(?:so\s+|really\s+|very\s+)?(?:dry\s+and\s+cracked|cracked|parched)\b|\b(?:wee|urine)\s+is\s+(?:very\s+)?dark\b|"
    r"\b(?:nappy|nappies)\s+(?:is\s+|are\s+|has\s+been\s+|have\s+been\s+)?(?:bone\s+)?dry\b|\bhasn'?t\s+(?:wee'?d|weed|had\s+a\s+wee)\b",
    r"\b(?:only|just)\s+(?:had\s+)?(?:a\s+few\s+|a\s+couple\s+of\s+)?(?:sips|mouthfuls)\b[^.]{0,40}\b(?:since|days|all\s+day|in\s+\d)|"
    r"\bdown\s+to\s+(?:a\s+few\s+)?sips\b",
    r"\b(?:had\s+)?nothing\s+but\s+[^.]{0,30}\bin\s+(?:\d+|two|three|four|five)\s+days\b",
    r"\b(?:skipping|refus\w*|missed)\s+(?:every|all\s+(?:her|his|their)?)\s*meals?\b",
    # a child who has stopped drinking: no wee or wet nappy for hours (NHS safety-netting, seizure page above)
    r"\b(?:no|not\s+had\s+a|hasn'?t\s+had\s+a)\s+(?:wee|wet\s+nappy)\s+(?:in|for|since)\s+(?:over\s+)?(?:\d+|twelve|twenty|a\s+day|"
    r"hours|yesterday|the\s+last)\b",
    # round 2: an eating disorder with fainting or collapse, or days without food and dizzy (red flags in
    # Medical Emergencies in Eating Disorders, https://dontforgetthebubbles.com/medical-emergencies-in-eating-disorders/,
    # https://ep.bmj.com/content/108/5/330)
    r"\b(?:anorexi\w*|eating\s+disorder|bulimi\w*|arfid|hasn'?t\s+eaten|has\s+not\s+eaten|not\s+eaten|stopped\s+eating|starving\s+(?:him|her)self)\b"
    r"[^?]{0,80}\b(?:faint(?:ed|ing|s)|collaps\w*|passed\s+out|passing\s+out|blacked\s+out|blacking\s+out|chest\s+pains?)\b",
    r"\b(?:hasn'?t|has\s+not|not|haven'?t|barely|hardly)\s+(?:eaten|eat|had\s+(?:any\s+)?food)\b[^?]{0,40}\b(?:days|a\s+week|since)\b[^?]{0,40}"
    r"\b(?:dizzy|dizziness|light-?headed|can'?t\s+stand|keeps\s+falling)\b",
]

CATEGORIES = {
    "self_harm_suicide": SELF_HARM_SUICIDE,
    "danger": DANGER,
    "abuse": ABUSE,
    "missing": MISSING,
    "restraint_injury": RESTRAINT_INJURY,
    "exploitation": EXPLOITATION,
    "not_eating": NOT_EATING,
}
COMPILED = {name: [re.compile(p) for p in patterns] for name, patterns in CATEGORIES.items()}
# One alternation per category screens a message in one pass (about twice as fast as every pattern
# in turn); the patterns themselves run only for a category that may match.
SCREENS = {
    name: re.compile("|".join(f"(?:{p})" for p in patterns))
    for name, patterns in CATEGORIES.items()
}
STAFF_RE = re.compile(STAFF)
FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|i've|i'd|me|myself|my\s+life|without\s+me|i\s+was|i\s+wasn'?t)\b"
)
