"""Every fixed sentence and label the assistant shows, in one place.

Replies built from the knowledge base (contacts, sources, topics, ladders) are composed in
replies/render.py from these pieces; the deadline calculator's wording is replies/deadlines.py.
No phone number, address or deadline belongs here: those come from the knowledge base.
"""

NOT_LEGAL_ADVICE = "This is information, not legal advice."
IASS_ANY_STAGE = (
    "IASS can help at any stage, for free, and you can ask the council for an EHC needs "
    "assessment at any time: you do not have to finish one step first."
)
FIND_IASS = "find it through your council's Local Offer"

# -- councils ---------------------------------------------------------------------------------
ASK_COUNCIL = (
    "Which council area do you live in? Choose one below, or type the name of your council "
    "(for example Leeds or Kent)."
)
OFFER_LOCAL_CONTACTS = "Tell me your council and I'll add its local contacts."
COUNCIL_NOT_FOUND = (
    "I couldn't find that council. Please type your council's name, for example "
    "Hampshire or Leeds, or choose one below."
)
OUTSIDE_ENGLAND = "I live outside England"
COUNCIL_SPELT_LIKE = "I couldn't find that council. Did you mean one of these?"
NO_GUIDANCE_YET = "Sorry, I don't have guidance on that yet."
YES = "Yes"
NO_SOMEWHERE_ELSE = "No, somewhere else"

# -- clarifying and handing over -----------------------------------------------------------------
DID_YOU_MEAN = (
    "I'm not sure I understood. Did you mean one of these? If not, try saying it another way."
)
# A long message usually raises several things: say so, rather than that it was not understood.
DID_YOU_MEAN_LONG = (
    "Thank you for explaining. You have raised a few things. Which of these is closest to "
    "what you want to ask first? If none fits, try asking one question at a time."
)
LONG_MESSAGE_WORDS = 40
# More words after a clarifying question, read with the message before: asked once, then people.
DID_YOU_MEAN_WITH_EARLIER = (
    "Thank you. Reading this with your last message, is it one of these? "
    "If none fits, talk to IASS or choose Something else."
)
SOMETHING_ELSE = "Something else"
TALK_TO_IASS = "Talk to IASS"
NOT_SURE = "I'm sorry, I'm not sure I understand."
STILL_NOT_SURE = "I'm sorry, I'm still not sure I understand."
# "What next?" with nothing under way: the person who can talk it through.
NEXT_STEP_DEPENDS = (
    "The next step depends on what is happening. Tell me in a sentence or two, "
    "or talk it through with your IASS."
)

# -- the gentle safety check (actions/safety_check.py) ------------------------------------------
# Asked first when the risk detector is unsure: no phone numbers, one button to the contacts.
SAFETY_CHECK = (
    "Before I answer, I want to check that you and your child are safe. If anyone is in danger "
    "or at risk of harm right now, tap the button below and I'll give you the urgent contacts "
    "first."
)
SAFETY_CHECK_BUTTON = "Someone is at risk now"

# -- escalation ---------------------------------------------------------------------------------
ASK_WHAT_TRIED = (
    "I'm sorry you're dealing with this. So I can suggest the right next step: what have you "
    "tried so far? Choose the furthest step you've reached, or tell me in your own words."
)
WHICH_STEP_AGAIN = (
    "I didn't catch how far you've got. Choose the furthest step you've reached, tap "
    '"Nothing yet", or ask your question in a few words.'
)
NOTHING_YET = "Nothing yet"
STEP_DONE = "I've done this step"
WHOLE_PATH = "Show the whole path"
# Buttons under a topic's answer that lead into its escalation ladder, letter and deadline.
TOPIC_LADDER_BUTTON = "What can I do next?"
TOPIC_LETTER_BUTTON = "Draft a letter"
TOPIC_DEADLINE_BUTTON = "Work out my dates"

# -- letters ------------------------------------------------------------------------------------
WHICH_LETTER = "I can draft one of these letters for you. Which would help?"
CANNOT_WRITE_LETTER = (
    "Sorry, I can't write that letter just now. Your local IASS can help you with it."
)
FILL_IN_LETTER = "Fill in the parts in [square brackets] before you send it, and keep a copy."
ADD_SEN_TEAM = (
    "Add your council's SEN team details at the top: your council's Local Offer website "
    "lists them, and your local IASS can help."
)

# -- when something fails -----------------------------------------------------------------------
KNOWLEDGE_UNAVAILABLE = (
    "Sorry, I can't look up SEND guidance and contacts just now because of a problem on our "
    "side. Please try again later. In the meantime your council's Information, Advice and "
    f"Support Service (IASS) can help: {FIND_IASS}."
)
# 999 is fixed by law, not a contact read from the knowledge base, so it is safe to state.
SAFETY_KNOWLEDGE_UNAVAILABLE = (
    "If you or your child are in immediate danger, call 999 now. I can't look up other support "
    "contacts just now because of a problem on our side: please try again in a few minutes."
)
APOLOGY = "Sorry, something went wrong on our side and I can't answer that just now."
APOLOGY_WITHOUT_KNOWLEDGE = (
    f"{APOLOGY} Please try again later. In the meantime your council's Information, "
    f"Advice and Support Service (IASS) can help: {FIND_IASS}."
)
ASSISTANT_UNAVAILABLE = (
    "Sorry, the assistant is not available just now. Please try again in a few minutes."
)

# -- the web chat and staff page ----------------------------------------------------------------
EMPTY_MESSAGE = "Please type a message first."
RATE_LIMITED = "You are sending messages very quickly. Please wait a moment and try again."
ORIGIN_NOT_ALLOWED = "This site may not use the chat."
CONVERSATION_TOO_LONG = (
    "This conversation has reached its length limit. Please restart the chat to "
    "carry on; your council's IASS can also help."
)
CONVERSATION_DELETED = (
    "Your conversation has been deleted: nothing you typed here is kept. You can start "
    "again at any time."
)
STAFF_CONTACTS_UNAVAILABLE = "The contact details are not available just now."
STAFF_NO_SUCH_COUNCIL = "No council with that name is covered."


def too_long(limit: int) -> str:
    return (
        f"Your message is too long. Please keep it to {limit:,} characters or "
        "fewer: you can send it in shorter parts."
    )


def confirm_town(town: str, council: str) -> str:
    """A town that is also a place in other councils is confirmed before local contacts."""
    return f"Is that {town} in {council}?"


def in_sentence(title: str) -> str:
    """A title as it reads inside a sentence: "The SENCO" -> "the SENCO", "A child" -> "a
    child"; an acronym such as "IASS" or "SEN" stays."""
    first = next(iter(title.split()), "")
    if first == "I" or (len(first) > 1 and first.isupper()):
        return title
    return title[:1].lower() + title[1:]


def listed(items) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def did_you_mean(message: str) -> str:
    """The clarifying question's words: a long message is thanked, not "not understood"."""
    return DID_YOU_MEAN_LONG if len(message.split()) >= LONG_MESSAGE_WORDS else DID_YOU_MEAN


def topic_next_step_again(title: str, next_step: str) -> str:
    """ "What can I do?" just after a topic with no escalation ladder: its next step again."""
    return (
        f"On {in_sentence(title)}, the next step is: {next_step}\n\n"
        "If that does not settle it, talk it through with your IASS."
    )


def same_answer_again(title: str) -> str:
    """Instead of the answer just given, word for word: where to go for more."""
    return (
        f"My answer above is all I have on {in_sentence(title)}. "
        "For your own situation, talk it through with your IASS."
    )


def also_mentioned(titles) -> str:
    """Names the other issues found in a long message; each is offered as a button."""
    named = listed(in_sentence(t) for t in titles)
    return f"You also mentioned {named}. Choose one and I'll go through it next."
