"""A Rasa training-data importer that derives everything Rasa needs for a topic from its one file.

Each guidance topic lives in `knowledge/content/topics/<id>.yaml` with its content, cue words and
training examples. This importer (listed under `importers:` in config.yml, beside Rasa's own
RasaFileImporter) turns every topic file into an intent with its examples, the intent in the
domain, and one rule `intent -> action_answer_topic`. So adding a topic is one new file.
"""

from functools import lru_cache
from pathlib import Path

import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.core.training_data.structures import StoryGraph
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.training_data import TrainingData

from knowledge.content import read_content
from knowledge.paths import CONTENT_DIR

ANSWER_ACTION = "action_answer_topic"
RASA_FORMAT = "3.1"


@lru_cache(maxsize=4)
def _topics(content_dir: Path) -> tuple:
    """Every topic file, read and checked once per process by the knowledge loader (errors name
    the file and field)."""
    return tuple(read_content(content_dir).topics)


def topic_examples(content_dir: Path = CONTENT_DIR) -> dict[str, str]:
    """Topic id -> its examples block."""
    return {topic.id: topic.examples for topic in _topics(content_dir)}


def topic_cues(content_dir: Path = CONTENT_DIR) -> dict[str, list[str]]:
    """Topic id -> its cue words, for every topic a parent can be offered (not the assistant's
    own topics, such as privacy)."""
    return {
        topic.id: list(topic.cues) for topic in _topics(content_dir) if not topic.about_assistant
    }


def nlu_yaml(topics: dict[str, str]) -> str:
    blocks = [{"intent": topic_id, "examples": examples} for topic_id, examples in topics.items()]
    return yaml.safe_dump(
        {"version": RASA_FORMAT, "nlu": blocks}, sort_keys=False, allow_unicode=True
    )


def rules_yaml(topic_ids: list[str]) -> str:
    rules = [
        {"rule": f"Answer: {topic_id}", "steps": [{"intent": topic_id}, {"action": ANSWER_ACTION}]}
        for topic_id in topic_ids
    ]
    return yaml.safe_dump({"version": RASA_FORMAT, "rules": rules}, sort_keys=False)


class TopicImporter(TrainingDataImporter):
    """Intents, examples and rules for every topic file (Rasa merges them with its own files)."""

    def __init__(
        self,
        config_file: str | None = None,
        domain_path: str | None = None,
        training_data_paths: list[str] | str | None = None,
        content_dir: str | None = None,
    ) -> None:
        self._content_dir = Path(content_dir) if content_dir else CONTENT_DIR

    def _topics(self) -> dict[str, str]:
        return topic_examples(self._content_dir)

    def get_domain(self) -> Domain:
        return Domain.from_dict({"intents": list(self._topics())})

    def get_stories(self, exclusion_percentage: int | None = None) -> StoryGraph:
        steps = YAMLStoryReader(self.get_domain()).read_from_string(
            rules_yaml(list(self._topics()))
        )
        return StoryGraph(steps)

    def get_conversation_tests(self) -> StoryGraph:
        return StoryGraph([])

    def get_config(self) -> dict:
        return {}

    def get_config_file_for_auto_config(self) -> str | None:
        return None

    def get_nlu_data(self, language: str | None = "en") -> TrainingData:
        return RasaYAMLReader().reads(nlu_yaml(self._topics()))


def configured_training_data(repo: Path) -> TrainingData:
    """All NLU training data exactly as `rasa train` sees it (every importer in config.yml)."""
    importer = TrainingDataImporter.load_from_config(
        str(repo / "config.yml"), str(repo / "domain.yml"), [str(repo / "data")]
    )
    return importer.get_nlu_data()


def export_training_nlu(repo: Path, path: Path) -> Path:
    """Write the combined NLU data to one file, for Rasa commands that ignore config importers
    (`rasa test nlu` reads only the files it is given)."""
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter

    path.parent.mkdir(parents=True, exist_ok=True)
    RasaYAMLWriter().dump(path, configured_training_data(repo))
    return path
