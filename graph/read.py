"""Reading review files (plain text and Markdown) into plain text."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from markdown_it import MarkdownIt
from slugify import slugify

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
REVIEW_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES


class ReadError(Exception):
    """A file that is not a readable review; the message names the file."""


@dataclass(frozen=True)
class Review:
    id: str  # stable slug of the file name, the review's key in the store
    path: Path
    title: str
    text: str  # plain text; evidence offsets point into it
    sha256: str  # of the file's bytes: tells a changed review from an unchanged one


def find_reviews(paths: list[Path]) -> list[Path]:
    """The review files named or found below the given paths, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in REVIEW_SUFFIXES))
        elif path.exists():
            found.append(path)
        else:
            raise ReadError(f"{path}: no such file or folder")
    return found


def read_review(path: Path) -> Review:
    data = path.read_bytes()
    if not data.strip():
        raise ReadError(f"{path}: empty file")
    if b"\x00" in data[:8192]:
        raise ReadError(f"{path}: binary file, not a review")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ReadError(f"{path}: not UTF-8 text (byte {err.start})") from None
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        text = markdown_to_text(raw)
    elif path.suffix.lower() in TEXT_SUFFIXES:
        text = raw.replace("\r\n", "\n")
    else:
        raise ReadError(f"{path}: unsupported file type {path.suffix or '(none)'}")
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not title:
        raise ReadError(f"{path}: no text")
    return Review(id=slugify(path.stem), path=path, title=title, text=text,
                  sha256=hashlib.sha256(data).hexdigest())


def read_reviews(paths: list[Path]) -> Iterator[Review | ReadError]:
    for path in find_reviews(paths):
        try:
            yield read_review(path)
        except ReadError as err:
            yield err


_md = MarkdownIt("commonmark")


def markdown_to_text(source: str) -> str:
    """Markdown as the plain text a reader sees: one paragraph or heading per block."""
    blocks: list[str] = []
    for token in _md.parse(source):
        if token.type == "inline":
            parts = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
            blocks.append("".join(parts))
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(b for b in blocks if b.strip()) + "\n"
