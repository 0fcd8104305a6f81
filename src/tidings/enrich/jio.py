"""jionlp, imported once and quietly: it and its segmenter print banners on standard output at
import, which would corrupt ``--json`` output."""

from __future__ import annotations

import contextlib
import io
from functools import lru_cache
from typing import Any

from tidings.enrich.lexicon import lexicon


@lru_cache(maxsize=1)
def jionlp() -> Any:
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp as module
        from jionlp.algorithm.ner import extract_time  # noqa: F401  (its import prints too)
    return module


def parse_money(phrase: str) -> dict[str, Any]:
    result: dict[str, Any] = jionlp().parse_money(phrase)
    return result


def extract_time(text: str, time_base: float) -> list[dict[str, Any]]:
    jionlp()  # first, so that the import below is of an already (quietly) loaded module
    from jionlp.algorithm.ner import extract_time as extract

    found: list[dict[str, Any]] = extract(text, time_base=time_base, with_parsing=True)
    return found


@lru_cache(maxsize=1)
def world_places() -> frozenset[str]:
    """The countries of jionlp's world gazetteer, short and full names, their capitals and main
    cities (哈萨克斯坦, 阿斯塔纳, 阿拉木图). Not a city CC-CEDICT glosses as something else than a
    place: 亚历山大 (Alexandria, and Alexander), 亚伦 (Yaren, and Aaron), 维多利亚. On MSRA that
    costs one LOC mention (F1 LOC 0.669 -> 0.668, all 0.663 either way). Nor a common word (汉堡,
    万象)."""
    jionlp()
    from jionlp.dictionary.dictionary_loader import world_location_loader

    lex = lexicon()
    proper, common = lex.proper, lex.common
    names: set[str] = set()
    for countries in world_location_loader().values():
        for country, about in countries.items():
            names.update((country, about["full_name"]))
            for city in (about["capital"], *about.get("main_city", [])):
                entry = proper.get(city)
                if entry is None or entry.type == "LOC":
                    names.add(city)
    return frozenset(n for n in names if n and n not in common)
