"""Cleaning: boilerplate removal for text pages, normalisation, sentences with exact offsets."""

from __future__ import annotations

from tidings.clean import clean
from tidings.clean.normalize import normalize, normalize_with_map, remove_glosses
from tidings.clean.sentences import split_sentences
from tidings.clean.text import clean_text
from tidings.enrich.tokens import tokenize
from tidings.models import RawItem

# A page as a browser's "save as text" leaves it: our own invented article inside invented noise.
MESSY_PAGE = """您的位置:首页 > 科技 > 正文
青澜潮汐发布潮汐3号
2026-03-10 09:30
1,024次阅读
文 | 海澄日报记者 王小川
3月10日,青澜潮汐在海澄港发布新一代水下巡检机器人潮汐3号,这是公司成立五年来最重要的产品。
潮汐3号可在水下80米深处连续工作6小时,能够自动识别船体裂缝和桩基腐蚀,价格比上一代低约三成。
产品亮点
林嘉禾在发布会上说:“我们希望让每个港口都用得起水下巡检。”他表示,首批订单来自海澄港务局。
青澜潮汐发布潮汐3号
|发布会现场,图片来源@海澄日报
公司计划今年在东南亚设立服务中心,为当地港口提供检测服务,并招聘约五十名工程师。
分享到:
关注海澄日报微信公众号,获取更多科技新闻
相关文章
海澄大学新校区今日开工
本市地铁三号线延长段通车
暑期游泳安全提示
评论
发表评论
Great post, thanks for sharing! Visit my casino site for free spins and bonus codes every day.
"""


def test_text_page_keeps_every_paragraph_and_no_noise() -> None:
    page = clean_text(MESSY_PAGE)
    lines = page.text.split("\n")
    assert lines[0].startswith("3月10日,青澜潮汐在海澄港发布")
    assert any(line.startswith("潮汐3号可在水下80米") for line in lines)
    assert "产品亮点" in lines  # a heading between paragraphs stays
    assert any(line.startswith("林嘉禾在发布会上说") for line in lines)
    assert lines[-1].startswith("公司计划今年在东南亚设立服务中心")
    for noise in (
        "您的位置",
        "次阅读",
        "王小川",
        "图片来源",
        "分享到",
        "公众号",
        "相关文章",
        "地铁三号线",
        "游泳",
        "评论",
        "casino",
    ):
        assert noise not in page.text, noise
    assert page.title == "青澜潮汐发布潮汐3号"
    assert page.published == "2026-03-10"


def test_comment_counter_at_the_top_does_not_cut_the_article() -> None:
    page = clean_text("没有评论\n" + "青澜潮汐完成B轮融资,本轮由沃斯资本领投,本地产业基金跟投。\n" * 3)
    assert page.text.count("青澜潮汐完成B轮融资") == 1  # repeats removed, article kept


def test_pinyin_glosses_are_removed_for_matching_only() -> None:
    garbled = "在行業(yè)還在探討時(shí),因?yàn)榕c"
    assert remove_glosses(garbled) == "在行業還在探討時,因榕c"
    assert normalize("行業(yè)達(dá)到34億美元") == "行业达到34亿美元"
    assert normalize("佩奇撂下一句(specieist)") == "佩奇撂下一句(specieist)"  # English in parentheses stays


def test_normalized_offsets_map_back_to_the_original() -> None:
    original = "OpenAI的年化收入增長(zhǎng)了一倍多,達(dá)到34億美元"
    normal, offsets = normalize_with_map(original)
    i = normal.index("34亿美元")
    j = i + len("34亿美元")
    assert original[offsets[i] : offsets[j]] == "34億美元"


def test_invisible_characters_are_dropped_for_matching_only() -> None:
    # a soft hyphen, a zero-width space and a byte-order mark inside words, as pages leave them
    original = "\ufeffJoaquín Peña\u00adlosa说,青澜\u200b潮汐将扩建"
    normal, offsets = normalize_with_map(original)
    assert normal == "Joaquín Peñalosa说,青澜潮汐将扩建"
    assert tokenize(normal)[:2] == ["joaquin", "penalosa"]
    i = normal.index("青澜潮汐")
    assert original[offsets[i] : offsets[i + 4]] == "青澜\u200b潮汐"  # cited as written
    # the form stored before they were dropped still maps back
    kept, kept_offsets = normalize_with_map(original, keep_invisible=True)
    assert len(kept) == len(original) and kept_offsets[:-1] == list(range(len(original)))


def test_sentences_carry_exact_offsets() -> None:
    text = "马斯克说:“这是真的。”他随后离开。\nBlueTide raised $80 million. Mr. Lin said so! It is big.\n短句"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "马斯克说:“这是真的。”",
        "他随后离开。",
        "BlueTide raised $80 million.",
        "Mr. Lin said so!",
        "It is big.",
        "短句",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text
    assert sentences[2].paragraph == 1


def test_clean_html_takes_title_date_and_main_text() -> None:
    html = """<html><head><title>Port orders robots | Harbor Ledger</title>
    <meta property="article:published_time" content="2026-03-19T08:00:00Z"></head><body>
    <nav><a href="/">Home</a> <a href="/biz">Business</a></nav>
    <article><h1>Haicheng port authority orders 40 BlueTide robots</h1>
    <p>The Haicheng Port Authority has ordered 40 Tide-3 robots from BlueTide Robotics to inspect the piles
    under its wharves, the two sides said on Wednesday.</p>
    <p>The value of the contract was not disclosed. Deliveries are due to finish by June, the authority said
    in a statement published on its website.</p></article>
    <footer>Copyright 2026 Harbor Ledger. All rights reserved.</footer></body></html>"""
    doc = clean(RawItem(source="ledger.html", html=html))
    assert "ordered 40 Tide-3 robots" in doc.text
    assert "All rights reserved" not in doc.text and "Home" not in doc.text
    assert doc.published == "2026-03-19"
    assert doc.title and "port authority" in doc.title.lower()
    assert doc.language == "en"
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
