"""Retrieval: passages, vectors, the bilingual lexicon, rank fusion, and backfill of old stores."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import tidings
from tidings import index
from tidings.answer import rerank_documents
from tidings.answer.question import analyse
from tidings.answer.retrieve import KIND_ATTRIBUTES, gather, term_positions, wanted_attributes
from tidings.clean.sentences import split_sentences
from tidings.enrich import lexicon as lexicon_module
from tidings.enrich.embed import PASSAGE_MAX_CHARS, _batches_by_length, embed_passages, embed_query, passages
from tidings.enrich.lexicon import chinese_for, english_for
from tidings.enrich.tokens import english_root
from tidings.index import rrf, vector_index
from tidings.models import IngestReport, RawItem
from tidings.pipeline import backfill_vectors, ingest_item
from tidings.store import SQLiteStore

from .conftest import SAMPLES


def test_rrf_rewards_agreement() -> None:
    fused = rrf([["a", "b", "c"], ["b", "a", "d"]])
    assert max(fused, key=lambda k: fused[k]) in {"a", "b"}
    assert fused["a"] == fused["b"] > fused["c"] == fused["d"]
    weighted = rrf([["a", "b"], ["b", "a"]], [1.0, 2.0])
    assert weighted["b"] > weighted["a"]


def test_passages_stay_within_paragraphs_and_size() -> None:
    text = "第一句话。" * 80 + "\n" + "另一段的一句话。"
    sentences = split_sentences(text)
    groups = passages(sentences)
    assert groups[0][0] == 0 and groups[-1] == (len(sentences) - 1, len(sentences) - 1)
    for first, last in groups:
        assert len({sentences[i].paragraph for i in range(first, last + 1)}) == 1
        assert sum(len(sentences[i].text) for i in range(first, last + 1)) <= PASSAGE_MAX_CHARS
    assert [i for g in groups for i in range(g[0], g[1] + 1)] == list(range(len(sentences)))


def test_embeddings_are_normalised_and_meaningful() -> None:
    vectors = embed_passages(["海澄港务局订购了四十台水下机器人。", "The weather in Peru is sunny today."])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-2)
    query = embed_query("港口买了多少台机器人?")
    assert vectors[0] @ query > vectors[1] @ query


def test_texts_are_batched_by_length_and_their_vectors_kept_in_order() -> None:
    lead = "海澄港务局今年订购了四十台水下机器人，用于检查码头桩基和航道。" * 4
    texts = ["潮汐三号失联。", lead, "港务局说机器人下月交付。", "青澜潮汐融资四千五百万美元。"]
    batches = _batches_by_length(texts)
    assert sorted(i for b in batches for i in b) == [0, 1, 2, 3]
    assert [1] in batches  # the long lead is not padded against, nor pads, the short sentences
    together = embed_passages(texts)
    one_by_one = np.vstack([embed_passages([t]) for t in texts])
    assert np.allclose(together, one_by_one, atol=1e-5)


def test_lexicon_bridges_terms_both_ways() -> None:
    assert "华沙" in chinese_for(["Warsaw"])["warsaw"]
    assert "英伟达" in chinese_for(["Nvidia"])["nvidia"]
    assert "代表" in chinese_for(["represented"])["represented"]
    assert "how" not in chinese_for(["How", "much"])  # question words are not translated
    assert "warsaw" in english_for(["华沙"])["华沙"]
    assert {"english", "translate"} <= set(english_for(["英语翻译"])["英语翻译"])  # by its parts
    assert chinese_for(["Temüjin's"]) == {"temujin": ["铁木真"]}  # accents folded as CC-CEDICT writes
    # Names of three words, a hyphen read as a space; a hyphenated word's parts are looked up too.
    assert chinese_for(["Ban", "Ki-Moon"])["ki"] == ["潘基文"]
    assert "秘书长" in chinese_for(["Secretary", "General"])["secretary"]  # secretary-general
    assert "白垩纪" in chinese_for(["Cretaceous-Paleogene"])["cretaceou"]


def test_lexicon_chooses_renderings_the_store_holds() -> None:
    """Given what a store holds, a word's renderings are those it uses, and a word whose gloss holds
    the English word (素数: prime number) stands in when no rendering of the word itself is held."""
    assert "素数" not in chinese_for(["prime"])["prime"]  # the dictionary's first senses: 头等...

    def numbers_text(phrases: list[str]) -> dict[str, str]:
        return {p: p for p in phrases if p in {"素数", "质数", "孪生"}}

    assert chinese_for(["twin", "prime"], numbers_text) == {"twin": ["孪生"], "prime": ["素数", "质数"]}
    assert chinese_for(["prime"], lambda phrases: {}) == {}

    def english_text(phrases: list[str]) -> dict[str, str]:
        return {p: p for p in phrases if p.startswith("port")}

    assert english_for(["港口"], english_text) == {"港口": ["port"]}

    def everything(phrases: list[str]) -> dict[str, str]:
        return {p: p for p in phrases}

    assert len(chinese_for(["point"], everything)["point"][0]) > 1  # 点 only after the words
    assert "巾" not in chinese_for(["50"], everything).get("50", [])  # Kangxi radical 50: not a word for 50
    # Over a store, single characters are left to the embedding (队: squadron, team, group).
    assert english_for(["队"]) and english_for(["队"], lambda phrases: {p: p for p in phrases}) == {}

    # A proper noun by a word of its name (拉瓦锡: Antoine Lavoisier), a person by the surname only.
    def chemistry_text(phrases: list[str]) -> dict[str, str]:
        return {p: p for p in phrases if p in {"拉瓦锡", "爱迪生", "托马斯"}}

    assert chinese_for(["Lavoisier"], chemistry_text) == {"lavoisier": ["拉瓦锡"]}
    assert "爱迪生" not in chinese_for(["Thomas"], chemistry_text).get("thomas", [])
    assert chinese_for(["Lavoisier"]) == {}  # without a store, only whole glosses

    # The dictionary form's own renderings come before words whose gloss holds the inflected one.
    def dated_text(phrases: list[str]) -> dict[str, str]:
        return {p: p for p in phrases if p in {"年", "数年"}}

    assert chinese_for(["years"], dated_text)["year"][0] == "年"  # not 数年 (several years)


def test_lexicon_gives_common_senses_before_names() -> None:
    """CC-CEDICT lists 中 as China before 中 as within, among; a question's 中 means the latter."""
    assert english_for(["中"])["中"][:2] == ["within", "among"]
    assert english_for(["华沙"])["华沙"] == ["warsaw"]  # a name with no common sense keeps its gloss


def test_lexicon_is_cached_in_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsed once, the lexicon loads from a cache file the same; a broken file is parsed again."""
    monkeypatch.setenv(lexicon_module.CACHE_DIR_VARIABLE, str(tmp_path))
    (tmp_path / "lexicon-0000000000000000.marshal").write_bytes(b"another version's")
    lexicon_module.lexicon.cache_clear()
    try:
        parsed = lexicon_module.lexicon()
        [cached] = tmp_path.glob("lexicon-*.marshal")  # another version's is gone
        lexicon_module.lexicon.cache_clear()
        assert lexicon_module.lexicon() == parsed
        cached.write_bytes(cached.read_bytes()[:1000])  # cut short
        lexicon_module.lexicon.cache_clear()
        assert lexicon_module.lexicon() == parsed
        assert cached.stat().st_size > 1000  # written again, whole
        assert english_for(["华沙"])["华沙"] == ["warsaw"]
    finally:
        lexicon_module.lexicon.cache_clear()


def test_index_says_which_phrases_it_holds(store: SQLiteStore) -> None:
    tidings.ingest(store, [str(SAMPLES)])
    phrases = [
        "机器人",
        "港务局",
        "火山口",
        "underwater robot",
        "storm test",
        "volcano crater",
        "",
        "购",
        "亓",
    ]
    held = index.held(store.conn, phrases)
    assert set(held) == {"机器人", "港务局", "underwater robot", "storm test", "购"}
    assert held["机器人"] == "机器人"
    # A word the store does not use stands for the store's word of the same root.
    assert index.held(store.conn, ["inspection", "inspecting", "volcanic"]) == {
        "inspection": "inspection",
        "inspecting": "inspection",  # the sample corpus says inspection three times, inspect once
    }
    assert english_root("immunity") == "immun" and english_root("incompetence") == "incompet"


def test_reading_reranks_documents() -> None:
    """A document whose best sentence reads far better rises; a small difference keeps the order."""
    assert rerank_documents(["a", "b", "c"], {"a": 5.0, "b": 40.0}) == ["b", "a", "c"]
    assert rerank_documents(["a", "b", "c"], {"a": 5.0, "b": 6.0}) == ["a", "b", "c"]
    assert rerank_documents(["a", "b"], {}) == ["a", "b"]


def test_vector_index_sees_new_passages(store: SQLiteStore) -> None:
    vectors = vector_index(store)
    assert vectors.search(embed_query("机器人"), 5) == []
    tidings.ingest(store, [str(SAMPLES)])
    hits = vectors.search(embed_query("潮汐3号在风暴测试中失联"), 3)
    assert hits and all(-1.0 <= h.score <= 1.0 for h in hits)
    assert hits[0].score >= hits[-1].score


def test_english_question_over_chinese_only_store(tmp_path: Path) -> None:
    chinese = tmp_path / "zh.jsonl"
    lines = [json.loads(x) for x in SAMPLES.read_text(encoding="utf-8").splitlines()]
    chinese.write_text(
        "\n".join(
            json.dumps(x, ensure_ascii=False) for x in lines if x["id"] == "bt-08" or x["id"] == "bt-10"
        ),
        encoding="utf-8",
    )
    with tidings.open_store(str(tmp_path / "zh.db")) as store:
        tidings.ingest(store, [str(chinese)])
        evidence = gather(store, analyse("How many Tide-3 robots did the Haicheng Port Authority order?"))
        order_doc = next(d["doc_id"] for d in store.documents() if d["title"] == "海澄港务局订购40台潮汐3号")
        assert evidence.doc_ranking[0] == order_doc
        answer = tidings.ask(store, "How many Tide-3 robots did the Haicheng Port Authority order?")
        assert answer.answer is not None and "40" in answer.answer
        assert answer.citations[0].text.startswith("海澄港务局3月18日")


def test_backfill_embeds_documents_stored_without_vectors(store: SQLiteStore) -> None:
    tidings.ingest(store, [str(SAMPLES)])
    store.conn.execute("DELETE FROM passages")
    store.conn.execute("DELETE FROM document_vectors")
    assert len(store.documents_without_vectors()) == 13
    assert backfill_vectors(store) == 13
    assert store.documents_without_vectors() == []


def test_names_carried_across_scripts_by_sound(tmp_path: Path) -> None:
    """An English name the lexicon lacks finds its transliteration in a Chinese store (and back)."""
    from tidings.answer.retrieve import _bridge
    from tidings.enrich.names import sound_across

    assert sound_across("Manning", "曼宁") == 1.0 and sound_across("Lindisfarne", "林迪斯法恩") >= 0.88
    assert sound_across("Manning", "曼谷") < 0.88
    docs = tmp_path / "zh.jsonl"
    docs.write_text(
        "\n".join(
            json.dumps({"id": i, "text": t}, ensure_ascii=False)
            for i, t in [
                ("a", "海洋学家卡琳达·莫罗在海澄湾发现了一种会发光的深海虾。卡琳达说,这种虾只在夜里发光。"),
                ("b", "海洋学家林嘉禾在海澄湾发现了一种新的珊瑚。林嘉禾说,这种珊瑚长得很慢。"),
            ]
        ),
        encoding="utf-8",
    )
    with tidings.open_store(str(tmp_path / "zh.db")) as store:
        tidings.ingest(store, [str(docs)])
        q = analyse("What did the marine scientist Kalinda find in Haicheng Bay?")
        assert "卡琳达" in _bridge(store, q).get("kalinda", [])
        evidence = gather(store, q)
        shrimp = store.conn.execute("SELECT doc_id FROM documents WHERE external_id = 'a'").fetchone()[0]
        assert evidence.doc_ranking[0] == shrimp


def test_two_word_names_carried_across_scripts_by_sound(tmp_path: Path) -> None:
    """Neither Halford nor Mackinder alone sounds like a name the store holds, but together they
    are 哈尔福德·麦金德, and the bridge gives the name as the text writes it."""
    from tidings.answer.retrieve import _bridge

    docs = tmp_path / "zh.jsonl"
    docs.write_text(
        json.dumps({"id": "a", "text": "地理学家哈尔福德·麦金德出生在英国的小镇。"}, ensure_ascii=False),
        encoding="utf-8",
    )
    with tidings.open_store(str(tmp_path / "zh.db")) as store:
        tidings.ingest(store, [str(docs)])
        bridge = _bridge(store, analyse("Where was Halford Mackinder born?"))
        assert bridge["halford"] == bridge["mackinder"] == ["哈尔福德·麦金德"]
    # A pair also wins over what each word alone sounds like: Matlin alone is 米兰, a city.
    docs.write_text(
        "\n".join(
            json.dumps({"id": i, "text": t}, ensure_ascii=False)
            for i, t in [("b", "手语翻译由演员玛丽·麦特琳担任。"), ("c", "这家公司的总部设在米兰。")]
        ),
        encoding="utf-8",
    )
    with tidings.open_store(str(tmp_path / "zh2.db")) as store:
        tidings.ingest(store, [str(docs)])
        assert _bridge(store, analyse("Whom did Matlin meet?")).get("matlin") == ["米兰"]
        bridge = _bridge(store, analyse("What did Marlee Matlin translate?"))
        assert bridge["marlee"] == bridge["matlin"] == ["玛丽·麦特琳"]
        assert _bridge(store, analyse("Which rocks are 66 million years old?"))["66"] == ["6600"]  # 6600万


def test_chinese_names_cut_by_jieba_are_sounded_whole(tmp_path: Path) -> None:
    """jieba cuts 卡罗莱纳 into 卡罗 and 莱纳, each of which alone sounds like other names; the
    run is sounded whole, and an English name is found by one of its words (Halvorsen of Erik
    Halvorsen)."""
    from tidings.answer.retrieve import SOUND_ACROSS_MIN, _bridge, _sounded_names
    from tidings.enrich.names import name_runs, sound_across, spelling_across

    question = "卡罗莱纳狼队的四分卫哈尔沃森在决赛中传出了几次达阵？"
    assert name_runs(question) == ["卡罗莱纳", "哈尔沃森"]
    assert spelling_across("卡卡", "Gaga") > spelling_across("卡卡", "George")
    docs = tmp_path / "en.jsonl"
    text = (
        "The Wolves, a team from Carolina, won the league final in 1998. Their quarterback, Erik"
        " Halvorsen, threw three touchdown passes in that game. The coach was Ann Wesley."
    )
    docs.write_text(json.dumps({"id": "a", "text": text}), encoding="utf-8")
    with tidings.open_store(str(tmp_path / "en.db")) as store:
        tidings.ingest(store, [str(docs)])
        bridge = _bridge(store, analyse(question))
        assert bridge["卡罗"] == ["carolina"] and bridge["莱纳"] == []
        assert bridge["哈尔"] == ["halvorsen"] and bridge["沃森"] == []
        # Two characters must sound exactly alike: 沃斯 is near Wesley (0.89), not the same.
        assert sound_across("沃斯", "Wesley") >= SOUND_ACROSS_MIN
        assert "wesley" in store.written_names() and _sounded_names(store, {"沃斯": "沃斯"}) == {}


def test_the_fact_a_question_asks_for_is_the_one_its_words_name() -> None:
    assert wanted_attributes(analyse("青澜潮汐的估值是多少?")) == ("valuation",)
    assert wanted_attributes(analyse("What is BlueTide valued at?")) == ("valuation",)
    # the money of a round, as the company raised it or its backers put it in
    assert wanted_attributes(analyse("青澜潮汐B轮融资了多少钱?")) == ("funding", "contribution")
    assert wanted_attributes(analyse("沃斯资本投资了青澜潮汐多少钱?")) == ("funding", "contribution")
    assert wanted_attributes(analyse("青澜潮汐是哪一年成立的?")) == ("founded",)
    # naming none, a question takes every attribute of its kind
    assert wanted_attributes(analyse("青澜潮汐花了多少钱?")) == KIND_ATTRIBUTES["money"]
    assert wanted_attributes(analyse("林嘉禾是谁?")) == ()


def test_english_terms_are_found_as_word_prefixes_plurals_in_ies_too() -> None:
    # the index folds companies to company (tokens._stem); a sentence must be found to hold it too
    assert term_positions("company", "two companies and a company") == [4, 20]
    assert term_positions("robot", "the robots dived") == [4]
    assert term_positions("port", "a passport") == []  # a word's start, not any part of it
    assert term_positions("by", "by the bay") == [0]  # a short word stays itself


def _ingest_text(store: SQLiteStore, source: str, *sentences: str) -> None:
    report = IngestReport()
    ingest_item(store, RawItem(source=source, text="".join(sentences)), report)
    assert report.ingested == 1, report.rejected


def test_a_name_typed_without_its_accents_finds_the_sentence_that_has_them(store: SQLiteStore) -> None:
    _ingest_text(
        store,
        "office",
        "Harbour Robotics opened a new office this spring. ",
        "Its chief engineer, Joaquín Peñalosa, moved from Zürich to run it. ",
        "The office will hire forty people by the end of the year.",
    )
    assert index.held(store.conn, ["penalosa", "zurich"]) == {"penalosa": "penalosa", "zurich": "zurich"}
    answer = tidings.ask(store, "Where did Joaquin Penalosa move from?")
    assert answer.citations and "Peñalosa" in answer.citations[0].text
    assert term_positions("penalosa", "joaquín peñalosa, moved") == [8]


def test_a_question_for_a_span_of_years_is_answered_with_both_ends(store: SQLiteStore) -> None:
    _ingest_text(
        store,
        "lighthouse",
        "白鹭灯塔位于海澄湾北岸，是当地最早的灯塔。",
        "灯塔在1861年至1875年间由海关管理，之后交给港务局。",
        "1990年灯塔整修，如今对游客开放。",
    )
    for question in ("白鹭灯塔哪年到哪年由海关管理?", "白鹭灯塔是哪些年间由海关管理的?"):
        answer = tidings.ask(store, question).answer
        assert answer in ("1861年至1875年", "1861年至1875年间"), question  # both ends, not 1861年


@pytest.mark.parametrize("length", ["42公分", "40多公分", "40余公分"])
def test_a_question_for_a_length_is_answered_by_a_sentence_that_gives_one(
    store: SQLiteStore, length: str
) -> None:
    # The first sentence counts (20倍) and names the fish; only the last gives a length, a round
    # one (40多公分) too.
    _ingest_text(
        store,
        "eel",
        "青澜蛇鳗的体长为体高的20倍，头长为吻长的6倍。",
        "青澜蛇鳗栖息于海澄湾的泥沙底。",
        f"成鱼一般可达{length}。",
    )
    assert tidings.ask(store, "青澜蛇鳗的体长是多少?").answer == length


def test_where_someone_is_from_is_answered_by_the_sentence_that_says_so(store: SQLiteStore) -> None:
    # Where he was from and when he died are sentences of their own that name no one.
    _ingest_text(
        store,
        "biography",
        "林望舒，字子澄，号青山，近代学者林望舒以考据见长。",
        "浙江省海澄县人。",
        "林望舒1925年在上海求学，后随学校迁居昆明，任教于西南联大。",
        "1977年病逝于昆明。",
    )
    # (Sharing no word with the question, it is answered with little confidence: below the
    # default threshold, tidings abstains rather than cite the first sentence.)
    answer = tidings.ask(store, "林望舒的籍贯是哪里?", min_confidence=0.0)
    assert answer.citations and answer.citations[0].text == "浙江省海澄县人。"
    assert answer.answer is not None and answer.answer.startswith("浙江省海澄县")
    died = tidings.ask(store, "林望舒是什么时候去世的?", min_confidence=0.0)
    assert died.answer == "1977年"  # not 1925年, in the sentence that names him
