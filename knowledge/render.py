"""Turning knowledge into the assistant's plain-English replies.

Parent mode keeps replies short: the answer, local contacts, a next step and a brief
source. Staff mode (the helpline page) adds the detail and full citations.
"""
from typing import Iterable, List, Optional

from . import citations as citations_module
from .views import CitationView, LadderView, Place, ServiceView, StepView, TimescaleView, TopicView

NOT_LEGAL_ADVICE = "This is information, not legal advice."
IASS_ANY_STAGE = ("IASS can help at any stage, for free, and you can ask the council for an EHC needs "
                  "assessment at any time: you do not have to finish one step first.")


def contact_lines(service: ServiceView, with_offer: bool = False) -> str:
    parts = []
    if service.phones:
        parts.append("phone " + " or ".join(service.phones) + (f" ({service.hours})" if service.hours else ""))
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


def sources_line(citations: Iterable[CitationView], staff: bool = False) -> str:
    """One line naming each source in words, linked to the exact section or regulation."""
    return citations_module.sources_line(citations, staff)


def national_services_block(services: Iterable[ServiceView]) -> str:
    return "\n".join(contact_lines(s) for s in services)


def local_block(topic: TopicView, place: Place, staff: bool) -> str:
    lines = []
    for kind in topic.show:
        if kind == "funding":
            for route in place.funding_routes:
                lines.append(f"• In {place.name}: {route.name}. {route.summary}")
                if staff and route.school_must_provide:
                    lines.append("  The school's application needs: " + "; ".join(route.school_must_provide) + ".")
            continue
        service = place.service(kind)
        if service:
            lines.append(contact_lines(service, with_offer=staff))
    return "\n".join(lines)


def topic_reply(topic: TopicView, place: Optional[Place], staff: bool = False) -> str:
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
    line = sources_line(citations, staff)
    if line:
        parts.append(line)
    return "\n\n".join(parts)


def uncovered_note(place: Place) -> str:
    return (f"I don't have local contact details for {place.name} yet. Every council has an Information, "
            f"Advice and Support Service (IASS): search for {place.name}'s Local Offer to find it.")


def council_contacts_reply(place: Place, national: List[ServiceView], staff: bool = False) -> str:
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


def unknown_council_reply(place: Place, national: List[ServiceView]) -> str:
    return (f"{uncovered_note(place)} I won't guess another council's details.\n\n"
            f"These national services can help anywhere in England:\n{national_services_block(national)}\n\n"
            "Next step: look up your council's Local Offer for its IASS, or contact one of the services above. "
            "You can still ask me general questions.\n\n"
            + sources_line(CitationView(s.source) for s in national if s.source))


def step_reply(ladder: LadderView, step: StepView, place: Optional[Place], tried: Iterable[str],
               national: List[ServiceView], staff: bool = False) -> str:
    done = [s.who for s in ladder.steps if s.key in set(tried)]
    intro = f"You've already tried: {', '.join(done)}. " if done else ""
    number = ladder.steps.index(step) + 1
    parts = [
        f"{intro}Next step ({number} of {len(ladder.steps)}): {step.who}.",
        f"How: {step.how}\nWhat to ask for: {step.ask_for}",
        contact_for_step(step, place, national),
        IASS_ANY_STAGE,
        sources_line(list(step.citations) + ([CitationView(place.source)] if place and place.covered else []), staff),
    ]
    return "\n\n".join(p for p in parts if p)


def step_contact(step: StepView, place: Place) -> ServiceView:
    """The council's service for a step, or its IASS where the council has no such service."""
    return place.service(step.contact_kind) or place.service("iass")


def contact_for_step(step: StepView, place: Optional[Place], national: List[ServiceView]) -> str:
    if place and place.covered:
        service = step_contact(step, place)
        helper = place.service("iass")
        lines = [contact_lines(service)]
        if helper and helper is not service:
            lines.append(contact_lines(helper))
        return f"Who can help in {place.name}:\n" + "\n".join(lines)
    if place:
        return uncovered_note(place)
    return "Tell me your council and I'll add its IASS contact. Nationally:\n" + national_services_block(national)


def ladder_reply(ladder: LadderView, place: Optional[Place], staff: bool = True) -> str:
    lines = [f"Escalation path: {ladder.title}" + (f" ({place.name})" if place else "")]
    for i, step in enumerate(ladder.steps, 1):
        contact = ""
        if place and place.covered:
            contact = f"\n   Contact: {contact_lines(step_contact(step, place))[2:]}"
        cites = "; ".join(c.text for c in step.citations)
        lines.append(f"{i}. {step.who}: {step.how}\n   Ask for: {step.ask_for}{contact}\n   ({cites})")
    if place and not place.covered:
        lines.append(uncovered_note(place))
    lines.append(IASS_ANY_STAGE)
    if place and place.covered:
        lines.append(f"Source: {place.source.short}")
    return "\n\n".join(lines)


def ladder_finished_reply(ladder: LadderView, place: Optional[Place], national: List[ServiceView]) -> str:
    contact = contact_for_step(ladder.steps[-1], place, national)
    return (f"You've been through every step I know for \"{ladder.title}\". Please talk to IASS or a national "
            f"service about your options.\n\n{contact}\n\n{NOT_LEGAL_ADVICE}")


def timescales_reply(timescales: Iterable[TimescaleView]) -> str:
    lines = [f"• {t.label}: {period_text(t)} from {t.starts} ({t.citation.text})" if t.period
             else f"• {t.label}: by {t.starts} ({t.citation.text})" for t in timescales]
    return "Statutory timescales:\n" + "\n".join(lines)


def period_text(t: TimescaleView) -> str:
    (unit, amount), = t.period.items()
    unit = unit.replace("_", " ")
    return f"{amount} {unit[:-1] if amount == 1 else unit}"


def safety_reply(contacts: Iterable[ServiceView]) -> str:
    lines = "\n".join(contact_lines(c, with_offer=True) for c in contacts)
    return ("Your safety and your child's safety come first. Please use these contacts now:\n\n"
            f"{lines}\n\nYou are not alone. When you are ready, I can help with school and SEND questions too.")
