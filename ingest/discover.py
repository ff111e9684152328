"""Find the files to ingest under the given paths, honouring include/exclude globs and the size cap."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Candidate:
    path: Path  # absolute, resolved: what is read
    source: str  # what users see: path relative to the ingest root's parent (e.g. "docs/vpn.md")
    size: int
    mtime_ns: int
    location: Path | None = None  # under the ingested root, links not followed (default: path)

    @property
    def doc_key(self) -> str:
        # Keyed by where the document sits in the ingested folder, not by a symlink's target: the target may lie
        # outside the folder, and then removing the link would never delete the document from the index.
        return str(self.location or self.path)


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str


def _matches(rel: str, patterns: list[str]) -> bool:
    # "**/*.md" should also match "a.md" at the top level, as users expect from gitignore-style globs.
    return any(fnmatch.fnmatch(rel, p) or (p.startswith("**/") and fnmatch.fnmatch(rel, p[3:])) for p in patterns)


def discover(
    roots: list[Path], include: list[str], exclude: list[str], max_bytes: int, skip_under: Path | None = None
) -> tuple[list[Candidate], list[Skipped]]:
    """`skip_under`: a resolved folder never ingested (the workspace, when it sits inside an ingested folder)."""
    found: dict[Path, Candidate] = {}
    skipped: list[Skipped] = []
    for root in roots:
        root = root.resolve()
        if root.is_file():
            files, base = [root], root.parent
        else:
            files = sorted(p for p in root.rglob("*") if p.is_file() or p.is_symlink())
            base = root.parent
        for path in files:
            rel_root = path.relative_to(root).as_posix() if root.is_dir() else path.name
            source = os.path.relpath(path, base)
            if root.is_dir() and (_matches(rel_root, exclude) or not _matches(rel_root, include)):
                continue
            if skip_under is not None and skip_under in (path, *path.parents):
                continue
            try:
                str(path).encode("utf-8")
            except UnicodeEncodeError:  # os.fsdecode kept the raw bytes as surrogates, which SQLite cannot store
                skipped.append(Skipped(os.fsencode(source).decode("utf-8", "backslashreplace"),
                                       "file name is not valid UTF-8"))
                continue
            if path.is_symlink() and not path.exists():
                skipped.append(Skipped(source, "broken symlink"))
                continue
            real = path.resolve()
            if real in found or (skip_under is not None and skip_under in (real, *real.parents)):
                continue
            stat = real.stat()
            if stat.st_size > max_bytes:
                skipped.append(Skipped(source, f"over the size cap ({stat.st_size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB)"))
                continue
            found[real] = Candidate(real, source, stat.st_size, stat.st_mtime_ns, path)
    return sorted(found.values(), key=lambda c: c.source), skipped


def under_roots(doc_key: str, roots: list[Path]) -> bool:
    path = Path(doc_key)
    for root in roots:
        root = root.resolve()
        if path == root or root in path.parents:
            return True
    return False
