"""Ask, over the shipped sample corpus: typed spans, cross-language names, agreement, abstention."""

from __future__ import annotations

import pytest

import tidings
from tidings.answer.describe import described_entity, description
from tidings.answer.question import Question, analyse
from tidings.answer.retrieve import Candidate
from tidings.answer.spans import YEAR, aligned_span, candidate_spans, dotted_names
from tidings.store import SQLiteStore


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("青澜潮汐B轮融资了多少钱?", "money"),
        ("How much did BlueTide raise?", "money"),
        ("海澄港务局订购了多少台潮汐3号?", "number"),
        ("Igor Babuschkin在DeepMind工作了多久?", "duration"),
        ("When did BlueTide unveil Tide-3?", "date"),
        ("谁领投了青澜潮汐的B轮?", "person"),
        ("哪家公司订购了潮汐3号?", "organization"),
        ("林嘉禾毕业于哪所大学?", "organization"),
        ("潮汐3号为什么失联?", "reason"),
        ("潮汐3号能在水下工作吗?", "yesno"),
        # a count with any measure word, a measure asked for at the end, which-ones as a list
        ("海澄港有几座码头?", "number"),
        ("林岚几岁进入港务局?", "number"),
        ("白鹭湖的面积有多大?", "number"),
        ("林岚的任期是多长?", "duration"),
        ("哪一位工程师设计了潮汐3号?", "person"),
        ("《白鹭湖》是哪个作家写的小说?", "person"),  # a kind of person: a name is wanted
        ("海澄队击败了哪个教练执教的球队?", "person"),
        ("港务局表彰了哪些人?", "open"),  # often a group: 有功劳的员工
        ("潮汐3号由哪几个部分组成?", "open"),
        ("林岚毕业于科罗拉多大学的哪个系?", "open"),
        ("林岚几乎每天去哪个码头?", "open"),
        # which or what before a word for a place asks where; not 什么地位 or 什么市场
        ("海澄鲈主要分布在什么地区?", "place"),
        ("潮汐3号去过哪些城市?", "place"),
        ("潮汐3号在哪一个国家测试?", "place"),
        ("青澜潮汐在行业中居于什么地位?", "open"),
        ("青澜潮汐占领了什么市场?", "open"),
        # 为什么 whose 为 belongs to the verb before it asks "as what", not why
        ("潮汐3号的新型接头被称为什么?", "open"),
        ("渔民称这片海湾为什么?", "open"),
        ("这座码头后来改名为什么?", "open"),
        ("旧仓库被改建后作为什么用途?", "open"),
        ("潮汐3号为什么被称为海底巡警?", "reason"),
        ("港口几经改名为什么最后改回海澄港?", "reason"),
        # English: which year, what percentage, what party, in what county; who inside a name
        ("In which years did BlueTide test Tide-3?", "date"),
        ("What percentage of the port's cargo did Tide-3 inspect?", "number"),
        ("Which party governs Haicheng county?", "organization"),
        ("In what county is Haicheng Bay?", "place"),
        ("In what episode did Doctor Who meet the Tide-3 robot?", "open"),
        ("Who was mayor when BlueTide unveiled Tide-3?", "person"),  # not a date
        ("Along with Katarina Voss, who backed BlueTide?", "person"),
        # which or what, a word or two, a noun for a person; not across a verb
        ("Which engineer designed the Tide-3 robot?", "person"),
        ("What Haicheng University alumnus founded BlueTide?", "person"),  # not the university
        ("On what scale would engineers rate the robot's dives?", "open"),
        # a when or where after another question word opens a clause; leading, it asks
        ("How old was Katarina Voss when she founded BlueTide?", "number"),
        ("What robot did BlueTide test when the port reopened?", "open"),
        ("Which county lies where the two rivers meet?", "place"),
        ("When did BlueTide test Tide-3?", "date"),
        ("From where did Tide-3 set out?", "place"),
        ("When the port floods, what does Tide-3 inspect?", "open"),
        ("When did BlueTide, which Voss founded, test Tide-3?", "date"),
    ],
)
def test_question_kinds(question: str, kind: str) -> None:
    assert analyse(question).kind == kind


def test_question_terms_and_focus() -> None:
    q = analyse("佩奇骂马斯克是什么主义者?")
    assert q.focus == "主义者" and "主义者" in q.terms and "什么" not in q.terms
    assert analyse("How much did OpenAI spend buying Nvidia GPUs?").names >= {"openai", "nvidia", "gpu"}
    assert "Zürich" in analyse("When did Temüjin reach Zürich?").words  # for the lexicon, whole
    assert analyse("青澜潮汐B轮融资了多少钱?").terms == ["青澜", "潮汐", "b轮", "融资"]  # 多少钱 asks
    assert "钱" in analyse("钱从哪里来?").terms
    # 叫 of 叫什么 asks, as 是 does: the answer's sentence says 称为 or 名为
    assert analyse("潮汐3号的新型接头叫什么?").terms == ["潮汐", "3", "号", "新型", "接头"]
    assert "称为" in analyse("潮汐3号的新型接头被称为什么?").terms


def test_spans_of_each_kind() -> None:
    assert [
        s.text for s in candidate_spans("money", "融资金额为8000万美元,估值约6亿美元,另有$80 million")
    ] == ["8000万美元", "约6亿美元", "$80 million"]
    assert [s.text for s in candidate_spans("number", "订购40台潮汐3号,员工约320人")] == ["40台", "约320人"]
    assert [s.text for s in candidate_spans("number", "长2.6至3.5倍,第十三届")] == ["2.6至3.5倍", "第十三届"]
    assert [s.text for s in candidate_spans("number", "这是第 26 届大赛")] == ["第 26 届"]  # spaced, 第 kept
    # a number asked for with 多少 keeps its currency (首映票房是多少? 2100万美元, not 2100万), and a
    # currency may name its money after 元 (3.6亿元人民币)
    takings = "首映票房2100万美元,赔偿原告800元"
    assert [s.text for s in candidate_spans("number", takings)] == ["2100万美元", "800元"]
    assert [s.text for s in candidate_spans("money", "总投资3.6亿元人民币。")] == ["3.6亿元人民币"]
    assert [s.text for s in candidate_spans("number", "湖面约12平方英里,距港口30多公里,数据300MB")] == [
        "约12平方英里",
        "30多公里",
        "300MB",
    ]
    assert [s.text for s in dotted_names("风投人马克·安德森3月6日称,伊隆·马斯克正式宣布")] == [
        "马克·安德森",
        "伊隆·马斯克",
    ]
    # where a dotted name stops is jieba's word, not a set of characters: 珊 of 苏珊 is in none; a
    # preposition before it and one after are not the name's; a regnal number and several dots are
    for sentence, names in [
        ("据报道,他的妻子苏珊·茨万吉拉伊在事故中受伤。", ["苏珊·茨万吉拉伊"]),
        ("这座教堂由朗·霍华德设计,于是查理·义律因此下令。", ["朗·霍华德", "查理·义律"]),
        ("1848年弗朗茨·约瑟夫一世即位,英国作家J·K·罗琳的小说", ["弗朗茨·约瑟夫一世", "J·K·罗琳"]),
        ("他在《三国志·蜀书》中读到。", []),  # a dot inside a title joins its parts
        # jieba glues the name's last character to the particle after it (波萨/达于)
        ("工程师米格尔·波萨达于2024年加入青澜潮汐。", ["米格尔·波萨达"]),
        # jieba cuts a first or last character off as a word of its own (高/德菲, 施特/凡 before a
        # Latin gloss) and takes name characters for a place (卡萨/吉马/斯); a title word it tags as
        # a name (顾问) and a place's noun before a gloss (广场) are not the name's
        ("港务局聘请了顾问高德菲·哈罗德,他曾在伦敦任职。", ["高德菲·哈罗德"]),
        ("码头由工程师奥托·冯·施特凡(Otto von Stephan)设计。", ["奥托·冯·施特凡"]),
        ("码头由工程师埃米尔·施特凡(Émile Stéphan)设计。", ["埃米尔·施特凡"]),  # a gloss with accents
        ("投资人卡洛斯·卡萨吉马斯于2024年领投。", ["卡洛斯·卡萨吉马斯"]),
        ("维也纳的玛丽亚·特蕾西亚广场(Maria-Theresien-Platz)很大。", ["玛丽亚·特蕾西亚"]),
    ]:
        assert [s.text for s in dotted_names(sentence)] == names
    assert [s.text for s in candidate_spans("place", "水槽位于美国得克萨斯州的西部")] == ["美国得克萨斯州"]
    person = candidate_spans("person", "拉尔夫·本奇后来获得了和平奖")
    assert "拉尔夫·本奇" in [s.text for s in person]  # 夫: a name character ingest leaves out
    assert [s.text for s in candidate_spans("duration", "2015年加入,工作了约5年")] == ["约5年"]
    assert [s.text for s in candidate_spans("duration", "4月1日上任,任期五年")] == ["五年"]  # 4月: a month


def test_how_big_asks_for_a_size() -> None:
    q = analyse("白鹭湖离海澄港有多远?")
    assert q.kind == "number" and q.unit == "size"
    sentence = "白鹭湖是一个咸水湖,距海澄港约14公里"
    assert [s.text for s in candidate_spans(q.kind, sentence, q.focus, q.unit)] == ["约14公里"]
    assert analyse("海澄港有几座码头?").unit == "座"
    deep = analyse("潮汐3号能在多深的水下工作?")  # 多深 before a noun asks the same
    assert deep.kind == "number" and deep.unit == "size"
    assert analyse("这座塔获得了多高的评价?").unit is None


def test_a_depth_is_answered_with_the_depth(demo_store: SQLiteStore) -> None:
    assert tidings.ask(demo_store, "潮汐3号能在多深的水下工作?").answer == "80米"
    assert tidings.ask(demo_store, "How deep can the Tide-3 robot work?").answer == "80米"


def test_english_questions_for_sizes_counts_and_years() -> None:
    deep = analyse("How deep can Tide-3 work?")
    assert deep.kind == "number" and deep.unit == "size"
    counted = analyse("How many tackles did Luke Kuechly register?")
    assert counted.kind == "number" and counted.unit == "tackle"
    sentence = "Kuechly had 118 tackles, four sacks and 2 interceptions in 11 games."
    assert [s.text for s in candidate_spans("number", sentence, unit="tackle")] == ["118"]
    assert [s.text for s in candidate_spans("number", sentence, unit="sack")] == ["four"]
    assert [s.text for s in candidate_spans("number", "some 100–150 species, 30 to 50 thousand people")] == [
        "100–150",
        "30 to 50 thousand",
    ]
    assert [s.text for s in candidate_spans("number", "比分是 20 比 18")] == []  # Chinese: a measure word
    # A model's number is no count: 12 robots, not the 3 of Tide-3 or the 16 of F-16.
    ordered = "The port ordered 12 Tide-3 robots and twelve F-16 jets."
    assert [s.text for s in candidate_spans("number", ordered, unit="robot")] == ["12"]
    assert [s.text for s in candidate_spans("number", ordered)] == ["12", "twelve"]
    year = analyse("What year did the engineer die?")
    assert year.kind == "date" and year.unit == "year"
    died = "He died on January 7, 1943, in New York, and was buried on 12 January."
    assert [s.text for s in candidate_spans("date", died)] == ["January 7, 1943", "12 January"]
    assert [s.text for s in candidate_spans("date", died, unit=year.unit)] == ["January 7, 1943"]
    share = analyse("What percentage of the port's cargo did Tide-3 inspect?")
    assert share.unit == "percent"
    sentence = "Tide-3 inspected 12 hulls, about 40% of the cargo, or forty percent by weight."
    assert [s.text for s in candidate_spans("number", sentence, unit=share.unit)] == ["40%", "forty percent"]


def test_an_abbreviation_the_dictionary_lacks_is_found_in_its_long_form(demo_store: SQLiteStore) -> None:
    from tidings.answer.retrieve import abbreviation_pattern

    pattern = abbreviation_pattern("失联")  # jieba's dictionary has no 失联
    assert pattern is not None and pattern.search("在海澄湾外失去联系。")
    assert abbreviation_pattern("融资") is None  # a word it knows is matched as itself
    # the sentence that says where it lost contact, not why; the answer stops before 失去联系
    answer = tidings.ask(demo_store, "潮汐3号在哪里失联?")
    assert answer.answer is not None and answer.answer.startswith("海澄湾")
    assert "失去联系" not in answer.answer


def test_a_name_tagged_as_a_person_that_ends_in_a_word_for_a_place_is_a_place() -> None:
    assert [s.text for s in candidate_spans("place", "一台机器人在海澄湾外失去联系")] == ["海澄湾"]


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        ("Pachauri resigned in February 2015.", ["February 2015"]),  # not February 20
        ("On 8 February 2007 the channel said", ["8 February 2007"]),
        ("war was declared on May 18, 1756.", ["May 18, 1756"]),
        ("the plague reached England in 1349", ["1349"]),
        ("music of the 1960s and 1970s", ["1960s", "1970s"]),
        ("the market rose 20 points", []),  # mar... is no month
    ],
)
def test_english_date_spans(sentence: str, dates: list[str]) -> None:
    assert [s.text for s in candidate_spans("date", sentence)] == dates


def test_english_names_are_answered_by_the_names_ingest_found(demo_store: SQLiteStore) -> None:
    # spaCy's names, not any run of capitals; a place the tagger took for a person fixed at ingest
    assert tidings.ask(demo_store, "Where did BlueTide lose the robot?").answer == "Haicheng Bay"
    assert tidings.ask(demo_store, "Where is BlueTide Robotics based?").answer == "Haicheng"


def test_names_of_the_asked_type_come_from_ingest_and_never_repeat_the_question() -> None:
    from tidings.answer import SPAN_TYPES, _kind_spans

    sentence = "The record was held by John Elway, now General Manager of Football Operations in Denver."
    row = {"normalized": sentence, "text": sentence, "language": "en"}
    names = [(23, 33, "PER"), (81, 87, "LOC")]
    english = Candidate(row, 1.0, 1.0, 0.9, 1, names=names)  # type: ignore[arg-type]
    q = analyse("Who is the general manager?")
    assert [s.text for s in _kind_spans(q, english)] == ["John Elway"]  # not Football Operations
    assert [s.text for s in _kind_spans(analyse("Where is he now?"), english)] == ["Denver"]
    # a Chinese sentence for an English question: the stored name widened to its dotted name, and
    # no name that is the question's own (Tesla, found as 特斯拉)
    chinese = "特斯拉与商人罗伯特·莱恩合作，詹姆斯·赫顿也在。"
    row = {"normalized": chinese, "text": chinese, "language": "zh"}
    stored = [(0, 3, "PER"), (6, 11, "PER"), (15, 20, "PER")]  # 詹姆斯·赫: the entity room's narrower name
    across = Candidate(row, 1.0, 1.0, 0.9, 1, names=stored, matched=[(0, 3)])  # type: ignore[arg-type]
    spans = _kind_spans(analyse("Who did Tesla partner with?"), across, SPAN_TYPES)
    assert [s.text for s in spans] == ["罗伯特·莱恩", "詹姆斯·赫顿"]


def test_amount_answer_with_its_citation(demo_store: SQLiteStore) -> None:
    answer = tidings.ask(demo_store, "海澄港务局订购了多少台潮汐3号?")
    assert answer.answer == "40台"
    cited = answer.citations[0]
    assert "40台" in cited.text and cited.source.startswith("https://dongan-tech.example/")
    doc = next(d for d in demo_store.documents(with_text=True) if d["doc_id"] == cited.doc_id)
    assert doc["text"][cited.start : cited.end] == cited.text
    assert answer.confidence >= tidings.DEFAULT_MIN_CONFIDENCE


def test_agreeing_sources_are_all_cited(demo_store: SQLiteStore) -> None:
    answer = tidings.ask(demo_store, "Who led BlueTide Robotics' Series B round?")
    assert answer.answer == "Voss Capital"
    assert len({c.doc_id for c in answer.citations}) >= 2


def test_english_question_date_span(demo_store: SQLiteStore) -> None:
    answer = tidings.ask(demo_store, "When did BlueTide unveil the Tide-3 robot?")
    assert answer.answer == "March 10"


def test_reason_question_answers_with_the_cause(demo_store: SQLiteStore) -> None:
    answer = tidings.ask(demo_store, "潮汐3号为什么失联?")
    # 失联是[由于...]: the cause with the words that announce it, not the copula before them
    assert answer.answer == "由于通信缆绳的接头在强流中断裂"
    assert answer.answer in answer.citations[0].text


def test_a_person_answer_ends_with_the_name_before_what_they_did(demo_store: SQLiteStore) -> None:
    # The reader reads 卡特里娜·沃斯曾在欧洲 (jieba joins 沃斯曾); ingest found the name, and 曾 starts
    # what she did.
    answer = tidings.ask(demo_store, "沃斯资本的创始人是谁?")
    assert answer.answer == "卡特里娜·沃斯"
    assert "卡特里娜·沃斯曾在欧洲" in answer.citations[0].text
    # 毕业于 ends his name though jieba tags 毕业 a noun; the title before it stays.
    assert tidings.ask(demo_store, "青澜潮汐的创始人是谁?").answer == "CEO林嘉禾"
    # Her name in brackets goes with her name; 将加入 does not.
    assert tidings.ask(demo_store, "谁加入了青澜潮汐董事会?").answer == "卡塔琳娜·沃斯(Katarina Voss)"


def test_a_question_for_an_amount_is_answered_by_a_sentence_that_holds_one(demo_store: SQLiteStore) -> None:
    # The sentence naming both firms and 投资 scores best, but holds no amount (多家 is none).
    answer = tidings.ask(demo_store, "沃斯资本投资了青澜潮汐多少钱?")
    assert answer.answer is not None and answer.answer.startswith(("1.2亿美元", "8000万美元"))
    assert answer.answer.split(" ")[0] in answer.citations[0].text


def test_which_school_is_asked_for_with_the_measure_word_set_aside(demo_store: SQLiteStore) -> None:
    assert "所" not in analyse("林嘉禾毕业于哪所大学?").terms  # 哪所: 所 asks, as 哪 does
    # The Chinese sentence that says where he studied, not an English one naming him only; the
    # preposition jieba glued to the university's name (于海澄) is left out.
    from tidings.answer import _score, _shape_answer
    from tidings.answer.retrieve import gather

    # the reader's span: the answer may be the sentence, when the reader is unsure (READER_SURE)
    evidence = gather(demo_store, analyse("林嘉禾毕业于哪所大学?"))
    scored = _score(evidence)
    _shape_answer(demo_store, evidence, scored)
    assert scored[0].candidate.row["language"] == "zh"
    assert scored[0].read is not None and scored[0].read.text.startswith("海澄大学")


def test_reason_spans() -> None:
    assert [s.text for s in candidate_spans("reason", "他因为连吃败仗而被迫退休")] == ["连吃败仗"]
    assert [s.text for s in candidate_spans("reason", "订单太多,所以工厂加班")] == ["订单太多"]
    assert [s.text for s in candidate_spans("reason", "为了节省成本,公司裁员")] == ["节省成本"]


def test_number_spans_carry_the_asked_measure_word() -> None:
    q = analyse("客运方面,现有多少趟列车停车?")
    assert q.kind == "number" and q.unit == "趟"
    sentence = "车站有3个站台,现有18趟列车停车办客"
    assert [s.text for s in candidate_spans(q.kind, sentence, unit=q.unit)] == ["18趟"]
    # a unit of size is the measure word whole, not its first character (约4万平)
    area = analyse("白鹭湖的面积有多少平方公里?")
    assert area.unit == "平方公里"
    lake = "白鹭湖有3个湖湾,面积约4万平方公里,湖水深12米"
    assert [s.text for s in candidate_spans(area.kind, lake, unit=area.unit)] == ["约4万平方公里"]
    assert analyse("白鹭湖有多少km长?").unit is None  # a Latin unit stays the English counted noun's
    # 多少 after what it measures: a length for a size, a population for people
    assert analyse("青澜蛇鳗的体长是多少?").unit == "size"
    assert analyse("海澄镇人口有多少?").unit == "人"
    # a unit of time of two characters too (18小, not 18小时), but 几个小时 counts by 个, as before
    hours = analyse("海澄电台每天播放多少小时的节目?")
    assert hours.unit == "小时"
    radio = "海澄电台开播后每天播放18小时的节目"
    assert [s.text for s in candidate_spans(hours.kind, radio, unit=hours.unit)] == ["18小时"]
    assert analyse("潮汐3号下潜了几个小时?").unit == "个"


def test_a_range_of_dates_is_one_date() -> None:
    ranges = "白鹭灯塔于1861年至1875年间由海关管理,1990年5月11日至13日整修,每年10月到次年4月开放"
    assert [s.text for s in candidate_spans("date", ranges)] == [
        "1861年至1875年",
        "1990年5月11日至13日",
        "10月到次年4月",
    ]
    assert [
        s.text for s in candidate_spans("date", "The lighthouse was rebuilt 1861–1875 and lit in 1880.")
    ] == [
        "1861–1875",
        "1880",
    ]
    # two dates in two clauses stay two, and a year asked for is a year
    assert [s.text for s in candidate_spans("date", "灯塔始建于1861年,毁于1875年")] == ["1861年", "1875年"]
    assert [s.text for s in candidate_spans("date", "It was rebuilt 1861-1875.", unit=YEAR)] == [
        "1861",
        "1875",
    ]
    assert analyse("白鹭灯塔是哪些年间由海关管理的?").kind == "date"
    assert [s.text for s in candidate_spans("duration", "灯塔已有约130～150年历史")] == ["约130～150年"]


def test_years_before_1900_are_dates() -> None:
    assert [s.text for s in candidate_spans("date", "国家气象局成立于1870年,总部位于银泉")] == ["1870年"]
    assert analyse("这本画册是什么时间出版的?").kind == "date"
    assert analyse("列卡度是哪国人?").kind == "place"


def test_aligned_span_passes_over_the_copula() -> None:
    sentence = "王处直,字允明,京兆万年人,是为割据一方的藩镇。"
    span = aligned_span("王处直的字是什么?", sentence)
    assert span is not None and span.text == "允明"


@pytest.mark.parametrize("question", ["今天北京的天气怎么样?", "What is the capital of Peru?", "的了吗?"])
def test_unsupported_questions_get_no_answer(demo_store: SQLiteStore, question: str) -> None:
    answer = tidings.ask(demo_store, question)
    assert answer.answer is None and answer.citations == []
    assert answer.to_json()["answer"] is None


def test_answer_json_contract(demo_store: SQLiteStore) -> None:
    out = tidings.ask(demo_store, "海澄港务局订购了多少台潮汐3号?").to_json()
    assert set(out) == {"question", "answer", "citations", "disputes", "confidence"}
    assert set(out["citations"][0]) == {"doc_id", "source", "title", "published", "text", "start", "end"}
    assert 0.0 <= out["confidence"] <= 1.0


def test_an_aligned_span_is_never_marks_alone() -> None:
    # the question's words end on 」: the gap up to the comma holds nothing but the mark
    assert aligned_span("海澄港奖学金奖励哪些人?", "港务局设有「海澄港奖学金」,每年颁发一次。") is None


def test_aligned_spans_stand_where_the_question_word_would() -> None:
    from tidings.answer.spans import aligned_span
    from tidings.clean.normalize import normalize

    cases = [
        ("潮汐3号由哪家工厂组装?", "潮汐3号由海澄第二机械厂组装,每月可出厂二十台。", "海澄第二机械厂"),
        ("林嘉禾毕业于哪里?", "公司创始人兼CEO林嘉禾毕业于海澄大学海洋工程系。", "海澄大学海洋工程系"),
        ("潮汐3号又叫什么?", "潮汐3号(英文名Tide-3),又叫海底巡检员,是一款水下机器人。", "海底巡检员"),
        ("青澜潮汐主要以什么为业?", "青澜潮汐主要以水下检测为业,兼做船体清洁。", "水下检测"),
    ]
    for question, sentence, expected in cases:
        span = aligned_span(normalize(question), normalize(sentence))
        assert span is not None and span.text == expected, (question, span)


def test_focus_is_the_word_after_the_question_word() -> None:
    assert analyse("以仁王是日本什么时代的人?").focus == "时代"
    assert analyse("这是什么东西?").focus is None


def _candidate_for(
    question: str,
    sentence: str,
    weights: dict[str, float] | None = None,
    language: str = "zh",
    position: int = 0,
) -> tuple[Question, Candidate]:
    from tidings.answer.retrieve import term_positions
    from tidings.clean.normalize import normalize

    q = analyse(question)
    text = normalize(sentence)
    found = {t: term_positions(t, text.lower()) for t in q.terms if term_positions(t, text.lower())}
    row = {"normalized": text, "text": sentence, "language": language, "position": position}
    idf = {t: (weights or {}).get(t, 1.0) for t in q.terms}
    return q, Candidate(row, 1.0, 1.0, 0.9, 1, found, idf)  # type: ignore[arg-type]


def test_names_inside_the_question_words_gap_come_first() -> None:
    from tidings.answer import _pick_span

    # 作品 weighs most (a rare word), and the writer stands next to it
    q, c = _candidate_for(
        "《潮汐之歌》是由谁执导的作品?", "《潮汐之歌》是由张伟执导、林嘉禾负责剧本的作品。", {"作品": 5.0}
    )
    span, _ = _pick_span(q, c)
    assert span is not None and span.text == "张伟"
    # the tagger knows no 海澄精工; BlueTide is an organisation, but outside the gap
    q, c = _candidate_for("潮汐3号由什么公司制造?", "潮汐3号是海澄精工制造的,由BlueTide销售。")
    span, _ = _pick_span(q, c)
    assert span is not None and span.text == "海澄精工"


def test_a_close_call_between_sentences_is_settled_by_their_own_embeddings() -> None:
    """Two sentences of one passage that score alike are told apart by embedding each: the one
    that says where the robot was built wins; a clear lead is left as it was."""
    from tidings.answer import SENTENCE_TIE_GAP, _break_close_call, _Scored
    from tidings.answer.retrieve import Evidence
    from tidings.enrich.embed import embed_query

    question = "潮汐3号是在哪里制造的?"
    q, about_price = _candidate_for(question, "潮汐3号的售价比上一代低了三成。")
    _, about_factory = _candidate_for(question, "潮汐3号是在海澄港边的工厂里组装制造的。")
    evidence = Evidence(q, [about_price, about_factory], [], 0.9, query_vector=embed_query(q.normalized))

    scored = [
        _Scored(about_price, 5.0, None, 0.0),
        _Scored(about_factory, 5.0 - SENTENCE_TIE_GAP / 2, None, 0.0),
    ]
    _break_close_call(evidence, scored)
    assert scored[0].candidate is about_factory

    scored = [
        _Scored(about_price, 5.0, None, 0.0),
        _Scored(about_factory, 5.0 - 2 * SENTENCE_TIE_GAP, None, 0.0),
    ]
    _break_close_call(evidence, scored)
    assert scored[0].candidate is about_price and scored[0].score == 5.0


def test_a_place_question_prefers_a_sentence_that_names_a_place() -> None:
    from tidings.answer import WEIGHT_TYPED_NAME, _prefer_names_of_the_kind, _Scored

    question = "宁波海澄精工的工厂在哪里?"
    q, output = _candidate_for(question, "宁波海澄精工的工厂每年生产四百台机器人。")
    _, site = _candidate_for(question, "宁波海澄精工的工厂设在浙江省慈溪市。")
    assert q.kind == "place"
    scored = [_Scored(output, 5.0, None, 0.0), _Scored(site, 5.0 - WEIGHT_TYPED_NAME / 2, None, 0.0)]
    _prefer_names_of_the_kind(q, scored)
    assert scored[0].candidate is site
    assert scored[1].score == 5.0  # 宁波 is a place, but the question's own


def test_an_aligned_span_leaves_out_the_word_that_names_it() -> None:
    from tidings.answer import _pick_span

    q, c = _candidate_for("潮汐湖又叫什么?", "潮汐湖又名海澄镜湖,位于海澄湾北岸。")
    span, _ = _pick_span(q, c)
    assert span is not None and span.text == "海澄镜湖"


def test_an_aligned_span_takes_in_the_noun_its_question_word_qualifies() -> None:
    from tidings.answer.spans import aligned_span
    from tidings.clean.normalize import normalize

    span = aligned_span(
        normalize("林嘉禾毕业于哪个大学?"), normalize("林嘉禾于2009年毕业于海澄大学,主修海洋工程。")
    )
    assert span is not None and span.text == "海澄大学"
    # the same with only the question's words after it in the sentence
    span = aligned_span(normalize("马丁是哪国人?"), normalize("马丁(Martin),英国人,曾任海澄港务局局长。"))
    assert span is not None and span.text == "英国人"


def test_a_description_runs_to_the_end_of_the_sentence_and_a_thing_to_its_comma() -> None:
    from tidings.answer.spans import aligned_span
    from tidings.clean.normalize import normalize

    sentence = normalize("潮汐3号的声呐用来探测船体裂缝,并把图像传回岸上。")
    span = aligned_span(normalize("潮汐3号的声呐有什么作用?"), sentence)
    assert span is not None and span.text == "用来探测船体裂缝,并把图像传回岸上"
    span = aligned_span(
        normalize("潮汐3号的外壳是什么颜色?"), normalize("潮汐3号的外壳是橙色,由海澄精工制造。")
    )
    assert span is not None and span.text == "橙色"


def test_a_name_the_tagger_cut_short_is_the_gap_it_stands_in() -> None:
    from tidings.answer import _pick_span

    for question, sentence, expected in [
        ("海澄博物馆把铜像献给了谁?", "海澄博物馆把这尊铜像献给了拉玛二世,以纪念建港。", "拉玛二世"),
        ("潮汐3号的第一位用户是谁?", "潮汐3号的第一位用户是陈方安生,她在海澄港工作。", "陈方安生"),
        # a title before the name stays out: the name ends the gap
        ("海澄博物馆把铜像献给了谁?", "海澄博物馆把这尊铜像献给了国王拉玛,以纪念建港。", "拉玛"),
    ]:
        q, c = _candidate_for(question, sentence)
        span, _ = _pick_span(q, c)
        assert span is not None and span.text == expected, (question, span)


def test_an_ordinal_question_is_answered_with_its_ordinal() -> None:
    q = analyse("潮汐3号是青澜潮汐的第几代产品?")
    assert (q.kind, q.unit) == ("number", "代")
    spans = candidate_spans(q.kind, "潮汐3号是青澜潮汐的第三代产品,2023年发布。", unit=q.unit)
    assert [s.text for s in spans] == ["第三代"]


@pytest.mark.parametrize(
    ("sentence", "name", "language", "said"),
    [
        ("公司创始人兼CEO林嘉禾毕业于海澄大学海洋工程系。", "林嘉禾", "zh", "公司创始人兼CEO"),
        ("沃斯资本的创始人卡特里娜·沃斯曾在欧洲投资。", "卡特里娜·沃斯", "zh", "沃斯资本的创始人"),
        (
            "沃斯资本(Voss Capital)创始合伙人卡塔琳娜·沃斯将加入董事会。",
            "卡塔琳娜·沃斯",
            "zh",
            "沃斯资本(Voss Capital)创始合伙人",
        ),
        ("林嘉禾是青澜潮汐的创始人。", "林嘉禾", "zh", "青澜潮汐的创始人"),
        ("林嘉禾表示,资金将用于扩建工厂。", "林嘉禾", "zh", None),  # what he said is not what he is
        (
            "Founder and chief executive Lin Jiahe said the money would pay for a factory.",
            "Lin Jiahe",
            "en",
            "Founder and chief executive",
        ),
        (
            "Katarina Voss, founder of Voss Capital, has joined the board.",
            "Katarina Voss",
            "en",
            "founder of Voss Capital",
        ),
        ("The fund started by Katarina Voss, with a local fund joining.", "Katarina Voss", "en", None),
    ],
)
def test_what_a_sentence_says_someone_is(sentence: str, name: str, language: str, said: str | None) -> None:
    start = sentence.index(name)
    found = description(sentence, language, start, start + len(name))
    assert (found.text if found else None) == said


def test_who_someone_is_is_a_description(demo_store: SQLiteStore) -> None:
    assert described_entity(analyse("林嘉禾是谁?"), {7: "林嘉禾"}) == 7
    assert described_entity(analyse("谁是林嘉禾?"), {7: "林嘉禾"}) == 7
    assert described_entity(analyse("青澜潮汐的创始人是谁?"), {1: "青澜潮汐"}) is None  # asks for a name
    assert tidings.ask(demo_store, "林嘉禾是谁?").answer == "公司创始人兼CEO"
    answer = tidings.ask(demo_store, "Who is Katarina Voss?")
    assert answer.answer == "founder of Voss Capital"
    assert "Katarina Voss, founder of Voss Capital" in answer.citations[0].text


def test_a_name_inside_another_name_is_not_described() -> None:
    school = "该会开办的第一所中学以林嘉禾冠名:海澄公立中学校友会林嘉禾中学。"
    start = school.rindex("林嘉禾")
    assert description(school, "zh", start, start + 3) is None  # 中学校友会 is no role
    set_off = "林嘉禾(Lin Jiahe),青澜潮汐创始人兼首席执行官,毕业于海澄大学。"
    found = description(set_off, "zh", 0, 3)
    assert found is not None and found.text == "青澜潮汐创始人兼首席执行官"


def test_a_year_in_brackets_is_given_with_the_era_date_it_converts() -> None:
    from tidings.answer import _era_date_whole, _Scored
    from tidings.answer.spans import Span

    question = "海澄书院是哪一年重建的?"
    q, c = _candidate_for(question, "海澄书院始建于明代,在清朝乾隆十八年（1753年）重建。")
    text = c.row["normalized"]
    start = text.index("1753年")
    scored = [_Scored(c, 5.0, None, 0.0, read=Span(start, start + 5, "1753年"))]
    _era_date_whole(q, scored)
    assert scored[0].value == "清朝乾隆十八年（1753年）"  # from the era's name on, not from 在
    # a year that converts none is left as it is, and so is one the sentence answers for
    q, c = _candidate_for(question, "海澄书院在1753年(一说1755年)重建。")
    text = c.row["normalized"]
    start = text.index("1755年")
    scored = [_Scored(c, 5.0, None, 0.0, read=Span(start, start + 5, "1755年"))]
    _era_date_whole(q, scored)
    assert scored[0].value == "1755年"


def test_the_noun_a_question_asks_for_is_part_of_the_answer_that_stops_before_it() -> None:
    from tidings.answer import _asked_noun_joined, _Scored
    from tidings.answer.spans import Span

    def shaped(question: str, sentence: str, read: str) -> str | None:
        q, c = _candidate_for(question, sentence)
        start = c.row["normalized"].index(read)
        scored = [_Scored(c, 5.0, None, 0.0, read=Span(start, start + len(read), read))]
        _asked_noun_joined(q, scored)
        return scored[0].value

    sentence = "潮汐3号是一款水下巡检机器人,由海澄精工制造,在《海澄科技》杂志上发表过测评。"
    assert shaped("潮汐3号是一款什么类型的机器人?", sentence, "水下巡检") == "水下巡检机器人"
    assert shaped("潮汐3号在哪个杂志上发表过测评?", sentence, "《海澄科技》") == "《海澄科技》"
    # a noun the sentence does not say right after the span is not added
    assert shaped("海澄精工制造了什么样的机器人?", sentence, "潮汐3号") == "潮汐3号"


def test_a_span_of_a_sentence_stored_with_invisible_characters_is_shown_as_written() -> None:
    """Sentences stored before normalisation dropped invisible characters keep them in their
    normalised text; the span found there is shown from the right characters all the same."""
    from tidings.answer import _Scored
    from tidings.answer.spans import Span
    from tidings.clean.normalize import normalize_with_map

    _, c = _candidate_for("青澜潮汐融资了多少钱?", "青澜\u200b潮汐完成8000万美元融资。")
    old_form = normalize_with_map(c.row["text"], keep_invisible=True)[0]
    for normalized in (c.row["normalized"], old_form):
        row = {**c.row, "normalized": normalized}
        start = normalized.index("8000万美元")
        candidate = type(c)(row, 1.0, 1.0, 0.9, 1)  # type: ignore[arg-type]
        scored = _Scored(candidate, 5.0, Span(start, start + len("8000万美元"), "8000万美元"), 0.0)
        assert scored.value == "8000万美元"
