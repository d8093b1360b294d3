"""axe-core in Chromium: the accessibility checks the browser tests share, one line a violation."""

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.2 AA, named explicitly so rules like target-size (2.5.8) run, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def serious_violations(page, context=None) -> list[str]:
    """axe's serious and critical violations under its default rules."""
    results = Axe().run(page, context=context)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def every_violation(page, context=None) -> list[str]:
    """Every violation of any impact under WCAG 2.2 AA and axe's best practices: the parent's
    pages (the widget on the demo pages) are held to this."""
    results = Axe().run(
        page, context=context, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(
            n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
            for n in v["nodes"][:5]
        )
        for v in results.response["violations"]
    ]
