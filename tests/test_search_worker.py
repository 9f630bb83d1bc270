"""The search box's worker and the lean index it makes possible (issue 18).

The browser side is proven in ``test_browser.py``; here: the built site starts the portal's worker with
Material's, a missing Material worker fails the build loudly, and the index's word rules, worked by hand.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
from pathlib import Path

import material
import pytest

from portal.edge import search_switch
from portal.output.web import search
from tests import search_rule
from tests.conftest import make_site, mkdocs_build, report

WORKERS = Path("assets", "javascripts", "workers")


def _config(page: Path) -> dict[str, object]:
    found = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page.read_text("utf-8"), re.S)
    assert found, f"{page}: no Material __config"
    return json.loads(found.group(1))


@pytest.mark.slow
def test_every_page_starts_the_portal_worker_with_materials(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report(title="冬春救助", body="开展临时救助站建设。")})
    out = tmp_path / "out"
    result = mkdocs_build(site, dest=out)
    assert result.returncode == 0, result.stderr
    # Material's own worker, as its package ships it (one file, named by its content hash).
    shipped = glob.glob(os.path.join(os.path.dirname(material.__file__), "templates", WORKERS, "search.*.min.js"))
    assert len(shipped) == 1, shipped
    material_name = os.path.basename(shipped[0])
    pages = [out / "index.html", out / "reports" / "2026" / "03" / "a" / "index.html", out / "404.html"]
    # ... and the portal's, named with a hash of its text so that a cached older worker is not used
    version = hashlib.sha256((out / WORKERS / search_switch.PORTAL_WORKER).read_bytes()).hexdigest()[:10]
    for page in pages:
        url = str(_config(page)["search"])
        expected = f"assets/javascripts/workers/{search_switch.PORTAL_WORKER}?worker={material_name}&v={version}"
        assert url.endswith(expected), (page, url)
    # Both files are published, side by side (Material's worker finds its ../lunr/ from there).
    assert (out / WORKERS / search_switch.PORTAL_WORKER).is_file()
    assert (out / WORKERS / material_name).is_file()
    assert (out / "assets" / "javascripts" / "lunr" / "min" / "lunr.zh.min.js").is_file()
    worker = (out / WORKERS / search_switch.PORTAL_WORKER).read_text("utf-8")
    assert "importScripts(name)" in worker and "self.lunr" in worker


def test_material_worker_is_found_in_the_first_theme_folder_that_has_one(tmp_path: Path) -> None:
    first, second = tmp_path / "custom", tmp_path / "theme"
    (second / WORKERS).mkdir(parents=True)
    (second / WORKERS / "search.0123abcd.min.js").write_text("", encoding="utf-8")
    (second / WORKERS / "search.0123abcd.min.js.map").write_text("", encoding="utf-8")
    first.mkdir()
    assert search_switch.material_worker([str(first), str(second)]) == "search.0123abcd.min.js"
    (second / WORKERS / "search.feedbeef.min.js").write_text("", encoding="utf-8")
    with pytest.raises(search_switch.WorkerNotFound, match="有 2 个搜索程序"):
        search_switch.material_worker([str(first), str(second)])
    with pytest.raises(search_switch.WorkerNotFound, match=r"search\.\*\.min\.js.*重新安装 mkdocs-material"):
        search_switch.material_worker([str(first)])


def test_a_missing_material_worker_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Material renamed or moved its worker: the build stops and says so (no site whose search box is dead)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    site = make_site(tmp_path, reports={"2026/03/a.md": report(title="冬春救助")})
    monkeypatch.setattr(search_switch, "MATERIAL_WORKER", ("assets", "javascripts", "no-such-folder"))
    monkeypatch.setenv("PORTAL_AS_OF", "2026-04-05")
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    with pytest.raises(Abort):
        build(config)
    assert re.search(
        r"search: 主题文件夹（.*）里没有 assets/javascripts/no-such-folder/search\.\*\.min\.js", caplog.text
    )
    assert not (tmp_path / "out" / "index.html").exists()


# --- the index's words, worked by hand --------------------------------------------------------------------


def test_single_characters_chain_their_neighbours_but_not_across_punctuation() -> None:
    # 居家|适|老化 are neighbours (one U+200B apart): 适 is cut off alone, so the chain 居家适老化;
    # "，" ends the chain; 适|老化 after it make 适老化; the lone 适 is no word (one character).
    words = search.words_of(["居家", "适", "老化", "，", "适", "老化"])
    assert words == {"居家适老化", "适老化", "居家", "老化"}
    # Function characters (的) chain nothing: 工作|的|开展 gives only the words.
    assert search.words_of(["工作", "的", "开展"]) == {"工作", "开展"}


def test_prune_drops_words_inside_other_words() -> None:
    # 救助 is inside 临时救助站 (found there by the infix rule); 站长 is inside nothing.
    assert search.prune({"救助", "临时救助站", "站长"}, set()) == {"临时救助站", "站长"}
    # A word the preview already shows (also) takes the words inside it out of the bag, and is not repeated.
    assert search.prune({"社区", "治理"}, {"社区治理"}) == set()
    # Numbers and Latin words are looked up as prefixes: 20 and 2026 start 2026.5, 26 starts nothing.
    assert search.prune({"20", "2026", "2026.5", "26"}, set()) == {"2026.5", "26"}


def test_finds_chinese_anywhere_and_other_terms_at_the_start() -> None:
    assert search_rule.finds("救助站", "临时救助站")
    assert search_rule.finds("临时", "临时救助站")
    assert not search_rule.finds("救助所", "临时救助站")
    assert search_rule.finds("20", "2026")
    assert not search_rule.finds("26", "2026")


def test_query_terms_split_only_the_chinese_runs_by_the_index_words() -> None:
    vocabulary = {"临时", "救助"}
    # 临时救助站: Material's segmentation looks up the proper beginnings 临时… from each start: 临时 (0-2) and
    # 救助 (2-4) are words, so the terms are 临时 and 救助; "ABC 2026" stays as it is, lowercased.
    assert search_rule.query_terms("临时救助站 ABC 2026", vocabulary) == ["临时", "救助", "abc", "2026"]
    # No word of the index inside: the run is one term.
    assert search_rule.query_terms("老化", vocabulary) == ["老化"]


def test_compacted_entry_cuts_tags_and_keeps_one_copy_of_each_word() -> None:
    entry = {
        "location": "reports/a/",
        "title": "临时救助",
        "text": "<p>县民政局开展临时救助工作。</p>",
        "tags": ["临时救助"],
    }
    assert search.cut("县民政局开展临时救助工作。") == ["县", "民政局", "开展", "临时", "救助", "工作", "。"]
    assert search.cut("临时救助") == ["临时", "救助"]
    out = search.compact_entry(entry)
    tokens = search_rule.entry_tokens(out, search.SEPARATOR)
    assert out["tags"][0].replace("\u200b", "") == "临时救助"
    # The tag adds no word 临时救助 to the vocabulary the search box splits queries by (it is cut as the title is).
    assert "临时救助" not in tokens
    assert {"临时", "救助"} <= tokens
    # The text is all preview (13 characters < 90), U+200B between words but not next to "。"; then the words
    # not shown: of 县民政局 (县 is cut off alone, so it chains 民政局), 民政局, 开展, 临时, 救助, 工作 only the
    # chain is not in the preview; 救助 (the title's last word) and 县 (the text's first) make no chain.
    preview, _, bag = out["text"].partition(search.WORDS_MARK)
    assert "\u200b。" not in preview and "。\u200b" not in preview
    assert preview.replace("\u200b", "") == "县民政局开展临时救助工作。"
    assert bag == "县民政局"
