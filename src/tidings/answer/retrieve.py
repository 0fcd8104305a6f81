"""Evidence for a question: documents ranked by fused BM25 and vector search, then their sentences
scored by how much of the question they cover and how close they are in meaning."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

import jieba
import jieba.posseg

from tidings import index
from tidings.answer.question import QUESTION_WORDS, Question
from tidings.clean.normalize import normalize
from tidings.enrich.amounts import numbers_across
from tidings.enrich.embed import embed_query
from tidings.enrich.facts import DATE_TRIGGERS, MONEY_TRIGGERS
from tidings.enrich.lexicon import chinese_for, english_for, lexicon
from tidings.enrich.names import (
    may_be_transliteration,
    name_key,
    name_runs,
    sound_across,
    sound_skeleton,
    spelling_across,
)
from tidings.enrich.tokens import _ready, _stem, fold_accents, tokenize
from tidings.models import Vectors
from tidings.store import SQLiteStore

# The entity types (enrich.entities.TYPES) that answer a question for a person, an organisation
# or a place. spaCy's small English model calls many teams and companies products (Broncos).
NAMED_KINDS = {"person": ("PER",), "organization": ("ORG", "PRODUCT"), "place": ("LOC",)}
# Documents fetched from each retriever before fusion, and documents whose sentences are scored
# after it. On CMRC 2018 dev the gold paragraph is in the fused top 5 for 99% of questions.
DOC_CANDIDATES = 100
PASSAGE_CANDIDATES = 300
TOP_DOCS = 5
# Sentences fetched by sentence-level BM25 on top of those documents' sentences; their documents
# join the re-rank. 30 -> 60: XQuAD recall@5 en->zh 1154 -> 1158 of 1190, zh->en 1153 -> 1154,
# CMRC (every fourth question) unchanged; 100 cost CMRC recall@5 and 30 ms at p95.
SENTENCE_CANDIDATES = 60
# Weights of the rankings fused into the document ranking (reciprocal rank fusion). Tuned with
# bench/qa.py: on CMRC 2018 dev for a question in the documents' language, on XQuAD for one in
# the other language, where BM25 sees only the lexicon's translations and weighs less.
DOC_WEIGHT_BM25 = 1.0
DOC_WEIGHT_PASSAGE = 1.0
DOC_WEIGHT_LEAD = (
    0.5  # CMRC (every other question): 0.5 and 1.0 tie on recall@1 (0.974); 0.5 keeps recall@5 0.993
)
DOC_WEIGHT_BM25_ACROSS = 0.5
DOC_WEIGHT_PASSAGE_ACROSS = 1.0
DOC_WEIGHT_LEAD_ACROSS = 1.0  # XQuAD: the lead vector adds 2-3 points of recall@1 across languages
# The glossed question's passages and lead: XQuAD en->zh, every other question, recall@1 0.795 ->
# 0.813 (passages) -> 0.824 (+ lead). Passages 1.0 -> 1.5, once the bridge had grown: en->zh
# recall@1 1002 -> 1010 of 1190, zh->en unchanged (1005); 2.0 and a lighter lead were no better
# on both directions together.
DOC_WEIGHT_GLOSSED_PASSAGE = 1.5
DOC_WEIGHT_GLOSSED_LEAD = 1.0
# Translations per term appended to the glossed question, by the question's language. XQuAD: a
# Chinese question with two English glosses per term, recall@1 1005 -> 1007 and @5 1154 -> 1155
# of 1190; an English question with two Chinese words per term lost 13 at @1 (one is best).
GLOSSED_FORMS = {"zh": 2, "en": 1}
# A question term found only in the sentence before or after counts this much: "Igor Babuschkin
# joined. He had worked at DeepMind for 5 years" answers a question naming both.
CONTEXT_WEIGHT = 0.5
# A question term found only in the document's lead (its title and first sentence) counts this
# much: the lead names what the document is about, and later sentences say 它, 该公司, or nothing
# (椰子猫 ... / 牠们主要吃果实). On CMRC 2018 dev, picking the sentence of the gold paragraph with the
# most idf-weighted question terms finds one holding the answer for 74.2% of questions with lead
# terms not inherited, 80.9% at 0.5, 85.1% at 0.8 and 85.6% at 1.0. Own coverage still tells a
# sentence that names the subject from one that inherits it.
LEAD_WEIGHT = 1.0
# Other names of a question's entity added to its terms. The most used few carry nearly all the
# mentions (奥特曼, 奥尔特曼, 阿尔特曼, Sam Altman); more only add rare garbles.
MAX_ALIASES = 6


@dataclass
class Candidate:
    row: sqlite3.Row  # the sentence, with its document's source, title, published, language
    coverage: float  # idf-weighted share of the question's terms found, in neighbours at half (0-1)
    own_coverage: float  # the same, counting the sentence itself only
    similarity: float  # cosine of the question and the sentence's passage
    doc_rank: int  # rank of the sentence's document in the fused ranking, from 1
    found: dict[str, list[int]] = field(default_factory=dict)  # term -> where in the normalised sentence
    weights: dict[str, float] = field(default_factory=dict)
    states_fact: bool = False  # holds a fact about the question's entity of the kind it asks for
    # The names ingest found in the sentence, (start, end, entity type), when the question asks
    # for a person, a place or an organisation (``NAMED_KINDS``).
    names: list[tuple[int, int, str]] = field(default_factory=list)
    matched: list[tuple[int, int]] = field(default_factory=list)  # where the question's terms are, any form


@dataclass
class Evidence:
    question: Question
    candidates: list[Candidate]
    doc_ranking: list[str]  # fused, best first
    best_similarity: float
    entities: dict[int, str] = field(default_factory=dict)  # entities the question names -> the name
    query_vector: Vectors | None = None  # the question's embedding


def _bridge(store: SQLiteStore, q: Question) -> dict[str, list[str]]:
    """Translations of the question's terms, when the store holds text in the other language: the
    lexicon's, and for names it lacks, the store's names in the other script that sound alike."""
    other = {"zh": "en", "en": "zh"}.get(q.language)
    if other is None or other not in store.languages():
        return {}

    def present(phrases: list[str]) -> dict[str, str]:
        return index.held(store.conn, phrases)

    bridge = chinese_for(q.words, present) if q.language == "en" else english_for(q.terms, present)
    for number, forms in numbers_across(q.normalized).items():  # 66 million: 6600万
        bridge[number.replace(",", "")] = forms
    if q.language == "en":  # capitalised words past the first (Where), of some length (Andy)
        names = {
            _stem(w.lower()): w
            for w in q.words[1:]
            if w[:1].isupper() and w.isalpha() and len(w) >= SOUND_MIN_LETTERS
        }
    else:
        names = {t: t for t in q.terms if may_be_transliteration(t)}
    untranslated = {term: name for term, name in names.items() if term not in bridge}
    # Whole names over the words they were cut into, sounded in the same pass over the store's
    # names: two English words the store writes as one name (Halford Mackinder, 哈尔福德·麦金德),
    # when the lexicon knows neither; a Chinese question's run of name characters (卡罗莱纳).
    if q.language == "en":
        pairs = {
            f"{a} {b}": (_stem(a.lower()), _stem(b.lower()))
            for a, b in pairwise(q.words[1:])
            if {_stem(a.lower()), _stem(b.lower())} <= untranslated.keys()
        }
        wholes = {p: p for p in pairs}
    else:
        wholes = {r: r for r in name_runs(q.normalized) if not lexicon().to_english(r)}
    sounded = _sounded_names(store, {**untranslated, **wholes})
    for term in (t for t in sounded if t in untranslated):
        bridge[term] = sounded[term]
    for whole in (w for w in sounded if w in wholes):
        # The whole is the better witness: alone, Marlee sounds like 米勒 and Matlin like 米兰,
        # together they are 玛丽·麦特琳; alone, 卡罗 sounds like Korea and Cairo.
        if q.language == "en":
            for term in pairs[whole]:
                bridge[term] = sounded[whole]
        else:
            # A run's names go to its first word only, so that a name cut in three does not weigh
            # three times in a sentence's coverage; the other words are left to the embedding.
            # A run the dictionary knows whole (巴比伦 -> babylonian) keeps its gloss.
            inside = [t for t in q.terms if t in whole]
            for i, term in enumerate(inside):
                bridge[term] = sounded[whole] if i == 0 else []
    return bridge


# A name in the question and a name in the store written in the other script are one name when
# their sound skeletons (enrich.names.sound_skeleton) are this alike. Manning / 曼宁 1.0, Peyton /
# 培顿 1.0, Lindisfarne / 林迪斯法恩 0.90, Paris / 帕里斯 0.91; apart: Manning / 明宁 0.86,
# Manning / 曼谷 0.73, Chopin / 肖邦 0.73 (the lexicon knows that one).
SOUND_ACROSS_MIN = 0.88
# A Chinese name of two characters must sound exactly like the English one: near enough, 博格 is
# Becker and Baker, 沃斯 Wesley and Warsaw. XQuAD zh->en recall@1 +1 of 1190.
SOUND_ACROSS_MIN_TWO_CHARACTERS = 1.0
# Shorter skeletons (Gaga: kaka) and words (Andy) match too many names by chance.
SOUND_MIN_SKELETON = 4
SOUND_MIN_LETTERS = 5
# At most this many of the store's names per question name, the most alike first.
MAX_SOUNDED = 3


def _sounded_names(store: SQLiteStore, names: dict[str, str]) -> dict[str, list[str]]:
    """For each question term naming something (Manning), the store's names in the other script
    that sound like it (曼宁), most alike first. English names are also matched by each of their
    words (埃尔维 -> elway of John Elway)."""
    wanted = {
        term: skeleton
        for term, name in names.items()
        if len(skeleton := sound_skeleton(name)) >= SOUND_MIN_SKELETON
    }
    if not wanted:
        return {}
    found: dict[str, list[tuple[float, float, str]]] = {}
    question_in_latin = next(iter(names.values())).isascii()
    for key, written in store.written_names().items():
        if key.isascii() == question_in_latin:
            continue  # the same script as the question
        if not key.isascii() and not may_be_transliteration(key):
            continue  # 印度, 韩国: not written for their sound
        skeleton = sound_skeleton(key)
        if len(skeleton) < SOUND_MIN_SKELETON:
            continue
        for term, wanted_skeleton in wanted.items():
            if skeleton[0] != wanted_skeleton[0]:
                continue  # a cheap first test: transliterations keep the first sound
            ratio = sound_across(names[term], key)
            if ratio >= (SOUND_ACROSS_MIN_TWO_CHARACTERS if len(names[term]) == 2 else SOUND_ACROSS_MIN):
                # Ties of sound go to the closer spelling: 卡卡 is Gaga, not George.
                found.setdefault(term, []).append((ratio, spelling_across(names[term], key), written))
    return {
        term: list(dict.fromkeys(w for *_, w in sorted(pairs, reverse=True)))[:MAX_SOUNDED]
        for term, pairs in found.items()
    }


def _alternatives(
    term: str, bridge: dict[str, list[str]], aliases: dict[str, list[str]], q: Question, language: str
) -> list[str]:
    """The forms of ``term`` that can be expected in a sentence of ``language``: its translations
    there, and every other name of the entity it names."""
    forms = [term, *bridge.get(term, [])]
    if language == "zh":
        forms = [f for f in forms if not f.isascii() or f in q.names or f.isdigit()]
    elif language == "en":
        forms = [f for f in forms if f.isascii()]
    return [*forms, *aliases.get(term, [])]


# The longest Latin name looked for in a question, in words (Jean-Baptiste de Lamarck).
LATIN_NAME_WORDS = 4


def _latin_name_runs(text: str) -> set[str]:
    """The name keys of every run of up to LATIN_NAME_WORDS Latin words of ``text`` (a possessive's
    's dropped). A Latin name in a question must be such a run: BlueTide in "did BlueTide's round",
    not tide in "BlueTide". (Looked for in the question's name key, whose spaces are gone, words
    had no bounds, and no English question found the entities it named.)"""
    words = [re.sub(r"['’]s$", "", w) for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9.'’\-]*", text)]
    return {
        name_key("".join(words[i:j]))
        for i in range(len(words))
        for j in range(i + 1, min(len(words), i + LATIN_NAME_WORDS) + 1)
    }


def question_entities(store: SQLiteStore, q: Question) -> dict[int, str]:
    """The known entities the question names (by any of their names): entity id -> the name used.

    A name that two entities share (a bare surname) names neither."""
    # Name keys fold accents, as the index does: Penalosa names Peñalosa.
    text = name_key(q.normalized)
    latin = _latin_name_runs(fold_accents(q.normalized))
    found: dict[int, str] = {}
    for key, ids in store.entity_names().items():
        if len(ids) == 1 and len(key) >= (2 if not key.isascii() else 3) and key in text:
            if key.isascii() and key not in latin:
                continue
            entity_id = next(iter(ids))
            if len(key) > len(found.get(entity_id, "")):
                found[entity_id] = key
    return found


def _aliases(store: SQLiteStore, q: Question, entities: dict[int, str]) -> dict[str, list[str]]:
    """For each question term inside an entity's name, the entity's other names (most used first,
    at most MAX_ALIASES): 奥特曼 -> 奥尔特曼, 阿尔特曼, sam altman."""
    out: dict[str, list[str]] = {}
    for entity_id, key in entities.items():
        others = [s.lower() for s in store.surfaces_of(entity_id) if name_key(s) != key]
        others = others[:MAX_ALIASES]
        for term in q.terms:
            if name_key(term) and name_key(term) in key:
                out.setdefault(term, []).extend(o for o in others if o not in out.get(term, []))
    return out


# A two-character verb or noun jieba's dictionary lacks is often a newly made abbreviation (失联
# for 失去联系, 复交 for 恢复邦交): where a sentence lacks the word, its two characters in that order,
# with at most ABBREVIATION_GAP characters between them and no punctuation, count as the word. Not
# a name (赵鹏 is no abbreviation of 赵小鹏) nor a word of another kind jieba joined (这一).
ABBREVIATION_GAP = 2
_ABBREVIATION_TAGS = frozenset({"v", "vn", "n", "an"})


@cache
def abbreviation_pattern(term: str) -> re.Pattern[str] | None:
    if len(term) != 2 or not all("\u4e00" <= c <= "\u9fff" for c in term):
        return None
    _ready()
    if jieba.dt.FREQ.get(term):
        return None
    tagged = jieba.posseg.lcut(term)
    if len(tagged) != 1 or tagged[0].flag not in _ABBREVIATION_TAGS:
        return None
    return re.compile(f"{term[0]}[\u4e00-\u9fff]{{1,{ABBREVIATION_GAP}}}{term[1]}")


def term_positions(term: str, text: str) -> list[int]:
    """Positions of ``term`` in lower-cased normalised ``text`` (English terms match as word prefixes,
    a stem ending in y its plural too: company in companies, as ``tokens._stem`` folds them; an
    accented letter as its bare letter, as ``tokens.fold_accents`` folds it)."""
    term, text = fold_accents(term), fold_accents(text)
    if term.isascii():
        stem = re.escape(term[:-1]) + "(?:y|ie)" if len(term) > 3 and term.endswith("y") else re.escape(term)
        return [m.start() for m in re.finditer(r"(?<![a-z0-9])" + stem, text)]
    return [m.start() for m in re.finditer(re.escape(term), text)]


# The fact attributes that answer each kind of question.
KIND_ATTRIBUTES = {
    "money": ("funding", "contribution", "valuation", "acquisition", "revenue", "spending"),
    "number": ("count:",),
    "date": ("founded", "lawsuit", "joined", "left"),
}
# A question that uses an attribute's trigger words asks for that attribute (估值多少 for the
# valuation, not the size of the round), read as ingest reads a clause: the first one named.
# Money put into a round is one sum seen from two sides (融资 by the company, 投资 by its backers).
_TRIGGERS = {"money": MONEY_TRIGGERS, "date": DATE_TRIGGERS}
_SAME_SUM = ("funding", "contribution")


def wanted_attributes(q: Question) -> tuple[str, ...]:
    """The fact attributes that answer ``q``: the one its words name, else all its kind takes."""
    named = next((a for a, trigger in _TRIGGERS.get(q.kind, []) if trigger.search(q.normalized)), None)
    if named is None:
        return KIND_ATTRIBUTES.get(q.kind, ())
    return _SAME_SUM if named in _SAME_SUM else (named,)


def _matching_facts(store: SQLiteStore, q: Question, entities: dict[int, str]) -> set[tuple[str, int]]:
    """Sentences stating a fact about an entity the question names, of the attribute it asks for."""
    wanted = wanted_attributes(q)
    if not wanted or not entities:
        return set()
    return {
        (r["doc_id"], int(r["position"]))
        for r in store.fact_rows(sorted(entities))
        if str(r["attribute"]).startswith(wanted)
    }


def _passage_ranking(vectors: index.VectorIndex, query_vector: Vectors) -> tuple[list[str], float]:
    """Documents in the order of their best passage, and the best passage's similarity."""
    docs: list[str] = []
    best = 0.0
    for hit in vectors.search(query_vector, PASSAGE_CANDIDATES):
        best = max(best, hit.score)
        if hit.doc_id not in docs:
            docs.append(hit.doc_id)
    return docs, best


def _leads(
    store: SQLiteStore, rows: list[sqlite3.Row], known: dict[tuple[str, int], sqlite3.Row]
) -> dict[str, str]:
    """Each document's title and first sentence, normalised and lower-cased."""
    leads: dict[str, str] = {}
    for row in rows:
        doc_id = row["doc_id"]
        if doc_id in leads:
            continue
        first = known.get((doc_id, 0)) or store.sentences_of(doc_id, [0]).get(0)
        title = normalize(row["title"] or "")
        leads[doc_id] = (title + " " + (first["normalized"] if first is not None else "")).lower()
    return leads


def gather(store: SQLiteStore, q: Question) -> Evidence:
    bridge = _bridge(store, q)
    entities = question_entities(store, q)
    aliases = _aliases(store, q, entities)
    translated = [t for forms in [*bridge.values(), *aliases.values()] for t in forms]
    tokens = [t for t in tokenize(q.normalized) if t not in QUESTION_WORDS]
    tokens += [t for w in translated for t in tokenize(w)]

    # Documents, fused by rank: BM25 over whole documents (question words and their translations),
    # the best passage vector, the lead vector, and, across languages, the best passage and the lead
    # for the question with its terms' translations appended (e5 then sees both).
    by_rowid = index.search_documents(store.conn, tokens, DOC_CANDIDATES)
    names = store.documents_by_rowid([r for r, _ in by_rowid])
    lexical_docs = [names[r] for r, _ in by_rowid if r in names]
    vectors = index.vector_index(store)
    query_vector = embed_query(q.normalized)
    passage_docs, best_similarity = _passage_ranking(vectors, query_vector)
    lead_docs = [d for d, _ in index.lead_index(store).search(query_vector, DOC_CANDIDATES)]
    rankings = [lexical_docs, passage_docs, lead_docs]
    fusion_weights = [DOC_WEIGHT_BM25, DOC_WEIGHT_PASSAGE, DOC_WEIGHT_LEAD]
    if bridge:
        glossed_forms = GLOSSED_FORMS.get(q.language, 1)
        glossed = " ".join(
            [q.normalized, *dict.fromkeys(f for fs in bridge.values() for f in fs[:glossed_forms])]
        )
        glossed_vector = embed_query(glossed)
        rankings.append(_passage_ranking(vectors, glossed_vector)[0])
        rankings.append([d for d, _ in index.lead_index(store).search(glossed_vector, DOC_CANDIDATES)])
        fusion_weights = [
            DOC_WEIGHT_BM25_ACROSS,
            DOC_WEIGHT_PASSAGE_ACROSS,
            DOC_WEIGHT_LEAD_ACROSS,
            DOC_WEIGHT_GLOSSED_PASSAGE,
            DOC_WEIGHT_GLOSSED_LEAD,
        ]
    fused = index.rrf(rankings, fusion_weights)
    doc_ranking = sorted(fused, key=lambda d: -fused[d])
    rank_of = {d: i for i, d in enumerate(doc_ranking, start=1)}

    rows = list(store.sentences_in(doc_ranking[:TOP_DOCS]))
    seen = {(r["doc_id"], r["position"]) for r in rows}
    sentence_hits = index.search(store.conn, tokens, SENTENCE_CANDIDATES)
    for row in store.sentences_by_id([h.sentence_id for h in sentence_hits]).values():
        if (row["doc_id"], row["position"]) not in seen:
            rows.append(row)
            seen.add((row["doc_id"], row["position"]))

    stats = index.term_stats(
        store.conn, [f for t in q.terms for f in [t, *bridge.get(t, []), *aliases.get(t, [])]]
    )
    facts = _matching_facts(store, q, entities)
    by_position = {(r["doc_id"], r["position"]): r for r in rows}
    missing: dict[str, set[int]] = {}
    for doc_id, position in by_position:
        for p in (position - 1, position + 1):
            if (doc_id, p) not in by_position:
                missing.setdefault(doc_id, set()).add(p)
    neighbours = {
        (d, p): r for d, ps in missing.items() for p, r in store.sentences_of(d, sorted(ps)).items()
    }
    neighbours.update(by_position)

    leads = _leads(store, rows, neighbours)
    stored_names = (
        store.names_in_documents(sorted({r["doc_id"] for r in rows})) if q.kind in NAMED_KINDS else {}
    )
    candidates: list[Candidate] = []
    for row in rows:
        text = row["normalized"].lower()
        context = " ".join(
            neighbours[(row["doc_id"], p)]["normalized"].lower()
            for p in (row["position"] - 1, row["position"] + 1)
            if (row["doc_id"], p) in neighbours
        )
        lead = leads[row["doc_id"]]
        found: dict[str, list[int]] = {}
        matched: list[tuple[int, int]] = []
        weights: dict[str, float] = {}
        got = own = 0.0
        for term in q.terms:
            forms = _alternatives(term, bridge, aliases, q, row["language"])
            if not forms:
                continue
            # A term weighs what its own forms weigh: an alias (拉里·佩奇 for 佩奇) is not an index
            # token, and its idf would make the term outweigh the rest of the question.
            own_forms = [f for f in forms if f not in aliases.get(term, ())] or forms
            weight = max(stats.idf(f) for f in own_forms)
            weights[term] = weight
            at = [(p, p + len(f)) for f in forms for p in term_positions(f, text)]
            abbreviated = abbreviation_pattern(term) if not at else None
            if abbreviated is not None:
                at = [m.span() for m in abbreviated.finditer(text)]
            matched += at
            where = [p for p, _ in at]
            if where:
                got += weight
                own += weight
                found[term] = where
            elif any(term_positions(f, lead) for f in forms):
                got += LEAD_WEIGHT * weight
            elif any(term_positions(f, context) for f in forms):
                got += CONTEXT_WEIGHT * weight
        total = sum(weights.values())
        coverage = got / total if total else 0.0
        own_coverage = own / total if total else 0.0
        similarity = vectors.similarity(query_vector, row["doc_id"], row["position"])
        rank = rank_of.get(row["doc_id"], len(doc_ranking) + 1)
        fact = (row["doc_id"], row["position"]) in facts
        candidates.append(
            Candidate(
                row,
                coverage,
                own_coverage,
                similarity,
                rank,
                found,
                weights,
                fact,
                stored_names.get((row["doc_id"], row["position"]), []),
                matched,
            )
        )
    return Evidence(q, candidates, doc_ranking, best_similarity, entities, query_vector)
