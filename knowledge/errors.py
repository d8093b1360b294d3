"""Errors the knowledge base reports to editors and to the assistant."""


class ContentError(Exception):
    """One problem in a content file, naming the file and the field."""

    def __init__(self, file: str, field: str, message: str):
        super().__init__(f"{file}: {field}: {message}")
        self.file, self.field, self.message = file, field, message


class ContentErrors(Exception):
    """Everything wrong with the content; nothing was loaded."""

    def __init__(self, errors):
        self.errors = list(errors)
        lines = "\n".join(f"  - {e}" for e in self.errors)
        super().__init__(f"{len(self.errors)} problem(s) in the knowledge content:\n{lines}")


class KnowledgeUnavailable(Exception):
    """The knowledge database cannot be read (down, missing or never loaded)."""
