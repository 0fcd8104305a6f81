"""Reading text as an analyst would: amounts, dates, entity mentions and facts (no store needed)."""

from __future__ import annotations

import pytest

from tidings.clean import normalize, split_sentences
from tidings.enrich.amounts import find_amounts, numbers_across
from tidings.enrich.dates import find_dates, infer_published
from tidings.enrich.entities import Mention, find_mentions, group_mentions
from tidings.enrich.facts import sentence_facts
from tidings.enrich.names import sound_similarity

# -- amounts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found", "normalized", "kind"),
    [
        ("融资4500万美元", "4500万美元", "45,000,000 USD", "money"),
        ("不到4500万美元", "不到4500万美元", "< 45,000,000 USD", "money"),
        ("筹集了1亿。", "1亿", "100,000,000", "number"),
        ("7万亿美元的计划", "7万亿美元", "7,000,000,000,000 USD", "money"),
        ("以4亿英镑买下", "4亿英镑", "400,000,000 GBP", "money"),
        ("市值30B美元", "30B美元", "30,000,000,000 USD", "money"),
        ("估值达到30B", "30B", "30,000,000,000", "number"),
        ("约1亿元人民币", "约1亿元人民币", "~ 100,000,000 CNY", "money"),
        ("近2亿美元", "近2亿美元", "~ 200,000,000 USD", "money"),
        ("超过9000万美元", "超过9000万美元", "> 90,000,000 USD", "money"),
        ("至少5000万美元", "至少5000万美元", ">= 50,000,000 USD", "money"),
        ("10亿美元左右", "10亿美元左右", "~ 1,000,000,000 USD", "money"),
        ("数十亿美元的资金", "数十亿美元", "~ 1,000,000,000-10,000,000,000 USD", "money"),
        ("不到 4500 万美元", "不到 4500 万美元", "< 45,000,000 USD", "money"),
        ("It raised $30 billion", "$30 billion", "30,000,000,000 USD", "money"),
        ("at least $4.5m in cash", "at least $4.5m", ">= 4,500,000 USD", "money"),
        ("about 400 million euros", "about 400 million euros", "~ 400,000,000 EUR", "money"),
        ("订购40台潮汐3号", "40台", "40 台", "count"),
        ("买了1万块GPU", "1万块GPU", "10,000 GPU", "count"),
        ("公司有300名员工", "300名员工", "300 员工", "count"),
        ("more than 500 employees", "more than 500 employees", "> 500 employee", "count"),
    ],
)
def test_amount_forms(text: str, found: str, normalized: str, kind: str) -> None:
    amounts = find_amounts(text)
    assert [(a.text, a.normalized, a.kind) for a in amounts] == [(found, normalized, kind)]
    assert text[amounts[0].start : amounts[0].end] == found


@pytest.mark.parametrize("text", ["一个人来了", "他在2023年3月说", "工作了5年", "一元化管理", "twenty men"])
def test_no_amount_where_there_is_none(text: str) -> None:
    assert find_amounts(text) == []


def test_numbers_as_the_other_language_writes_them() -> None:
    assert numbers_across("What happened 66 million years ago?") == {"66": ["6600"]}
    assert numbers_across("a 2.5 billion dollar deal") == {"2.5": ["25"]}  # 25亿, not 250000万
    assert numbers_across("约1.2亿人, 3000万美元") == {"1.2": ["120 million"], "3000": ["30 million"]}
    assert numbers_across("in 1998, 40 people") == {}
    assert numbers_across("a play of the 1970s") == {"1970s": ["70年代"]}
    assert numbers_across("20世纪70年代的剧目") == {"70": ["1970s"], "20": ["20th century"]}
    assert numbers_across("in the 21st century") == {"21st": ["21世纪"]}


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "value", "local"),
    [
        ("当地时间2月29日晚间起诉OpenAI", "2024-03-06", "2024-02-29", True),
        ("今年2月底", "2024-03-06", "2024-02", False),
        ("2023年3月9日就注册了", "2024-03-06", "2023-03-09", False),
        ("2015年", "2024-03-06", "2015", False),
        ("去年", "2024-03-06", "2023", False),
        ("昨天", "2024-03-06", "2024-03-05", False),
        ("上周五", "2024-03-06", "2024-03-01", False),
        ("12月31日", "2009-01-02", "2008-12-31", False),  # a yearless date long after publication: last year
        ("３月１０日", "2026-02-20", "2026-03-10", False),  # full-width digits (NFKC) and an announced date
        ("On March 5, 2024 it said", "2024-03-06", "2024-03-05", False),
        ("late on Thursday local time", "2024-03-06", "2024-02-29", True),
        ("in 2016", "2024-03-06", "2016", False),
        ("December 2023", "2024-03-06", "2023-12", False),
    ],
)
def test_dates_resolve_against_publication(text: str, published: str, value: str, local: bool) -> None:
    dates = find_dates(normalize(text), published)
    assert [(d.value, d.local_time) for d in dates] == [(value, local)]


def test_expressions_without_a_day_month_or_year_are_not_dates() -> None:
    assert find_dates("目前,近期,20时许", "2024-03-06") == []


def test_publication_date_inferred_from_a_yearless_dateline() -> None:
    # 2月29日 exists only in a leap year: after 2023 (the latest year named), 2024.
    text = "3月6日,某公司回应诉讼。此前在2023年,公司融资;当地时间2月29日晚间,诉讼提起。"
    assert infer_published(text) == "2024-03-06"
    assert infer_published("2019年5月1日发布,2021年6月2日更新。") == "2021-06-02"
    assert infer_published("没有日期的文章") is None


# -- entities ----------------------------------------------------------------------------------


def _doc(text: str) -> list[Mention]:
    return find_mentions(split_sentences(text), "zh")


def test_chinese_mentions_dots_appositions_latin_and_organisations() -> None:
    mentions = _doc("海风公司CEO萨姆·奥尔特曼(Sam Altman)说,海澄港务局将与Neuralink合作。")
    by_text = {m.text: m for m in mentions}
    assert by_text["萨姆·奥尔特曼"].type == "PER" and by_text["萨姆·奥尔特曼"].english == "Sam Altman"
    assert "Sam Altman" not in by_text  # the apposition is the Chinese name's English, not a mention
    assert by_text["Neuralink"].type == "ORG"
    assert by_text["海澄港务局"].type == "ORG"
    assert "CEO" not in by_text


def test_dotted_names_end_where_jiebas_words_do() -> None:
    # 珊 and 保 are in no set of transliteration characters, and 陈嘉树 is a Chinese name: the
    # dot and jieba's words find them whole. 曾 (沃斯曾) and 在 are what the person did.
    people = {
        m.text
        for text in (
            "海洋学家苏珊·梅尔维尔在海澄湾工作,同事保罗·卡萨诺夫和乔治·陈嘉树随后加入。",
            "卡特里娜·沃斯曾在欧洲任职。画像由托马斯·冯·海登完成,赠给弗朗茨·约瑟夫一世。",
        )
        for m in _doc(text)
        if m.type == "PER"
    }
    assert {"苏珊·梅尔维尔", "保罗·卡萨诺夫", "乔治·陈嘉树", "卡特里娜·沃斯"} <= people
    assert {"托马斯·冯·海登", "弗朗茨·约瑟夫一世"} <= people


def test_a_foreign_name_written_without_its_dot_is_one_person() -> None:
    # 达尔文 ends in 文 as 中文 does, and 文 is no transliteration character: the gazetteer knows
    # him as a person. 苏丹 and 伊斯兰 are two known places, not one name; 巴金 and 钱钟书, listed
    # with nothing between them, two Chinese writers.
    people = {(m.text, m.type) for m in _doc("评论引用了查尔斯达尔文的书,还有达尔文的信。")}
    assert {("查尔斯达尔文", "PER"), ("达尔文", "PER")} <= people
    assert "苏丹伊斯兰" not in {m.text for m in _doc("苏丹伊斯兰政权在当年倒台。")}
    assert "巴金钱钟书" not in {m.text for m in _doc("到场的有巴金钱钟书两位作家。")}


def test_countries_and_cities_jieba_tags_as_people_are_places() -> None:
    places = {(m.text, m.type) for m in _doc("记者从阿富汗发回报道,随后飞往哈萨克斯坦和马拉维。")}
    assert {("阿富汗", "LOC"), ("哈萨克斯坦", "LOC"), ("马拉维", "LOC")} <= places


def test_common_words_tagged_as_names_are_not_entities() -> None:
    texts = {m.text for m in _doc("他写了一篇博文,说得很明白,语气斯文。")}
    assert not texts & {"博文", "明白", "斯文"}


def test_parts_join_their_full_name_only_when_unambiguous() -> None:
    one = group_mentions(_doc("格雷格·布罗克曼在会上发言。布罗克曼随后离开。"))
    assert [sorted(e.surfaces) for e in one] == [["布罗克曼", "格雷格·布罗克曼"]]
    two = group_mentions(_doc("伊隆·马斯克与金博·马斯克出席。马斯克发言。"))
    groups = sorted(sorted(e.surfaces) for e in two)
    assert ["马斯克"] in groups  # which 马斯克 spoke is not known: neither full name gets it


def test_transliterations_sound_alike() -> None:
    assert sound_similarity("奥特曼", "奥尔特曼") >= 0.95
    assert sound_similarity("阿尔特曼", "奥尔特曼") >= 0.86
    assert sound_similarity("马斯克", "马克") < 0.86
    assert sound_similarity("基辛格", "辛格") < 0.86


def test_english_mentions_with_spacy() -> None:
    mentions = find_mentions(split_sentences("Elon Musk sued OpenAI in San Francisco."), "en")
    assert {(m.text, m.type) for m in mentions} >= {("Elon Musk", "PER"), ("San Francisco", "LOC")}


def test_an_english_name_of_a_place_the_tagger_takes_for_a_person_is_a_place() -> None:
    text = "The Haicheng-based maker lost a robot off Haicheng Bay on Monday."
    types = {m.text: m.type for m in find_mentions(split_sentences(text), "en")}
    assert types.get("Haicheng Bay") == "LOC"
    assert types.get("Haicheng", "LOC") == "LOC"  # before -based


# -- facts -------------------------------------------------------------------------------------


def _facts(text: str, published: str = "2024-03-06") -> list[tuple[str, str, str, str | None, str | None]]:
    sentence = split_sentences(text)[0]
    mentions = find_mentions([sentence], "zh")
    facts = sentence_facts(sentence.normalized, 0, mentions, published, "zh")
    return [(f.subject, f.attribute, f.normalized, f.date, f.claimed_by) for f in facts]


def test_money_facts_with_subject_date_and_claimant() -> None:
    assert ("马斯克", "contribution", "< 45,000,000 USD", None, "OpenAI") in _facts(
        "OpenAI称,从马斯克那里筹集的资金不到4500万美元。"
    )
    assert ("亚马逊", "contribution", "4,000,000,000 USD", "2023", "亚马逊") in _facts(
        "亚马逊去年宣布向Anthropic投资40亿美元。"
    )
    assert ("青澜潮汐", "funding", "120,000,000 USD", "2026-03-02", "青澜潮汐") in _facts(
        "水下机器人公司青澜潮汐3月2日宣布完成1.2亿美元B轮融资。", "2026-03-05"
    )


def test_dated_event_and_count_facts() -> None:
    facts = _facts("当地时间2月29日晚间,马斯克起诉OpenAI。")
    assert ("马斯克", "lawsuit", "2024-02-29", "2024-02-29", None) in facts
    assert ("海澄港务局", "count:units", "40 台", None, None) in _facts("海澄港务局订购了40台潮汐3号。")


def test_accented_latin_letters_fold_to_their_bare_letters() -> None:
    from tidings.enrich.tokens import fold_accents, tokenize

    # jieba cuts a word at a letter outside ASCII (tem ü jin); folded, the name is one token
    assert tokenize("Andrés López Obrador met Temüjin's heirs in Zürich and Łódź") == [
        "andre", "lopez", "obrador", "met", "temujin", "s", "heir", "zurich", "lodz"
    ]  # fmt: skip
    text = "Ørsted 在 São Paulo 开会"
    assert fold_accents(text) == "Orsted 在 Sao Paulo 开会"
    assert len(fold_accents("Straße, Æsir, Việt")) == len("Straße, Æsir, Việt")  # one for one: ß, Æ stay
    assert fold_accents("纯中文") == "纯中文"


def test_a_latin_name_with_accents_is_latin() -> None:
    from tidings.enrich.entities import is_distinctive_name
    from tidings.enrich.names import is_latin

    assert is_latin("Joaquín Peñalosa") and is_latin("Sam Altman") and not is_latin("佩尼亚洛萨")
    # a single capitalised Latin word is no distinctive name, accents or not (as Chinese of 3+ is)
    assert not is_distinctive_name("Malmö") and not is_distinctive_name("Malmo")
    assert is_distinctive_name("Joaquín Peñalosa") and is_distinctive_name("佩尼亚洛萨")
