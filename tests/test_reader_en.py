"""The English reader: its words, its candidate spans, their features, and the span the shipped
weights pick in sentences of our own."""

from __future__ import annotations

from tests.test_answer import _candidate_for
from tidings.answer import READER_SURE_EN, _kind_spans, _pick_span, _read, _reading, _Scored
from tidings.answer.question import analyse
from tidings.answer.reader_en import (
    MAX_SPAN_WORDS,
    _view_of,
    _words,
    candidate_features,
    reader_en_weights,
)
from tidings.answer.spans import Span


def _english(question: str, sentence: str) -> _Scored:
    """``sentence`` read for ``question`` as the answer room reads its best English sentence."""
    q, c = _candidate_for(question, sentence, language="en")
    rule, _ = _pick_span(q, c)
    scored = _Scored(c, 1.0, rule, 0.0)
    _read(q, scored)
    return scored


def test_words_keep_abbreviations_amounts_and_inner_marks_whole() -> None:
    text = "The U.S. unit paid $7.5 million, 40% more, for 22,392 Kestrel-4 parts in the 1990s."
    words = [w.text for w in _words(text)]
    for whole in ("U.S.", "$7.5", "40%", "22,392", "1990s"):
        assert whole in words
    assert words[-1] == "." and words[words.index("Kestrel") + 1] == "-"  # a hyphen is a mark
    # inside a candidate, never at its edge: Haicheng-based holds Haicheng, Kestrel-4 is whole
    sentence = "BlueTide, the Haicheng-based maker of Kestrel-4 parts, grew."
    texts = [s.text for s in candidate_features(analyse("Where is BlueTide based?"), sentence, None, [])[0]]
    assert {"Haicheng", "Kestrel-4", "Kestrel-4 parts"} <= set(texts)
    assert not any(t.startswith("-") or t.endswith("-") for t in texts)


def test_the_question_word_and_the_noun_it_asks_for() -> None:
    view = _view_of("What type of sensors did the Kestrel 4 carry?", "open")
    assert view.wh == "what type" and view.head == "sensor"
    assert _view_of("What did Harbor Aerospace build in 2024?", "open").wh == "what do"
    assert _view_of("What was the name of the first robot?", "open").wh == "what name"
    assert {"kestrel", "carry", "sensor"} <= _view_of(
        "What type of sensors did the Kestrel 4 carry?", "open"
    ).terms


def test_candidates_stay_inside_a_clause_and_never_only_repeat_the_question() -> None:
    q = analyse("Which satellite did BlueTide use for its ocean data service?")
    sentence = (
        "BlueTide began its ocean data service in 2021, using the Kestrel 4 satellite built in Haicheng."
    )
    odd_guess = Span(40, 53, sentence[40:53])  # a rules' guess across the comma: 2021, using
    spans, rows = candidate_features(q, sentence, odd_guess, [])
    assert len(spans) == len(rows) > 20
    assert odd_guess in spans and rows[spans.index(odd_guess)]["rule"] == 1.0
    texts = [s.text for s in spans]
    for span in spans:
        if span != odd_guess:
            assert "," not in span.text and "." not in span.text.rstrip(".")
            assert len(_words(span.text)) <= MAX_SPAN_WORDS
    assert "the Kestrel 4 satellite" in texts and "Kestrel 4" in texts
    assert "BlueTide" not in texts and "ocean data service" not in texts  # the question's own words
    kestrel = rows[texts.index("Kestrel 4")]
    assert kestrel["head_after"] == 1.0  # the noun asked for (satellite) right after it
    assert rows[texts.index("the Kestrel 4 satellite")]["chunk"] == 1.0  # a noun phrase whole


def test_weights_are_shipped_and_learnt_what_an_answer_is() -> None:
    weights = reader_en_weights()
    assert len(weights) > 1000
    # do not repeat the question; a noun phrase whole, not a cut through one; stand beside the
    # question's words, in the clause that holds most of them, on the noun it asks for
    assert weights["question_share"] < 0 and weights["chunk_cut"] < 0 < weights["bare_chunk"]
    assert weights["left_run:0"] < 0 < weights["left_run:2"]
    assert weights["clause_best"] > 0 and weights["head_last"] > 0 and weights["head_after"] > 0


def test_an_open_question_is_read_as_a_span() -> None:
    scored = _english(
        "What does BlueTide make?",
        "BlueTide makes underwater inspection robots for ship hulls and harbour piles.",
    )
    assert scored.read is not None and "inspection robots" in scored.read.text
    assert len(scored.read.text.split()) <= 5
    scored = _english(
        "What satellite did BlueTide use for its ocean data service?",
        "BlueTide began its ocean data service in 2021, using the Kestrel 4 satellite built in Haicheng.",
    )
    assert scored.read is not None and "Kestrel 4" in scored.read.text


def test_a_person_is_read_from_the_names_the_sentence_holds() -> None:
    question = "Who founded Voss Capital?"
    sentence = "Voss Capital was founded in 2009 by Katarina Voss, a former shipping analyst."
    q, c = _candidate_for(question, sentence, language="en")
    c.names = [(36, 49, "PER")]  # as ingest stores them
    assert [s.text for s in _kind_spans(q, c)] == ["Katarina Voss"]
    rule, _ = _pick_span(q, c)
    scored = _Scored(c, 1.0, rule, 0.0)
    _read(q, scored)
    assert scored.value == "Katarina Voss"


def test_an_unsure_reader_answers_with_the_sentence() -> None:
    # Nothing in the sentence answers what was asked: the reader's likeliest spans are far apart,
    # and the cited sentence answers rather than a fragment of it.
    question = "What colour was the hull of the first BlueTide robot?"
    q, c = _candidate_for(
        question,
        "Harbor Ledger visited the plant on Tuesday, and the mayor praised the new jobs.",
        language="en",
    )
    unrelated = _reading(q, _Scored(c, 1.0, None, 0.0))
    q, c = _candidate_for(
        question, "The first BlueTide robot had a bright orange hull, painted by hand.", language="en"
    )
    related = _reading(q, _Scored(c, 1.0, None, 0.0))
    assert unrelated is not None and related is not None
    assert unrelated.expected_f1 < READER_SURE_EN and unrelated.expected_f1 < related.expected_f1
    scored = _english(
        question, "Harbor Ledger visited the plant on Tuesday, and the mayor praised the new jobs."
    )
    assert scored.unsure and scored.value is None


def test_an_english_number_in_words_is_an_amount() -> None:
    """A duration or a count written in words is read as one, not dropped for the sentence."""
    scored = _english(
        "How long did the survey of Haicheng Bay take?",
        "The survey of Haicheng Bay took about six years, the port authority said.",
    )
    assert scored.value == "about six years"
