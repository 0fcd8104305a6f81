"""Story clustering on wikiref220: 220 English articles, the topic is the file name's prefix.

tidings ingests the files one by one in file order, as a stream, through its whole pipeline; each
document joins a story or starts one as it arrives. Scored against the topics with BCubed
precision, recall and F1 (each document: the share of its story that shares its topic, and the
share of its topic that shares its story) and pairwise precision and recall. Baselines in the same
run, on the same cleaned texts: tf-idf with agglomerative clustering (cosine, average link) and
tf-idf with HDBSCAN, both given the whole set at once; the agglomerative one at a distance
threshold fixed in advance and at the best threshold in hindsight (an upper bound no stream has).
Also reported: the time to place one document in its story as the store grows.
Usage: ``python bench/stories.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.cluster import HDBSCAN, AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

import tidings.pipeline
import tidings.stories
from tidings.clean import clean
from tidings.models import IngestReport
from tidings.sources.files import read_file
from tidings.store import SQLiteStore

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "bench" / "stories" / "wikiref220"
# The baseline's distance threshold fixed in advance: halfway on the cosine-distance scale where
# tf-idf vectors of news on one topic typically sit (0.6-0.9).
FIXED_DISTANCE = 0.8


def topic_of(name: str) -> str:
    stem = re.sub(r"( \(\d+\))?\.txt$", "", name)
    return re.sub(r"[._]\d+$", "", stem)


def bcubed(labels: Sequence[object], topics: Sequence[str]) -> tuple[float, float, float]:
    n = len(labels)
    precision = recall = 0.0
    for i in range(n):
        cluster = {j for j in range(n) if labels[j] == labels[i]}
        topic = {j for j in range(n) if topics[j] == topics[i]}
        precision += len(cluster & topic) / len(cluster)
        recall += len(cluster & topic) / len(topic)
    precision, recall = precision / n, recall / n
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def pairwise(labels: Sequence[object], topics: Sequence[str]) -> tuple[float, float]:
    same_cluster = same_both = same_topic = 0
    for i in range(len(labels)):
        for j in range(i + 1, len(labels)):
            c, t = labels[i] == labels[j], topics[i] == topics[j]
            same_cluster += c
            same_topic += t
            same_both += c and t
    return (same_both / same_cluster if same_cluster else 1.0), (
        same_both / same_topic if same_topic else 1.0
    )


def report(name: str, labels: Sequence[object], topics: Sequence[str]) -> float:
    p, r, f = bcubed(labels, topics)
    pp, pr = pairwise(labels, topics)
    print(f"{name:<46} {len(set(labels)):>7} {p:7.3f} {r:7.3f} {f:7.3f} {pp:7.3f} {pr:7.3f}")
    return f


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    args = parser.parse_args()
    files = sorted(p for p in DATA.iterdir() if p.suffix == ".txt" and not p.name.startswith("README"))
    files = files[: args.limit] if args.limit else files
    topics = [topic_of(p.name) for p in files]
    print(f"wikiref220: {len(files)} articles, {len(set(topics))} topics")

    # tidings, streamed: time each placement by wrapping the pipeline's call.
    placements: list[float] = []
    place = tidings.stories.place_in_story  # the function the pipeline calls, by its own module

    def timed(store: SQLiteStore, doc_id: str) -> int:
        started = time.perf_counter()
        story = place(store, doc_id)
        placements.append(time.perf_counter() - started)
        return story

    tidings.pipeline.place_in_story = timed  # type: ignore[attr-defined]  # imported there, not exported
    doc_ids: list[str | None] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore.open(Path(tmp) / "stories.db") as store:
        for path in files:
            report_ = IngestReport()
            item = next(read_file(path))
            if isinstance(item, Exception):
                doc_ids.append(None)
                continue
            tidings.pipeline.ingest_item(store, item, report_)
            doc_ids.append(report_.doc_ids[0] if report_.doc_ids else None)
            print(f"\r  ingested {len(doc_ids)}/{len(files)}", end="", file=sys.stderr)
        print(file=sys.stderr)
        story_of = {
            str(r[0]): int(r[1]) for r in store.conn.execute("SELECT doc_id, story_id FROM story_documents")
        }
    elapsed = time.perf_counter() - started
    labels: list[object] = [story_of.get(d, -i) if d else -i for i, d in enumerate(doc_ids, start=1)]

    texts = [
        clean(item).text for item in (next(read_file(p)) for p in files) if not isinstance(item, Exception)
    ]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)
    dense = np.asarray(matrix.todense())

    print(f"\n{'system':<46} {'stories':>7} {'B3 P':>7} {'B3 R':>7} {'B3 F1':>7} {'pair P':>7} {'pair R':>7}")
    ours = report("tidings (stream, one pass, in file order)", labels, topics)
    fixed = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=FIXED_DISTANCE
    ).fit_predict(dense)
    baseline = report(f"tf-idf + agglomerative (all at once, {FIXED_DISTANCE})", list(fixed), topics)
    best = max(
        (
            bcubed(
                list(
                    AgglomerativeClustering(
                        n_clusters=None, metric="cosine", linkage="average", distance_threshold=t
                    ).fit_predict(dense)
                ),
                topics,
            )[2],
            t,
        )
        for t in np.arange(0.5, 0.99, 0.02)
    )
    hindsight = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=best[1]
    ).fit_predict(dense)
    label = f"tf-idf + agglomerative (best in hindsight, {best[1]:.2f})"
    in_hindsight = report(label, list(hindsight), topics)
    hdbscan = HDBSCAN(min_cluster_size=2, metric="cosine", copy=True).fit_predict(dense)
    # HDBSCAN's noise (-1) is each its own story.
    report(
        "tf-idf + HDBSCAN (all at once)",
        [int(x) if x >= 0 else -i - 1 for i, x in enumerate(hdbscan)],
        topics,
    )
    print(f"\nBCubed F1 ratio tidings / tf-idf agglomerative ({FIXED_DISTANCE}): {ours / baseline:.2f},")
    print(f"  / the same at its best threshold in hindsight: {ours / in_hindsight:.2f}")
    print(f"ingest of {len(files)} articles (whole pipeline): {elapsed:.0f} s")
    print("time to place one document in its story, by how many the store held:")
    for low in range(0, len(placements), 50):
        chunk = placements[low : low + 50]
        print(f"  {low + 1:>4}-{low + len(chunk):<4} median {statistics.median(chunk) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
