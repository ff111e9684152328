"""Domain errors. The CLI turns these into clean messages; `QA_RAISE_ERRORS=1` shows tracebacks."""


class QAError(Exception):
    """Base class for errors a user can act on. The message says what is wrong and what to do."""


class ConfigError(QAError):
    """A configuration value is invalid. Carries every problem found, not just the first."""

    def __init__(self, problems: list[str], source: str = "configuration"):
        self.problems = problems
        self.source = source
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"invalid {source} ({len(problems)} problem{'s' if len(problems) != 1 else ''}):\n{lines}")


class ModelNotAvailableError(QAError):
    """A model cannot be loaded offline."""


class WorkspaceError(QAError):
    """The workspace is missing, locked, or holds artifacts this version cannot read."""


class WorkspaceLockedError(WorkspaceError):
    """Another process holds the workspace lock."""


class NothingIngestedError(QAError):
    """An ingest run found no document it could use."""
