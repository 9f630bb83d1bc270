"""The page CSP (portal/output/web/csp.py), without MkDocs: which inline scripts are hashed, and the policy's text."""

from __future__ import annotations

import base64
import hashlib

from portal.output.web import csp

PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8">
<title>t</title>
<script>var theme = 1;</script>
<script src="assets/bundle.js"></script>
<script id="__config" type="application/json">{"base": "."}</script>
</head><body>
<article class="md-content__inner"><h1>报告</h1>{content}</article>
<script>
  var late = 2;
</script>
</body></html>"""


def sha(code: str) -> str:
    # The browser's rule (CSP3 §8.4): base64 of SHA-256 over the script's text in UTF-8, exactly as written.
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def test_script_hash_is_the_browsers_hash() -> None:
    # SHA-256 of the empty string is the well-known e3b0c442…b855, base64 47DEQpj8…SuFU=.
    assert csp.script_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    assert csp.script_hash("alert('公开')") == sha("alert('公开')")


def test_only_the_themes_inline_scripts_are_hashed() -> None:
    html = PAGE.replace("{content}", "<p>正文</p>")
    assert csp.theme_scripts(html) == ["var theme = 1;", "\n  var late = 2;\n"]


def test_a_script_in_the_content_is_never_hashed() -> None:
    smuggled = "<script>steal()</script></article><script>steal2()</script><article>"
    html = PAGE.replace("{content}", smuggled)
    found = csp.theme_scripts(html, content=smuggled)
    assert found == ["var theme = 1;", "\n  var late = 2;\n"]
    # Even when the caller does not know the content, anything between the article tags stays out.
    assert "steal()" not in " ".join(csp.theme_scripts(html)) and "steal2()" not in " ".join(csp.theme_scripts(html))
    policy = csp.policy(found)
    assert sha("steal()") not in policy and sha("steal2()") not in policy


def test_policy_is_self_only_with_hashes_and_no_unsafe_inline() -> None:
    policy = csp.policy(["var theme = 1;", "var theme = 1;"])
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == f"'self' {sha('var theme = 1;')}"  # once, however often it occurs
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in policy
    assert "http" not in policy and "*" not in policy  # no outside source
    assert "frame-ancestors" not in policy  # ignored in a <meta>; the server sends it


def test_protect_puts_csp_and_robots_first_in_head() -> None:
    html = PAGE.replace("{content}", "")
    out = csp.protect(html)
    head = out.split("<title>")[0]
    assert head.endswith(
        '<meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp.policy(csp.theme_scripts(html))}">'
        '<meta name="robots" content="noindex, nofollow">\n'
    )
    assert out.index("Content-Security-Policy") < out.index("<script")
    assert csp.protect(out) == out  # applied twice: the same page (no second policy)


def test_protect_without_charset_meta_uses_the_head_tag() -> None:
    out = csp.protect("<html><head><title>x</title></head><body></body></html>")
    assert out.startswith('<html><head><meta http-equiv="Content-Security-Policy"')


def test_serve_mode_keeps_noindex_but_leaves_the_policy_out() -> None:
    # mkdocs serve injects <script>livereload(epoch, request_id)</script> into each page it serves.
    out = csp.protect(PAGE.replace("{content}", ""), with_policy=False)
    assert "Content-Security-Policy" not in out
    assert '<meta charset="utf-8"><meta name="robots" content="noindex, nofollow">' in out
