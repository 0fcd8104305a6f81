"""The reader: candidate spans, their features, and the span the shipped weights pick."""

from __future__ import annotations

import pytest

from tests.test_answer import _candidate_for
from tidings.answer import READER_SURE, _pick_span, _read, _Scored, _take_reading
from tidings.answer.reader import (
    MAX_SPAN_CHARS,
    Reading,
    _expected_best,
    _view_of,
    candidate_features,
    read_span,
    reader_weights,
)
from tidings.answer.spans import Span


def _read_answer(question: str, sentence: str) -> tuple[str | None, str | None]:
    """The rules' answer and the reader's, for ``question`` over ``sentence`` (the reader's span,
    whether or not it is sure enough of it to answer with it rather than the sentence)."""
    q, c = _candidate_for(question, sentence)
    rule, _ = _pick_span(q, c)
    scored = _Scored(c, 1.0, rule, 0.0)
    _read(q, scored)
    return scored.rule_value, scored._shown(scored.read or scored.span)


def test_weights_are_shipped() -> None:
    weights = reader_weights()
    assert len(weights) > 1000
    # what the fit learnt, in sign: agree with the rules, stand where the question's words say,
    # do not repeat the question
    assert weights["rule_iou"] > 0 and weights["left_next"] > 0 and weights["right_next"] > 0
    assert weights["question_chars"] < 0


def test_candidates_stay_inside_one_clause_and_include_the_rules_guess() -> None:
    q, c = _candidate_for("海澄大学位于哪个城市?", "海澄大学位于福建省厦门市,创办于1921年,是一所综合性大学。")
    odd_guess = Span(8, 11, c.row["normalized"][8:11])  # not on word boundaries: 建省厦
    spans, features = candidate_features(q, c.row["normalized"], odd_guess, c.found)
    assert len(spans) == len(features) > 20
    assert odd_guess in spans
    assert features[spans.index(odd_guess)]["rule"] == 1.0
    for span in spans:
        assert not any(p in span.text for p in ",。") and len(span.text) <= MAX_SPAN_CHARS
    assert "福建省厦门市" in [s.text for s in spans]


def test_a_number_with_thousands_separators_is_one_word() -> None:
    # jieba cuts 1,250 at its comma, and no candidate crosses a comma: the number is joined first
    question, sentence = "海澄港去年停靠了多少艘货轮?", "海澄港去年共停靠货轮1,250艘,比前年多三成。"
    q, c = _candidate_for(question, sentence)
    texts = [s.text for s in candidate_features(q, c.row["normalized"], None, c.found)[0]]
    assert "1,250艘" in texts and "1" not in texts and "250艘" not in texts
    assert _read_answer(question, sentence)[1] == "1,250艘"


def test_a_candidate_holds_a_bracketed_or_quoted_group_whole() -> None:
    # 白鹭队(海澄二队) is one answer, though no candidate crossed a bracket before; an aside alone
    # in brackets is no candidate's start, a quoted title is; an empty pair is crossed by none. (A
    # person is asked for: an open question's candidates include whole clauses, brackets and all.)
    sentence = "1996年,白鹭队(海澄二队)以“快攻”打法夺得乙级联赛亚军,教练陈默(),时年四十。"
    q, c = _candidate_for("1996年白鹭队的教练是谁?", sentence)
    assert q.kind == "person"
    texts = [s.text for s in candidate_features(q, c.row["normalized"], None, c.found)[0]]
    assert {"白鹭队(海澄二队)", "海澄二队", "白鹭队", "“快攻”打法", "“快攻”"} <= set(texts)
    assert not any(t.startswith("(") for t in texts)
    assert not any("()" in t for t in texts)


def test_the_clause_that_holds_the_question_s_words_is_told_apart() -> None:
    # of 林岚在哪里出生?, 出生 stands in the first clause only, though both name a place
    sentence = "林岚出生于海澄县的白鹭镇,在福州的仓山长大。"
    q, c = _candidate_for("林岚在哪里出生?", sentence)
    spans, features = candidate_features(q, c.row["normalized"], None, c.found)
    born, grown = (features[[s.text for s in spans].index(t)] for t in ("海澄县的白鹭镇", "福州的仓山"))
    assert born["clause_best"] == 1.0 and "clause_best" not in grown
    assert born["clause_support"] > grown.get("clause_support", 0.0)
    assert grown["clause_short"] > 0


def test_an_open_question_s_answer_may_run_over_commas_a_name_s_never() -> None:
    sentence = "海澄书院的藏品分三类,宋版方志,明抄诗集和清代县志,由林岚整理。"
    over_commas = {}
    for question in ("海澄书院有哪些藏品?", "谁整理了海澄书院的藏品?"):
        q, c = _candidate_for(question, sentence)
        texts = [s.text for s in candidate_features(q, c.row["normalized"], None, c.found)[0]]
        over_commas[q.kind] = [t for t in texts if "," in t]
    assert "宋版方志,明抄诗集和清代县志" in over_commas["open"]
    assert over_commas["person"] == []


def test_no_candidate_starts_on_a_closing_mark_or_is_marks_only() -> None:
    # a source that dropped a name in another script leaves 林岚(,,), before the clauses
    sentence = "林岚(,,),又名林小岚,海澄港务局的首席工程师,负责潮汐3号的设计。"
    q, c = _candidate_for("林岚的职业是什么?", sentence)
    texts = [s.text for s in candidate_features(q, c.row["normalized"], None, c.found)[0]]
    assert "又名林小岚,海澄港务局的首席工程师" in texts
    assert [t for t in texts if t[0] in ",)" or not any(ch.isalnum() for ch in t)] == []


def test_without_weights_the_rules_answer() -> None:
    q, c = _candidate_for("白石桥是什么时期建造的?", "白石桥始建于明代万历年间,清代重修。")
    rule = Span(0, 3, "白石桥")
    assert read_span(q, c.row["normalized"], rule, c.found, weights={}) is rule


@pytest.mark.parametrize(
    ("question", "sentence", "rules", "reader"),
    [
        # the rules' gap keeps the verb before the time; the reader leaves it out
        (
            "白石桥是什么时期建造的?",
            "白石桥始建于明代万历年间,清代重修。",
            "始建于明代万历年间",
            "明代万历年间",
        ),
        # no pattern of the rules finds a cause here (no 因为, 由于); the reader reads one, with its
        # year (the span that holds the likeliest guesses: 战事爆发, 1937年战事)
        ("林望舒为什么离开上海?", "1937年战事爆发,林望舒被迫离开上海,迁居昆明。", None, "1937年战事爆发"),
        # a cause that runs over a comma: whole clauses are candidates for causes and descriptions
        (
            "白石桥为什么要重修?",
            "清代初年,一场洪水冲毁了桥的北段,白石桥因此重修。",
            None,
            "清代初年,一场洪水冲毁了桥的北段",
        ),
        # no gap either: the sentence words the question differently; the motto with its quotes,
        # as CMRC 2018 dev's first answers keep them, 160 times in 216
        ("海澄大学的校训是什么?", "海澄大学的校训是“自强不息”,写在校门上。", None, "“自强不息”"),
        # the question's words right beside the answer, though it words its copula differently
        # (the rules' gap takes in the words before it)
        (
            "仓山镇在海澄县被称为什么?",
            "仓山镇位于海澄县北部,在海澄县称茶乡,以乌龙茶闻名。",
            "海澄县称茶乡",
            "茶乡",
        ),
        # the answer named before the question's words (白鹭镇是[海澄县最大的镇])
        ("海澄县最大的镇叫什么?", "以人口计算,白鹭镇是海澄县最大的镇,其次是仓山镇。", None, "白鹭镇"),
        # a work asked for: the 《title》
        (
            "陈远航主持过哪档节目?",
            "陈远航曾在海澄电视台主持访谈节目《夜航》,后来转做制片。",
            "访谈",
            "《夜航》",
        ),
    ],
)
def test_the_reader_finds_answers_the_rules_miss(
    question: str, sentence: str, rules: str | None, reader: str
) -> None:
    assert _read_answer(question, sentence) == (rules, reader)


@pytest.mark.parametrize(
    ("question", "sentence", "answer"),
    [
        ("海澄大学位于哪个城市?", "海澄大学位于福建省厦门市,创办于1921年。", "福建省厦门市"),
        ("《白鹭之歌》的作者是谁?", "《白鹭之歌》是诗人林望舒在1936年写成的一部长诗。", "林望舒"),
        (
            "星火号探测器是由哪个机构研制的?",
            "星火号探测器由南湖空间技术研究院研制,重约两吨。",
            "南湖空间技术研究院",
        ),
        ("陈远航在乐队中担任什么?", "陈远航在蓝鲸乐队中担任主唱和词作者。", "主唱和词作者"),
    ],
)
def test_the_reader_keeps_what_the_rules_get_right(question: str, sentence: str, answer: str) -> None:
    assert _read_answer(question, sentence) == (answer, answer)


def test_durations_found_by_the_rules_stay_theirs_and_each_language_has_its_reader() -> None:
    # a duration the rules' pattern found is not read again (RULES_FIRST_KINDS)
    q, c = _candidate_for("白石桥重修用了多长时间?", "白石桥1921年重修,工期约两年。")
    rule, _ = _pick_span(q, c)
    scored = _Scored(c, 1.0, rule, 0.0)
    _read(q, scored)
    assert scored.read is None and scored.value == "约两年"
    # an English question over a Chinese sentence is not read: each reader was fitted on
    # questions and sentences of its own language (over an English one, the English reader reads)
    q, c = _candidate_for("Who designed the White Stone Bridge?", "白石桥由林望舒设计。")
    scored = _Scored(c, 1.0, None, 0.0)
    _read(q, scored)
    assert scored.read is None
    q, c = _candidate_for(
        "Who designed the White Stone Bridge?", "The bridge was designed by Lin Wangshu.", language="en"
    )
    scored = _Scored(c, 1.0, None, 0.0)
    _read(q, scored)
    assert scored.read is not None and scored.read.text == "Lin Wangshu"


def test_the_answer_is_the_span_expected_to_overlap_most_with_the_right_one() -> None:
    sentence = "满田拓也出生于广岛县福山市。"

    def span(text: str) -> Span:
        start = sentence.index(text)
        return Span(start, start + len(text), text)

    # the mass is split between 福山市, 广岛县福山市 and 广岛县: the span that holds the other two is
    # the surer answer, though it does not score highest
    scored = [
        (0.0, span("福山市")),
        (-0.2, span("广岛县福山市")),
        (-0.5, span("广岛县")),
        (-3.0, span("出生于广岛县福山市")),
    ]
    assert _expected_best(scored)[0].text == "广岛县福山市"
    # but a span far less likely than the best is never the answer, however much it holds
    scored = [(0.0, span("福山市")), (-0.1, span("广岛县")), (-2.0, span("满田拓也出生于广岛县福山市"))]
    assert _expected_best(scored)[0].text == "福山市"


def test_how_sure_the_reader_is_counts_spans_that_differ_only_at_their_edges_as_agreeing() -> None:
    sentence = "公司创始人兼CEO林嘉禾毕业于海澄大学。"

    def span(text: str) -> Span:
        start = sentence.index(text)
        return Span(start, start + len(text), text)

    # the mass split between a name and the name with its title: the reader is nearly sure
    _, sure = _expected_best([(0.0, span("林嘉禾")), (0.0, span("CEO林嘉禾"))])
    # split between two names that share nothing: it is not
    _, unsure = _expected_best([(0.0, span("林嘉禾")), (0.0, span("海澄大学"))])
    assert sure > 0.8 and unsure == pytest.approx(0.5)


def test_an_unsure_reader_leaves_the_answer_to_the_sentence_but_not_for_a_value() -> None:
    sentence = "林望舒出生于海澄县的白鹭镇,在福州的仓山长大,1937年迁居昆明。"

    def answer(question: str, read_text: str, expected_f1: float) -> str | None:
        q, c = _candidate_for(question, sentence)
        start = sentence.index(read_text)
        reading = Reading(Span(start, start + len(read_text), read_text), 0.0, expected_f1, True, True)
        scored = _Scored(c, 1.0, None, 0.0)
        _take_reading(q, scored, reading)
        return scored.value

    assert answer("林望舒在哪里长大?", "福州的仓山", READER_SURE + 0.1) == "福州的仓山"
    assert answer("林望舒在哪里长大?", "海澄县的白鹭镇", READER_SURE - 0.1) is None  # the sentence answers
    # a value the reader reads is kept, however unsure: the sentence did worse for those
    assert answer("林望舒哪一年迁居昆明?", "1937年", READER_SURE - 0.1) == "1937年"


def test_the_question_s_own_words_are_never_the_answer() -> None:
    q, c = _candidate_for("林望舒是谁?", "林望舒,海澄县人,现代诗人。")
    # weights that would pick a span made of the question's characters if it were allowed
    favour_question = {"all_question_chars": 100.0, "first:nr": 10.0}
    span = read_span(q, c.row["normalized"], None, c.found, weights=favour_question)
    assert span is not None and span.text != "林望舒"


def test_the_question_text_beside_the_gap_and_the_work_asked_for() -> None:
    assert _view_of("梦溪的本名叫什么?", "open", None).left_texts == ("梦溪的本名",)
    assert _view_of("林秀英是谁的长女?", "person", None).right_text == "长女"
    # 为什么: the cause follows the subject, or all the question's words
    assert _view_of("潮汐3号为什么失联?", "reason", None).left_texts == ("潮汐3号", "潮汐3号失联")
    q, c = _candidate_for("仓山镇在海澄县被称为什么?", "仓山镇位于海澄县北部,在海澄县称茶乡。")
    spans, features = candidate_features(q, c.row["normalized"], None, c.found)
    by_text = {s.text: f for s, f in zip(spans, features, strict=True)}
    assert by_text["茶乡"].get("left_tail:4") == 1.0  # 在海澄县[被称为] / 在海澄县[称]
    assert "left_tail:4" not in by_text["北部"] and by_text["北部"].get("left_tail:3") == 1.0  # 海澄县 only
    assert _view_of("林望舒写过哪部小说?", "open", None).work
    assert _view_of("陈远航主持过哪档访谈节目?", "open", None).work
    assert not _view_of("《海潮》是什么类型的小说?", "open", "类型").work  # its kind, not its title
    assert not _view_of("夜航是哪个电视台的节目?", "organization", None).work  # who made it


def test_an_amount_the_reader_reads_holds_a_numeral() -> None:
    # weights that favour what follows 夺得: 票房冠军, which answers 什么 but not 多少
    after_duode = {"before_word:夺得": 10.0}
    sentence = "《海潮》在海澄首映周末夺得票房冠军。"
    asked = (("《海潮》的首映票房是多少?", None), ("《海潮》在首映周末夺得了什么?", "票房冠军"))
    for question, answer in asked:
        q, c = _candidate_for(question, sentence)
        scored = _Scored(c, 1.0, None, 0.0)
        _read(q, scored, after_duode)
        assert scored.value == answer, question


def test_a_question_for_several_things_reads_the_whole_list_or_pair() -> None:
    # 哪两个地方: the pair joined by 及, not the route's kind nor one end of it
    question = "海澄渡轮3线往返于哪两个地方?"
    sentence = "海澄渡轮3线是海澄县的一条渡轮航线,往返于白鹭码头及仓山码头。"
    assert _view_of(question, "open", None).plural
    assert not _view_of("海澄渡轮3线的终点是哪里?", "place", None).plural
    q, c = _candidate_for(question, sentence)
    spans, features = candidate_features(q, c.row["normalized"], None, c.found)
    by_text = {s.text: f for s, f in zip(spans, features, strict=True)}
    assert by_text["白鹭码头及仓山码头"]["plural_joins"] == 1.0
    assert by_text["白鹭码头"]["plural_cut"] == 1.0  # stops at 及, the next item after it
    assert by_text["仓山码头"]["plural_tail"] == 1.0
    assert _read_answer(question, sentence)[1] == "白鹭码头及仓山码头"
