"""Safe Markdown: one rewrite rule per test."""

from __future__ import annotations

import pytest

from kiosk.content.markdown import (
    PLACEHOLDER_SRC,
    case_slug,
    render_markdown,
    resolve_pack_path,
)

DOC = "case-studies/cooling/index.en.md"


def html(text: str) -> str:
    return render_markdown(text, DOC)


def test_relative_image_becomes_pack_url() -> None:
    out = html("![Heat pump](img/pump.png)")
    assert '<img src="pack:case-studies/cooling/img/pump.png" alt="Heat pump">' in out


def test_image_in_shared_media_dir_is_normalised() -> None:
    out = html("![Map](../../media/map.png)")
    assert 'src="pack:media/map.png"' in out


def test_image_path_with_space_is_quoted() -> None:
    out = html("![Map](<../../media/city map.png>)")
    assert 'src="pack:media/city%20map.png"' in out


@pytest.mark.parametrize(
    "src",
    [
        "/etc/passwd.png",
        "../../../etc/passwd.png",
        "file:///etc/passwd",
        "http://example.org/a.png",
        "https://example.org/a.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "javascript:alert(1)",
        "C:\\\\Windows\\\\win.ini",
        "img/a.png?x=1",
    ],
)
def test_refused_image_becomes_placeholder_keeping_alt(src: str) -> None:
    out = html(f"![Alt text]({src})")
    assert f'<img src="{PLACEHOLDER_SRC}" alt="Alt text">' in out
    assert "pack:" not in out
    assert "etc" not in out


def test_raw_html_image_with_forbidden_scheme_gets_placeholder() -> None:
    out = html('<img src="file:///etc/passwd" alt="x">')
    assert f'src="{PLACEHOLDER_SRC}"' in out
    assert "file:" not in out


def test_raw_html_image_with_absolute_path_gets_placeholder() -> None:
    out = html('<p><img src="/etc/passwd.png"></p>')
    assert f'src="{PLACEHOLDER_SRC}"' in out


def test_event_handler_attributes_are_removed() -> None:
    out = html("<img src=x onerror=alert(1)>")
    assert "onerror" not in out
    assert "alert" not in out


def test_script_style_iframe_removed_with_content() -> None:
    out = html("<script>alert(1)</script>\n\n<style>p{}</style>\n\n<iframe src='https://x'></iframe>\n\nok")
    for bad in ("script", "alert", "style", "iframe", "p{}"):
        assert bad not in out
    assert "<p>ok</p>" in out


def test_http_link_becomes_qr() -> None:
    out = html("[Website](https://example.org/a?b=1&c=2)")
    assert '<a href="qr:https://example.org/a?b=1&amp;c=2">Website</a>' in out


@pytest.mark.parametrize(
    "href", ["../district-heat/", "../district-heat", "../district-heat/index.da.md", "case:district-heat"]
)
def test_internal_link_becomes_case_route(href: str) -> None:
    assert '<a href="case:district-heat">next</a>' in html(f"[next]({href})")


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "mailto:a@b.org",
        "/etc/passwd",
        "../../pack.yaml",
        "case:../x",
        "vbscript:x",
    ],
)
def test_other_links_become_plain_text(href: str) -> None:
    out = html(f"[click me]({href})")
    assert "<a" not in out
    assert "click me" in out
    assert "javascript" not in out


def test_raw_javascript_link_loses_href_and_handlers() -> None:
    out = html('<a href="javascript:alert(1)" onclick="x()">raw</a>')
    assert "raw" in out
    assert "href" not in out and "onclick" not in out


def test_allowed_structure_survives() -> None:
    text = "## Head\n\n- **a**\n- *b*\n\n> quote\n\n`code`\n\n---\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n"
    out = html(text)
    tags = ("<h2>", "<ul>", "<li>", "<strong>", "<em>", "<blockquote>", "<code>", "<hr>", "<table>", "<td>")
    for tag in tags:
        assert tag in out
    assert "style" not in out  # table alignment comes as style=..., which is dropped


def test_h5_and_unknown_tags_keep_text_only() -> None:
    out = html("##### small\n\n<div class='x'><span>inner</span></div>")
    assert "<h5" not in out and "<div" not in out and "<span" not in out
    assert "small" in out and "inner" in out


def test_resolve_pack_path_rules() -> None:
    assert resolve_pack_path("case-studies/a", "b.png") == "case-studies/a/b.png"
    assert resolve_pack_path("case-studies/a", "./x/../b.png") == "case-studies/a/b.png"
    assert resolve_pack_path("case-studies/a", "../../../b.png") is None
    assert resolve_pack_path("case-studies/a", "%2e%2e/%2e%2e/%2e%2e/b.png") is None
    assert resolve_pack_path("case-studies/a", "/b.png") is None
    assert resolve_pack_path("", "b.png") == "b.png"


def test_case_slug_rejects_non_sibling_paths() -> None:
    assert case_slug("case-studies/a", "../b/") == "b"
    assert case_slug("case-studies/a", "../b/photo.png") is None
    assert case_slug("case-studies/a", "../../media/") is None
    assert case_slug("case-studies/a", "case:Bad Slug") is None
