"""Prose sentences of a Markdown/plain chunk, with exact offsets back into the chunk text.

Question generation parses sentences with spaCy, and the parse is only as good as its input: on the 18F handbook
nearly every paragraph carries Markdown link targets (`[guidance](https://...)`), Liquid tags (`{% page ... %}`),
emphasis markers and hard line wraps at 80 columns, and list items run together when the newlines go. So a chunk
is first reduced to plain text with a position map (each plain character knows its offset in the chunk), then cut
into prose paragraphs: headings, table rows, code fences and YAML front matter are not prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINK = re.compile(r"!?\[([^\]\n]{0,300})\]\([^)\n]{0,500}\)")  # keep the link text, drop the target
_DROP = re.compile(r"\{%[^%\n]{0,300}%\}|\{\{[^}\n]{0,300}\}\}|<[^>\n]{1,200}>|\*\*|__|(?<!`)`(?!`)")  # single backticks only: a ``` fence must stay visible
# the 18F handbook names a Slack channel with a Liquid tag 286 times; dropped, it left "Come chat in  if ..." and
# the sentence was refused as a broken link
_SLACK_CHANNEL = re.compile(r'\{%-?\s*slack_channel\s+"([\w.-]{1,80})"\s*-?%\}')
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_BARE_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class ProseSpan:
    text: str  # plain text of the paragraph or list item, newlines folded to spaces
    list_item: bool  # a bullet or numbered item: its imperatives are steps of a procedure, not guidance
    offsets: tuple[int, ...]  # offsets[i] = position in the chunk text of text[i]

    def chunk_span(self, start: int, end: int) -> tuple[int, int]:
        """Chunk-text span of plain characters [start, end)."""
        return self.offsets[start], self.offsets[max(start, end - 1)] + 1


def _plain_with_map(raw: str) -> tuple[str, list[int]]:
    """`raw` without link targets, template tags, HTML tags and emphasis markers; map[i] = raw offset of out[i]."""
    out: list[str] = []
    positions: list[int] = []
    pos = 0
    for match in _LINK.finditer(raw):
        _copy_dropping(raw, pos, match.start(), out, positions)
        _copy_dropping(raw, match.start(1), match.end(1), out, positions)
        pos = match.end()
    _copy_dropping(raw, pos, len(raw), out, positions)
    # curly quotes to straight ones, one character each so the map holds: the parser splits "you’d" wrongly
    return "".join(out).translate(_QUOTES), positions


def _copy_dropping(raw: str, start: int, end: int, out: list[str], positions: list[int]) -> None:
    pos = start
    for match in _DROP.finditer(raw, start, end):
        out.extend(raw[pos:match.start()])
        positions.extend(range(pos, match.start()))
        pos = match.end()
        channel = _SLACK_CHANNEL.fullmatch(match.group(0))
        if channel:  # "Come chat in {% slack_channel "product-design" %}" -> "Come chat in #product-design"
            out.append("#")
            positions.append(match.start())
            out.extend(channel.group(1))
            positions.extend(range(match.start() + channel.start(1), match.start() + channel.end(1)))
    out.extend(raw[pos:end])
    positions.extend(range(pos, end))


def _is_prose_line(line: str) -> bool:
    s = line.strip()
    if re.match(r"#{1,6}(?:\s|$)", s):
        return False  # a heading; "#admins-slack to archive ..." (a Slack channel opening the line) is prose
    return bool(s) and not s.startswith(("|", "```", "~~~", ">", "---", "title:", "redirect_from:"))


def prose_spans(chunk_text: str) -> list[ProseSpan]:
    """Paragraphs and list items of running text. A paragraph is a run of prose lines; a list marker starts a new
    item. Code fences and YAML front matter are skipped whole."""
    plain, positions = _plain_with_map(chunk_text)
    spans: list[ProseSpan] = []
    current: list[tuple[str, list[int]]] = []
    in_item = [False]

    def flush():
        if current:
            text = " ".join(t for t, _ in current)
            offsets: list[int] = []
            for n, (_, o) in enumerate(current):
                if n:
                    offsets.append(offsets[-1])  # the folded newline maps to the previous character
                offsets.extend(o)
            if len(text.split()) >= 5:
                spans.append(ProseSpan(text, in_item[0], tuple(offsets)))
            current.clear()

    fenced = front_matter = False
    pos = 0
    for n, line in enumerate(plain.split("\n")):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
            flush()
            continue
        if stripped == "---" and (n == 0 or front_matter):
            front_matter = not front_matter
            flush()
            continue
        if fenced or front_matter or not _is_prose_line(line):
            flush()
            continue
        marker = _LIST_MARKER.match(line)
        if marker:
            flush()
            in_item[0] = True
        elif not current:
            in_item[0] = False
        skip = marker.end() if marker else len(line) - len(line.lstrip())
        body = line[skip:].rstrip()
        current.append((body, positions[start + skip:start + skip + len(body)]))
    flush()
    return spans


def prose_words(chunk_text: str) -> int:
    """Words of running text in a chunk (bare URLs excluded): the denominator of pairs per 150 words."""
    return sum(len(_BARE_URL.sub(" ", span.text).split()) for span in prose_spans(chunk_text))
