"""Turning knowledge into the assistant's plain-English replies (fixed sentences are in phrases.py).

Parent mode keeps replies short: the answer, local contacts, a next step and a brief
source. Staff mode (the helpline page) adds the detail and full citations.
"""

import calendar
from collections.abc import Iterable

from advice.ladders import step_contact
from knowledge import (
    CitationView,
    LadderView,
    Place,
    ServiceView,
    SourceView,
    StepView,
    TimescaleView,
    TopicView,
)
from knowledge import citations as citations_module

from .deadlines import period_words
from .phrases import (
    ADD_SEN_TEAM,
    APOLOGY,
    ASK_WHAT_TRIED,
    FILL_IN_LETTER,
    FIND_IASS,
    IASS_ANY_STAGE,
    NOT_LEGAL_ADVICE,
    in_sentence,
    listed,
)


def contact_lines(service: ServiceView, with_offer: bool = False) -> str:
    parts = []
    if service.phones:
        parts.append(
            "phone "
            + " or ".join(service.phones)
            + (f" ({service.hours})" if service.hours else "")
        )
    elif service.hours:
        parts.append(service.hours)
    if service.text_phone:
        parts.append(f"text phone {service.text_phone}")
    if service.email:
        parts.append(f"email {service.email}")
    if service.website:
        parts.append(f"web {service.website}")
    if service.address:
        parts.append(service.address)
    line = f"• {service.name}" + (": " + ", ".join(parts) if parts else "")
    if service.offers and (with_offer or not parts):
        line += f". {service.offers}"
    return line


def fitting_citations(citations: Iterable[CitationView], place: Place | None) -> list[CitationView]:
    """The citations a parent may see: the law and national guidance, and council leaflets only
    for their own council. A reply never cites another council's leaflet (a Leeds parent must
    not see "Northumberland IASS leaflet")."""
    own = place.source.id if place and place.covered and place.source else None
    return [c for c in citations if c.source.kind != "leaflet" or c.source.id == own]


def service_citation(service: ServiceView) -> CitationView | None:
    """A national service cites its own website: its source, unless that is a council's leaflet
    (which only repeats the service's details), in which case the website it names."""
    if service.source is not None and service.source.kind != "leaflet":
        return CitationView(service.source)
    if not service.website:
        return None
    name = service.name.split(" (")[0]
    return CitationView(
        SourceView(
            id=f"{service.id or name}_website",
            title=f"{name} website",
            short=f"{name} website ({service.website})",
            kind="national_advice",
            url=service.website if "://" in service.website else f"https://{service.website}",
        )
    )


def services_citations(services: Iterable[ServiceView]) -> list[CitationView]:
    return [c for c in map(service_citation, services) if c is not None]


def sources_line(
    citations: Iterable[CitationView], staff: bool = False, place: Place | None = None
) -> str:
    """One line naming each source that fits the parent's council (fitting_citations), linked to
    the exact section or regulation (knowledge.citations): in words for parents, in legal
    shorthand for staff."""
    return citations_module.sources_line(fitting_citations(citations, place), staff)


def national_services_block(services: Iterable[ServiceView]) -> str:
    return "\n".join(contact_lines(s) for s in services)


def local_block(topic: TopicView, place: Place, staff: bool) -> str:
    lines = []
    for kind in topic.show:
        if kind == "funding":
            for route in place.funding_routes:
                lines.append(f"• In {place.name}: {route.name}. {route.summary}")
                if staff and route.school_must_provide:
                    lines.append(
                        "  The school's application needs: "
                        + "; ".join(route.school_must_provide)
                        + "."
                    )
            continue
        service = place.service(kind)
        if service:
            lines.append(contact_lines(service, with_offer=staff))
    return "\n".join(lines)


def topic_reply(topic: TopicView, place: Place | None, staff: bool = False) -> str:
    parts = [topic.answer]
    if staff and topic.detail:
        parts.append(topic.detail)
    if topic.national:
        parts.append(national_services_block(topic.national))
    citations = list(topic.citations)
    if place and place.covered and topic.show:
        block = local_block(topic, place, staff)
        if block:
            parts.append(f"For {place.name}:\n{block}")
            citations.append(CitationView(place.source))
    elif place and not place.covered and topic.local != "none":
        parts.append(uncovered_note(place))
    parts.append(f"Next step: {topic.next_step}")
    citations += services_citations(topic.national)
    line = sources_line(citations, staff, place)
    if line:
        parts.append(line)
    return "\n\n".join(parts)


def uncovered_note(place: Place) -> str:
    return (
        f"I don't have local contact details for {place.name} yet. Every council has an "
        f"Information, Advice and Support Service (IASS): search for {place.name}'s Local Offer "
        "to find it."
    )


def other_council_note(home: Place, asked: Place) -> str:
    """Said first when a parent asks about a council that is not theirs (a Southampton parent
    asking for Hampshire's SENDIASS): whose services these are, and where their own IASS is."""
    own = home.service("iass") if home.covered else None
    where = (
        f"Your own IASS is {home.name}'s:\n{contact_lines(own)}"
        if own
        else f"To find your own IASS, search for {home.name}'s Local Offer."
    )
    return (
        f"Please note: {home.name} is a separate council from {asked.name}, with its own "
        f"information, advice and support service (IASS). {asked.name}'s services are for "
        f"families living in {asked.name}. {where}"
    )


def council_contacts_reply(place: Place, national: list[ServiceView], staff: bool = False) -> str:
    if not place.covered:
        return unknown_council_reply(place, national)
    lines = [contact_lines(s, with_offer=True) for s in place.services]
    for route in place.funding_routes:
        lines.append(f"• {route.name} (top-up funding): {route.summary}")
    text = f"Contacts for {place.name}:\n" + "\n".join(lines)
    if staff:
        text += f"\n\nNational services:\n{national_services_block(national)}"
    text += "\n\nNext step: if you are not sure who to contact, start with IASS."
    reviewed = f" (checked {place.reviewed})" if staff and place.reviewed else ""
    return text + f"\n\nSource: {place.source.short}{reviewed}"


def unknown_council_reply(place: Place, national: list[ServiceView]) -> str:
    return (
        f"{uncovered_note(place)} I won't guess another council's details.\n\n"
        "These national services can help anywhere in England:\n"
        f"{national_services_block(national)}\n\n"
        "Next step: look up your council's Local Offer for its IASS, or contact one of the "
        "services above. You can still ask me general questions.\n\n"
        + sources_line(services_citations(national), place=place)
    )


def step_reply(
    ladder: LadderView,
    step: StepView,
    place: Place | None,
    tried: Iterable[str],
    national: list[ServiceView],
    staff: bool = False,
    asked: bool = False,
) -> str:
    """The step to take next, or (asked) the step the parent asked about or has coming up."""
    done = [s.who for s in ladder.steps if s.key in set(tried) and s is not step]
    intro = f"You've already tried: {listed(in_sentence(w) for w in done)}. " if done else ""
    number = ladder.steps.index(step) + 1
    heading = "Step" if asked else "Next step"
    parts = [
        f"{intro}{heading} ({number} of {len(ladder.steps)}): {step.who}.",
        f"How: {step.how}\nWhat to ask for: {step.ask_for}",
        contact_for_step(step, place, national),
        IASS_ANY_STAGE,
        sources_line(list(step.citations) + _local_source(place), staff, place),
    ]
    return "\n\n".join(p for p in parts if p)


def _local_source(place: Place | None) -> list[CitationView]:
    return [CitationView(place.source)] if place and place.covered else []


def contact_for_step(step: StepView, place: Place | None, national: list[ServiceView]) -> str:
    if place and place.covered:
        service = step_contact(step, place)
        helper = place.service("iass")
        lines = [contact_lines(service)]
        if helper and helper is not service:
            lines.append(contact_lines(helper))
        return f"Who can help in {place.name}:\n" + "\n".join(lines)
    if place:
        return uncovered_note(place)
    nationally = national_services_block(national)
    return f"Tell me your council and I'll add its IASS contact. Nationally:\n{nationally}"


def ladder_reply(ladder: LadderView, place: Place | None, staff: bool = True) -> str:
    lines = [f"Escalation path: {ladder.title}" + (f" ({place.name})" if place else "")]
    for i, step in enumerate(ladder.steps, 1):
        contact = ""
        if place and place.covered:
            contact = f"\n   Contact: {contact_lines(step_contact(step, place))[2:]}"
        cites = "; ".join(c.text for c in fitting_citations(step.citations, place))
        lines.append(
            f"{i}. {step.who}: {step.how}\n   Ask for: {step.ask_for}{contact}"
            + (f"\n   ({cites})" if cites else "")
        )
    if place and not place.covered:
        lines.append(uncovered_note(place))
    lines.append(IASS_ANY_STAGE)
    if place and place.covered:
        lines.append(f"Source: {place.source.short}")
    return "\n\n".join(lines)


def ladder_finished_reply(
    ladder: LadderView, place: Place | None, national: list[ServiceView]
) -> str:
    contact = contact_for_step(ladder.steps[-1], place, national)
    return (
        f'You\'ve reached the last step I know for "{ladder.title}". '
        "Please talk to IASS or a national service about your options."
        f"\n\n{contact}\n\n{NOT_LEGAL_ADVICE}"
    )


def timescales_reply(timescales: Iterable[TimescaleView]) -> str:
    lines = [
        f"• {t.label}: {period_text(t)} from {t.starts} ({t.citation.text})"
        if t.period
        else f"• {t.label}: by {t.starts} ({t.citation.text})"
        for t in timescales
    ]
    return "Statutory timescales:\n" + "\n".join(lines)


def period_text(t: TimescaleView) -> str:
    """'6 weeks', '1 month' (never '1 months'): the chat and the staff page both use this."""
    return period_words(t.period)


def time_limit_text(t: TimescaleView) -> str:
    """The staff page's "Time limit" column: '1 month', or 'By 15 February' for a fixed date."""
    if t.period:
        return period_text(t)
    return f"By {t.fixed_date['day']} {calendar.month_name[t.fixed_date['month']]}"


SAFETY_LEAD = "Your safety and your child's safety come first. Please use these contacts now:"


def safety_reply(
    contacts: Iterable[ServiceView], lead: str = SAFETY_LEAD, question_follows: bool = False
) -> str:
    lines = "\n".join(contact_lines(c, with_offer=True) for c in contacts)
    after = (
        "Below is the answer to your school question too."
        if question_follows
        else "When you are ready, I can help with school and SEND questions too."
    )
    return f"{lead}\n\n{lines}\n\nYou are not alone. {after}"


def council_set_reply(place: Place) -> str:
    """Confirming a covered council, with its IASS."""
    iass = contact_lines(place.service("iass"))
    return (
        f"Thanks, I'll use {place.name} for local contacts.\n\n"
        f"Your local information, advice and support service:\n{iass}\n\n"
        f'Next step: ask me your question, for example "what is SEN support?"\n\n'
        f"Source: {place.source.short}"
    )


def handoff_reply(place: Place | None, national: list[ServiceView], intro: str = "") -> str:
    """People who can help: the council's IASS (if we have it) and the free national services.

    The one handoff: the "talk to a person" action and the apology when a turn fails both use it.
    """
    iass = place.service("iass") if place and place.covered else None
    lead = f"{intro} " if intro else ""
    if iass:
        contact = contact_lines(iass, with_offer=not iass.reachable)
        return (
            f"{lead}You can talk to a person at {place.name}'s information, advice and support "
            f"service. It is free, impartial and confidential:\n{contact}"
            f"\n\nThese free national services can also help:\n{national_services_block(national)}"
            "\n\nNext step: contact them and say what you have tried so far."
            f"\n\nSource: {place.source.short}"
        )
    where = f"I don't have local contacts for {place.name} yet. " if place else ""
    return (
        f"{lead}{where}You can talk to a person at these free national services:\n"
        f"{national_services_block(national)}\n\nYour council's IASS can also help: {FIND_IASS}."
    )


def fallback_reply(place: Place | None, national: list[ServiceView]) -> str:
    """The apology when a turn failed, with people to talk to."""
    return handoff_reply(place, national, intro=f"{APOLOGY} Please try again in a few minutes.")


def letter_intro(title: str, sen_team: ServiceView | None, to_council: bool) -> str:
    """What to do with a drafted letter; who it is addressed to when it goes to the council."""
    parts = [f"Here is a draft: {title[0].lower()}{title[1:]}.", FILL_IN_LETTER]
    if to_council:
        parts.append(
            f"I've addressed it to the {sen_team.name}." if sen_team is not None else ADD_SEN_TEAM
        )
    parts.append(NOT_LEGAL_ADVICE)
    return " ".join(parts)


def ask_what_tried() -> str:
    return f"{ASK_WHAT_TRIED}\n\n{IASS_ANY_STAGE}"
