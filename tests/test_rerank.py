"""The reranker: its features, and the order the shipped weights give the best sentences."""

from __future__ import annotations

import pytest

from tests.test_answer import _candidate_for
from tidings.answer import _reading, _score, _Scored, analyse
from tidings.answer.rerank import Sentence, features, reorder, rerank_weights
from tidings.answer.retrieve import gather
from tidings.models import IngestReport, RawItem
from tidings.pipeline import ingest_item
from tidings.store import SQLiteStore

QUESTION = "银鳞鳗的体长是多少?"


def _sentences(texts: list[str], scores: list[float]) -> list[Sentence]:
    """``texts`` as one document's sentences in that order, scored ``scores`` by the sentence
    score, each read for QUESTION."""
    sentences = []
    for position, (text, score) in enumerate(zip(texts, scores, strict=True)):
        q, c = _candidate_for(QUESTION, text, {"银鳞鳗": 8.0, "体长": 6.0}, position=position)
        reading = _reading(q, _Scored(c, score, None, 0.0))
        assert reading is not None
        sentences.append(Sentence(c, score, False, reading))
    return sentences


def test_weights_are_shipped() -> None:
    weights = rerank_weights()
    assert len(weights) > 30
    # what the fit learnt, in sign: the sentence score counts, and so does the reader's score
    assert weights["score_gap"] > 0 and weights["reader"] > 0


def test_without_weights_the_order_stays() -> None:
    sentences = _sentences(["银鳞鳗生活在深海。", "体长可达35厘米。"], [5.0, 4.0])
    assert reorder(analyse(QUESTION), 0.9, sentences, weights={}) == [0, 1]


def test_features_weigh_a_term_by_how_rare_it_is_among_the_sentences() -> None:
    """银鳞鳗, the topic, is in every sentence and tells them apart less than 体长, the term next
    to the question word, found in one."""
    texts = ["银鳞鳗是鳗鲡目的一种鱼。", "银鳞鳗生活在深海。", "银鳞鳗的体长可达35厘米。"]
    first, second, third = features(analyse(QUESTION), 0.9, _sentences(texts, [5.0, 4.5, 4.0]))
    assert first["lead"] == 1.0 and "lead" not in third
    assert third["local"] > first["local"] == second["local"] > 0
    assert third["before"] == 1.0 and "before" not in first
    assert third["trigrams"] > first["trigrams"]
    assert third["score_gap"] == -1.0 and "score_gap" not in first  # zeros are left out


def test_features_see_the_asked_word_said_in_other_words() -> None:
    """体长, the word before the question word, is not in 成鱼身长可达35厘米, but its 长 is: the
    sentence says the length in a word of its own. A sentence with 体长 itself, or with neither
    character, has no such feature."""
    texts = ["银鳞鳗生活在深海。", "成鱼身长可达35厘米。", "银鳞鳗的体长可达35厘米。"]
    first, second, third = features(analyse(QUESTION), 0.9, _sentences(texts, [5.0, 4.5, 4.0]))
    assert second["before_part"] == 1.0
    assert "before_part" not in first and "before_part" not in third


def test_the_sentence_that_answers_comes_first() -> None:
    """The sentence score puts the one that names the fish twice first; the reranker puts the
    one that gives its length first, though it does not name it (it follows on from the others)."""
    texts = ["银鳞鳗是银鳞鳗科的一种鱼,银鳞鳗栖息于深海。", "成鱼体长可达35厘米,重约2公斤。"]
    sentences = _sentences(texts, [5.0, 4.6])
    assert reorder(analyse(QUESTION), 0.9, sentences, weights={}) == [0, 1]
    assert reorder(analyse(QUESTION), 0.9, sentences) == [1, 0]


def test_the_answer_comes_from_the_sentence_the_reranker_puts_first(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``_score`` reads the best sentences and takes the reranker's order: with weights that put
    the second best (by the sentence score: the order without weights) first, the second best
    answers, with the reader's span."""
    from tidings.answer import rerank

    text = "银鳞鳗是一种深海鱼,栖息于西太平洋。成鱼体长可达35厘米,重约2公斤。银鳞鳗夜间上浮觅食。"
    ingest_item(store, RawItem(source="fish", text=text, external_id="fish"), IngestReport())
    # not a question for a size, whose answer comes from a sentence that gives one (_valued_first)
    question = "银鳞鳗成鱼有什么特点?"
    monkeypatch.setattr(rerank, "rerank_weights", dict)
    first = _score(gather(store, analyse(question)))
    monkeypatch.setattr(rerank, "rerank_weights", lambda: {"rank:2": 100.0})
    second = _score(gather(store, analyse(question)))
    assert second[0].candidate.row["text"] == first[1].candidate.row["text"]
    assert second[1].candidate.row["text"] == first[0].candidate.row["text"]
    assert second[0].read is not None and second[0].value == second[0].read.text
