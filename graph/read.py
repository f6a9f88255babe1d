"""Reading review files into plain text: plain text, Markdown (with YAML front matter),
HTML pages and WordPress (WXR) exports, whose every published post is a review."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, NamedTuple

import yaml
from bs4 import BeautifulSoup, Comment
from charset_normalizer import from_bytes
from lxml import etree
from markdown_it import MarkdownIt
from slugify import slugify

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
WXR_SUFFIXES = {".xml", ".wxr"}
REVIEW_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | WXR_SUFFIXES
# Files above this size are refused before they are read: a review is some kilobytes, a whole
# blog's WordPress export a few megabytes; a bigger file is more likely a mistake (a video, a
# database dump) than reviews, and would hold the ingest for many minutes (`--max-file-mb`).
DEFAULT_MAX_FILE_BYTES = 20 * 2**20
# spaCy's own limit (Language.max_length): a longer text would fail inside the extractor.
MAX_REVIEW_CHARS = 1_000_000


class ReadError(Exception):
    """A file that is not a readable review; the message names the file."""


@dataclass(frozen=True)
class Review:
    id: str  # stable slug of the file name (and post), the review's key in the store
    path: Path
    title: str
    text: str  # plain text, title first; evidence offsets point into it
    sha256: str  # of the review's source: tells a changed review from an unchanged one
    url: str | None = None
    date: str | None = None  # ISO 8601 date, where the source gives one
    tags: tuple[str, ...] = ()
    # What the source set in italics (HTML em, i, cite; Markdown *...*): where blogs put titles.
    emphasis: tuple[str, ...] = ()


def find_reviews(paths: list[Path]) -> list[Path]:
    """The review files named or found below the given paths, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            # A folder's README describes the folder; it is not a review.
            found.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in REVIEW_SUFFIXES
                                and not p.stem.upper() == "README"))
        elif path.exists():
            found.append(path)
        else:
            raise ReadError(f"{path}: no such file or folder")
    return found


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise ReadError(f"{path}: empty file")
    if b"\x00" in data[:8192]:
        raise ReadError(f"{path}: binary file, not a review")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        text = _decode_legacy(data)
        if text is None:
            raise ReadError(f"{path}: not UTF-8 text (byte {err.start}), and no other encoding "
                            "reads it cleanly; save it as UTF-8") from None
    return _lost_quotes(text.replace("\r\n", "\n"))


# A page saved through a wrong code page shows every curly quote and apostrophe as "?"
# ("Riordan?s", "?The Lightning Thief,?"): told by apostrophes so lost, and then put back.
LOST_APOSTROPHE = re.compile(r"(?<=[A-Za-z])\?(?=(?:s|t|re|ll|ve|d|m)\b)")
LOST_OPENING = re.compile(r"(?:(?<=^)|(?<=[\s(]))\?(?=[A-Za-z0-9])", re.M)


def _lost_quotes(text: str) -> str:
    if len(LOST_APOSTROPHE.findall(text)) < 2 or len(LOST_OPENING.findall(text)) < 2:
        return text
    lines = []
    for line in LOST_OPENING.sub("“", LOST_APOSTROPHE.sub("’", text)).split("\n"):
        out, open_quote = [], False
        for ch in line:
            if ch == "“":
                open_quote = True
            elif ch == "?" and open_quote:  # a quote opened on the line closes here; else a question
                ch, open_quote = "”", False
            out.append(ch)
        lines.append("".join(out))
    return "\n".join(lines)


# A page saved as text where every link or italic title started a new line ("debut novel, \nSharp Objects
# have ...", "directed by X (\nWild)"): the break comes after a space or an opening bracket, mid-sentence.
# Such a break is a space again (the text keeps its length, so offsets hold); a line ending a
# sentence, a list's item or a "Label:" line stays.
BROKEN_LINE = re.compile(r"^(?!\W*[A-Za-z][\w ]{0,20}:)(.*(?:[\w,(][ \t]+|\())\n(?=[^\s])(?!\W*[A-Za-z][\w ]{0,20}:)", re.M)


def _broken_lines(text: str) -> str:
    return BROKEN_LINE.sub(lambda m: m.group(0)[:-1] + " ", text)


def _decode_legacy(data: bytes) -> str | None:
    """Text in an older encoding, as charset-normalizer tells it; None if nothing reads it cleanly.

    Of the encodings that read the bytes equally well, Windows-1252 wins: it is what Western
    blogs and word processors wrote before UTF-8, and charset-normalizer, left to itself, picks
    a look-alike (cp1250, mac_latin2) that turns an accent or a curly quote into another letter.
    """
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    as_clean = [m for m in matches if m.chaos <= best.chaos]
    encoding = "cp1252" if any("cp1252" in m.could_be_from_charset for m in as_clean) else best.encoding
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return str(best)


def _review(path: Path, key: str, title: str, body: str, source: bytes, **meta) -> Review:
    title = " ".join(title.split())
    if not body.strip() and not title:
        raise ReadError(f"{path}: no text")
    # The title leads the text, as a blog post shows it, unless the body already opens with it;
    # either way the text starts with it, at offset 0, where the extractor's title evidence points
    # (blank lines or an indent before a plain text's first line would shift it).
    body = body.lstrip()
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    text = body if (not title or first == title) else f"{title}\n\n{body}"
    if len(text) > MAX_REVIEW_CHARS:
        raise ReadError(f"{path}: review '{key}' is {len(text):,} characters long, over the "
                        f"{MAX_REVIEW_CHARS:,} one review may have")
    return Review(id=slugify(key) or "review", path=path, title=title or first, text=text,
                  sha256=hashlib.sha256(source).hexdigest(), **meta)


def text_review(text: str, key: str = "text", emphasis: tuple[str, ...] = ()) -> Review:
    """A review given as plain text, its first line the headline: a rule's example, or a
    stored review read again to explain it."""
    return _review(Path(f"{key}.txt"), key, "", text, text.encode(), emphasis=emphasis)


def read_file(path: Path, max_bytes: int | None = DEFAULT_MAX_FILE_BYTES) -> list[Review]:
    """The reviews in one file: one, or one per published post of a WordPress export."""
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise ReadError(f"{path}: {_size(size)}, more than the {_size(max_bytes)} a review file may have "
                            "(atlas ingest --max-file-mb)")
        data = path.read_bytes()
    except OSError as err:
        raise ReadError(f"{path}: cannot read ({err.strerror})") from None
    suffix = path.suffix.lower()
    if suffix in WXR_SUFFIXES:
        return read_wxr(path, data)
    raw = _decode(path, data)
    if suffix in MARKDOWN_SUFFIXES:
        meta, source = split_front_matter(path, raw)
        body, emphasis = markdown_to_text(source)
        return [_review(path, path.stem, str(meta.get("title") or ""), body, data,
                        url=_text(meta.get("url")), date=_text(meta.get("date")),
                        tags=tuple(str(t) for t in meta.get("tags") or ()), emphasis=emphasis)]
    if suffix in HTML_SUFFIXES:
        page = html_to_text(raw)
        return [_review(path, path.stem, page.title, page.text, data, url=page.url, emphasis=page.emphasis)]
    if suffix in TEXT_SUFFIXES:
        return [_review(path, path.stem, "", _broken_lines(raw), data)]
    raise ReadError(f"{path}: unsupported file type {suffix or '(none)'}")


def _size(n: int) -> str:
    return f"{n / 2**20:,.1f} MB" if n >= 2**20 / 10 else f"{n:,} bytes"


def read_review(path: Path) -> Review:
    """The one review in a file (the first post of an export)."""
    return read_file(path)[0]


def read_reviews(paths: list[Path], max_bytes: int | None = DEFAULT_MAX_FILE_BYTES) -> Iterator[Review | ReadError]:
    for path in find_reviews(paths):
        try:
            yield from read_file(path, max_bytes)
        except ReadError as err:
            yield err


def _text(value) -> str | None:
    return None if value is None else str(value)


# --- Markdown -------------------------------------------------------------------

_md = MarkdownIt("commonmark")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)


def split_front_matter(path: Path, raw: str) -> tuple[dict, str]:
    m = FRONT_MATTER.match(raw)
    if not m:
        return {}, raw
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        line = f" at line {where.line + 2}" if where else ""
        raise ReadError(f"{path}: malformed YAML front matter{line}") from None
    if not isinstance(meta, dict):
        raise ReadError(f"{path}: YAML front matter is not a mapping")
    return meta, raw[m.end():]


def markdown_to_text(source: str) -> tuple[str, tuple[str, ...]]:
    """Markdown as the plain text a reader sees, one paragraph or heading per block, and the
    phrases it puts in italics."""
    blocks: list[str] = []
    emphasis: list[str] = []
    for token in _md.parse(source):
        if token.type == "inline":
            parts = []
            italic: list[str] | None = None  # the text of the italic phrase being read
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                    if italic is not None:
                        italic.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
                elif child.type == "em_open":
                    italic = []
                elif child.type == "em_close" and italic is not None:
                    emphasis.append(" ".join("".join(italic).split()))
                    italic = None
            blocks.append("".join(parts))
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
        elif token.type == "html_block":
            page = html_to_text(token.content)
            blocks.append(page.text)
            emphasis += page.emphasis
    return "\n\n".join(b for b in blocks if b.strip()) + "\n", tuple(dict.fromkeys(e for e in emphasis if e))


# --- HTML -------------------------------------------------------------------------

# Page furniture that is not the review: menus, share buttons, comments, sidebars.
NOISE = re.compile(r"nav|menu|share|social|comment|sidebar|widget|related|footer|cookie|newsletter|"
                   r"subscribe|advert|promo|breadcrumb|skip-link|sharedaddy|jp-relatedposts", re.I)
DROP_TAGS = ["script", "style", "noscript", "template", "iframe", "nav", "form", "button", "svg",
             "header", "footer", "aside", "select", "input"]
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "blockquote", "pre", "dt", "dd",
          "tr", "caption", "div", "section", "article", "td", "th"}


class Page(NamedTuple):
    title: str
    text: str
    url: str | None  # the canonical one
    emphasis: tuple[str, ...]


def html_to_text(html: str) -> Page:
    """An HTML page or fragment as a reader sees it, its furniture dropped."""
    soup = BeautifulSoup(html, "lxml")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    heading = soup.find("h1")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    canonical = soup.find("link", rel="canonical")
    og_url = soup.find("meta", property="og:url")
    url = (canonical.get("href") if canonical else None) or (og_url.get("content") if og_url else None)
    for tag in soup(DROP_TAGS):
        if tag is not heading and not tag.find("h1"):
            tag.decompose()
    for tag in soup.find_all(True):
        if tag.attrs is None or tag.name in ("html", "body", "article", "main"):
            continue
        marker = " ".join(tag.get("class") or []) + " " + (tag.get("id") or "") + " " + (tag.get("role") or "")
        if NOISE.search(marker) and tag is not heading and not tag.find("h1"):
            tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    title = heading.get_text(" ", strip=True) if heading else re.split(r"\s+[|–—-]\s+", page_title)[0]
    for br in root.find_all("br"):
        br.replace_with("\n")
    lines: list[str] = []
    for element in root.find_all(BLOCKS):
        if element.find(BLOCKS):
            # Text that stands directly in a container, beside its blocks, still counts.
            own = " ".join(s.strip() for s in element.find_all(string=True, recursive=False) if s.strip())
            if own:
                lines.append(own)
            continue
        text = "\n".join(" ".join(part.split()) for part in element.get_text("").split("\n"))
        if text.strip():
            lines.append(text.strip())
    if not lines:
        lines = [" ".join(root.get_text(" ").split())]
    emphasis = (" ".join(e.get_text(" ").split()) for e in root.find_all(["em", "i", "cite"]))
    return Page(title, "\n\n".join(lines) + "\n", url, tuple(dict.fromkeys(e for e in emphasis if e)))


# --- WordPress exports ------------------------------------------------------------------

WP = "{http://wordpress.org/export/1.2/}"
WP_OLD = ("{http://wordpress.org/export/1.1/}", "{http://wordpress.org/export/1.0/}")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def _wp(item, name: str) -> str | None:
    for ns in (WP, *WP_OLD):
        found = item.find(ns + name)
        if found is not None:
            return found.text
    return None


def read_wxr(path: Path, data: bytes) -> list[Review]:
    """Every published post of a WordPress export, each a review with its URL, date and title."""
    if not data.strip():
        raise ReadError(f"{path}: empty file")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise ReadError(f"{path}: malformed XML ({err.msg}, line {err.lineno})") from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise ReadError(f"{path}: not a WordPress export (no <rss><channel>)")
    reviews = []
    for item in channel.iter("item"):
        if (_wp(item, "post_type") or "post") != "post" or (_wp(item, "status") or "publish") != "publish":
            continue
        content = item.findtext(CONTENT) or ""
        title = item.findtext("title") or ""
        page = html_to_text(f"<article>{content}</article>")
        date = (_wp(item, "post_date") or "").split(" ")[0] or None
        key = f"{path.stem}-{_wp(item, 'post_name') or title}"
        reviews.append(_review(path, key, title, page.text, (title + "\n" + content).encode(),
                               url=item.findtext("link"), date=date,
                               tags=tuple(c.text for c in item.findall("category") if c.text), emphasis=page.emphasis))
    if not reviews:
        raise ReadError(f"{path}: WordPress export without published posts")
    return reviews
