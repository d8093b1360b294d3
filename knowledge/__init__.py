"""The SEND knowledge base: guidance content as YAML, checked, loaded into SQL and queried.

This is the one way in for actions, channels, the staff API and tests::

    from knowledge import default_kb, KnowledgeUnavailable, Place

Advice built on the content (deadlines, letters, the next step up a ladder) is in advice/;
the wording of replies is in replies/.
"""

from .errors import ContentError, ContentErrors, KnowledgeUnavailable
from .queries import KnowledgeBase, default_kb
from .views import (
    CitationView,
    FundingRouteView,
    LadderView,
    Place,
    ServiceView,
    SourceView,
    StepView,
    TimescaleView,
    TopicView,
)

__all__ = [
    "default_kb",
    "KnowledgeBase",
    "KnowledgeUnavailable",
    "ContentError",
    "ContentErrors",
    "CitationView",
    "FundingRouteView",
    "LadderView",
    "Place",
    "ServiceView",
    "SourceView",
    "StepView",
    "TimescaleView",
    "TopicView",
]
