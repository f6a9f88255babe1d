"""The same review as plain text, an HTML page, Markdown with front matter and a WordPress export
gives the same facts; malformed inputs give one-line errors naming the file."""
from __future__ import annotations

import html
from pathlib import Path

import pytest

from conftest import REVIEWS
from graph.extract import extract
from graph.read import ReadError, read_file, read_review

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds" / "000_6164d26ec9dcd9e3.txt"


def facts(review) -> dict[str, set]:
    data = extract(review).to_json()
    return {
        "works": {(w["title"], w["type"], w["year"]) for w in data["works"]},
        "adaptations": {(a["adaptation"], a["source"]) for a in data["adaptations"]},
        "credits": {(c["person"], c["role"], c["work"]) for c in data["credits"]},
        "cast": {(c["actor"], c["character"], c["work"]) for c in data["cast"]},
    }


def paragraphs(text: str) -> tuple[str, list[str]]:
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    return blocks[0], blocks[1:]


def as_html_page(text: str) -> str:
    title, body = paragraphs(text)
    paras = "\n".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in body)
    return f"""<!doctype html><html><head><title>{html.escape(title)} | Page Turners Blog</title>
<link rel="canonical" href="https://blog.example/reviews/sample/">
<script>var tracking = "Directed by Nobody Real";</script><style>p {{ color: red }}</style></head>
<body><header><nav class="menu"><a href="/">Home</a> <a href="/about">About Stanley Kubrick</a></nav></header>
<div class="sidebar widget">Popular: The Shining directed by Stanley Kubrick (1980)</div>
<article><h1>{html.escape(title)}</h1><!-- a comment naming Orson Welles -->
{paras}
<div class="sharedaddy share-buttons"><a href="#">Share on Twitter</a></div></article>
<section id="comments" class="comments-area"><p>Great review! Loved it as directed by Greta Gerwig (2019).</p></section>
<footer>© Page Turners</footer><script src="/app.js"></script></body></html>"""


def as_front_matter_markdown(text: str) -> str:
    title, body = paragraphs(text)
    return (f"---\ntitle: \"{title}\"\ndate: 2024-05-01\nurl: https://blog.example/reviews/sample/\n"
            f"tags: [books, movies]\n---\n\n" + "\n\n".join(p.replace("\n", "  \n") for p in body) + "\n")


def as_wxr(text: str, extra_items: str = "") -> str:
    title, body = paragraphs(text)
    content = "".join(f"<p>{html.escape(p)}</p>" for p in body)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Page Turners</title>
<item><title>{html.escape(title)}</title><link>https://blog.example/reviews/sample/</link>
<content:encoded><![CDATA[{content}]]></content:encoded>
<wp:post_date>2024-05-01 10:00:00</wp:post_date><wp:post_name>sample</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category>books</category></item>
{extra_items}
</channel></rss>"""


DRAFT = """<item><title>Draft: The Shining Book vs Movie Review</title>
<content:encoded><![CDATA[<p>The Shining directed by Stanley Kubrick (1980)</p>]]></content:encoded>
<wp:status>draft</wp:status><wp:post_type>post</wp:post_type></item>
<item><title>About me</title><content:encoded><![CDATA[<p>Hi</p>]]></content:encoded>
<wp:status>publish</wp:status><wp:post_type>page</wp:post_type></item>"""


def sources():
    yield REVIEWS / "never-let-me-go.md"
    yield REVIEWS / "atonement.txt"
    if SEED.exists():
        yield SEED


@pytest.mark.parametrize("source", list(sources()), ids=lambda p: p.stem)
def test_every_format_gives_the_plain_texts_facts(source, tmp_path):
    plain = read_review(source)
    expected = facts(plain)
    assert expected["credits"], "the sample must have facts to compare"

    page = tmp_path / "sample.html"
    page.write_text(as_html_page(plain.text), encoding="utf-8")
    markdown = tmp_path / "sample.md"
    markdown.write_text(as_front_matter_markdown(plain.text), encoding="utf-8")
    export = tmp_path / "sample.xml"
    export.write_text(as_wxr(plain.text, DRAFT), encoding="utf-8")

    for path in (page, markdown, export):
        reviews = read_file(path)
        assert len(reviews) == 1, path.name  # the draft and the page are not reviews
        review = reviews[0]
        assert review.title == plain.title
        assert facts(review) == expected, path.name
    assert "Kubrick" not in read_review(page).text and "Greta Gerwig" not in read_review(page).text
    assert "Orson Welles" not in read_review(page).text and "tracking" not in read_review(page).text
    assert read_review(page).url == "https://blog.example/reviews/sample/"
    md = read_review(markdown)
    assert (md.url, md.date, md.tags) == ("https://blog.example/reviews/sample/", "2024-05-01", ("books", "movies"))
    post = read_review(export)
    assert (post.url, post.date, post.tags) == ("https://blog.example/reviews/sample/", "2024-05-01", ("books",))


def test_every_post_of_an_export_is_a_review(tmp_path):
    first = read_review(REVIEWS / "the-beach.txt").text
    second = read_review(REVIEWS / "atonement.txt").text
    title2, body2 = paragraphs(second)
    item = (f"<item><title>{html.escape(title2)}</title><content:encoded><![CDATA["
            + "".join(f"<p>{html.escape(p)}</p>" for p in body2)
            + "]]></content:encoded><wp:post_name>atonement</wp:post_name><wp:status>publish</wp:status>"
            "<wp:post_type>post</wp:post_type></item>")
    path = tmp_path / "blog.xml"
    path.write_text(as_wxr(first, item), encoding="utf-8")
    reviews = read_file(path)
    assert [r.id for r in reviews] == ["blog-sample", "blog-atonement"]
    assert len({r.sha256 for r in reviews}) == 2


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"  \n", "empty file"),
    ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    ("garbled.txt", b"Review\n" + bytes(range(128, 256)) * 3, "not UTF-8"),
    ("broken.xml", b"<rss><channel><item><title>x</title></channel>", "malformed XML"),
    ("feed.xml", b"<?xml version='1.0'?><feed><entry/></feed>", "not a WordPress export"),
    ("front.md", b"---\ntitle: [unclosed\n---\nBody\n", "malformed YAML front matter"),
    ("list.md", b"---\n- a\n- b\n---\nBody\n", "not a mapping"),
])
def test_bad_files_give_one_line_errors_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as err:
        read_file(path)
    assert str(path) in str(err.value) and message in str(err.value)
    assert "\n" not in str(err.value)


def test_entities_in_xml_are_not_expanded(tmp_path):
    path = tmp_path / "xxe.xml"
    path.write_text("""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<rss xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item><title>T &secret;</title>
<content:encoded>x</content:encoded></item></channel></rss>""", encoding="utf-8")
    reviews = read_file(path)
    assert Path("/etc/hostname").read_text().strip() not in reviews[0].text


def test_italics_are_kept_where_blogs_put_titles(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><nav><em>Menu Item</em></nav><article><h1>Shawshank</h1>"
                    "<p>King's novella <em>Rita Hayworth and Shawshank Redemption</em> became "
                    "<i>The Shawshank Redemption</i>; <cite>Stand by Me</cite> came from <em>The Body</em>.</p>"
                    "<p>It is <em>so</em> good.</p></article></body></html>", encoding="utf-8")
    assert read_review(page).emphasis == ("Rita Hayworth and Shawshank Redemption", "The Shawshank Redemption",
                                          "Stand by Me", "The Body", "so")
    markdown = tmp_path / "post.md"
    markdown.write_text("---\ntitle: Pi\n---\n\nYann Martel's *Life of Pi* and _Dune_, **not bold**.\n", encoding="utf-8")
    assert read_review(markdown).emphasis == ("Life of Pi", "Dune")
    export = tmp_path / "blog.xml"
    export.write_text(as_wxr("Room\n\nEmma Donoghue wrote Room.").replace("wrote Room.", "wrote <em>Room</em>."),
                      encoding="utf-8")
    assert read_file(export)[0].emphasis == ("Room",)
