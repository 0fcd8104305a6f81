"""Boilerplate removal for pages saved as plain text.

A page saved as text keeps everything around the article: the comment box, reading-time lines,
bylines, image captions, "related articles" and "hot articles" lists, sidebars and comment spam.
The article itself is the run of lines that read as prose. The steps:

1. classify each line: prose, short (headings, headlines, names) or boilerplate (by pattern);
2. cut at the first *end marker* ("评论", "相关文章", "参考资料", "声明:" ...) that comes after
   most of the prose: what follows an article's end is never the article;
3. keep the best-scoring contiguous run of lines (prose scores its length, short lines and
   boilerplate cost), which drops the page header;
4. inside that run drop boilerplate lines, repeats of the title or of an earlier line (image alt
   text), and runs of short lines (lists of headlines).

Lines are matched in their normalised form (Simplified), so Traditional pages need no second list.
"""

from __future__ import annotations

import re

from tidings.clean.normalize import normalize
from tidings.clean.page import Page

# A line is prose when it ends like a sentence or is long and punctuated. 40 characters is about
# two short Chinese clauses; headlines in the seeds' lists are 12-35 characters.
PROSE_MIN_CHARS = 40
# What a short or boilerplate line costs in step 3, in characters of prose. The header and the
# tail are dropped whatever the cost (nothing positive precedes or follows them); the cost decides
# only whether prose beyond a gap still belongs to the article. A caption and a repeated title
# between two paragraphs (2 lines, 18) must not cut off the last paragraph; a list of 20 headlines
# (160+) before a stray blurb must. Boilerplate lines are dropped in step 4 either way.
SHORT_LINE_COST = 8
BOILERPLATE_COST = 10
# Step 4: this many short lines in a row, with no prose between them, are a list, not headings.
SHORT_RUN_IS_LIST = 3
# Step 2: an end marker counts once this share of the page's prose lies before it. "没有评论"
# near the top of a page (a comment counter) must not cut the article; the comment section after
# it must.
END_MARKER_MIN_PROSE_BEFORE = 0.5

_SENTENCE_END = re.compile(r"[。！？!?…」”\"’.;；:：]\s*$")
_PUNCT = re.compile(r"[，,。；;：:！!？?、]")

# Lines that are never article text, whatever their position. Each pattern names its source.
BOILERPLATE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\d[\d,，.]*\s*(次|人)?(阅读|浏览|播放|点赞|收藏|评论|转发)",  # view / like counters
        r"^(阅读|浏览|阅读量|阅读完需|本文字数|字数)\s*[:：]",  # reading time and length
        r"^[•·\s]*(本文字数|阅读完需)",
        r"^(大小|时长)[:：].*(时长|大小)?",  # embedded audio player
        r"^(写点什么|评论|发布|回复|暂无评论|没有评论|发表评论|评论\(.*\)|最新评论|热门评论|网友评论|查看更多评论)$",
        r"^(您的|你的|当前)位置[:：]",  # breadcrumbs
        r"^首页\s*[>＞»]",
        r"(关注|扫码|扫一扫|长按).{0,12}(公众号|微信|二维码|微博|视频号)",
        r"(下载|打开).{0,10}(app|客户端)",
        r"^(分享到|分享|点赞|收藏|打赏|举报|转发)[:：]?\s*$",
        r"^(read more|share|tweet|subscribe|sign up|advertisement|post-qrcode)\s*$",
        r"^(正文完|全文完|\(完\)|（完）|完)$",
        r"^(图片来源|图源|图片|图|来源|题图)\s*[:：@|丨]",  # image credits
        r"图源\s*[:：]",
        r"^[|丨｜]",  # image captions set off with a bar
        r"^(文|作者|编辑|责编|责任编辑|撰文|记者|编译|审核|校对|出品|策划)\s*[|丨｜:：]",  # bylines
        r"^(声明|免责声明|版权声明)[:：]",
        r"(版权所有|all rights reserved|copyright\s*©?|©\s*\d{4})",
        r"^(上一篇|下一篇|上一页|下一页|返回顶部|返回首页)",
        r"^https?://\S+$",  # bare links (reference lists)
        r"^[\d\s:：/\-.年月日]+$",  # bare dates, times and numbers
        r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*$",  # calendar widget heading
    )
]

# Headings after which the page has left the article.
END_MARKERS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(最新评论|热门评论|热评文章|网友评论|发表评论|评论\(.*\)|评论|暂无评论|全部评论)$",
        r"^(相关文章|相关阅读|相关推荐|相关新闻|推荐阅读|延伸阅读|猜你喜欢|热门文章|热门推荐|最新动态|最新文章|精彩推荐|文章搜索)\s*[:：]?$",
        r"^(参考来源|参考资料|参考文献|参考链接|资料来源|references|related( articles)?)\s*[:：]?",
        r"^(声明|免责声明|版权声明)[:：]",
        r"^(正文完|全文完)$",
        r"^更多精彩内容",
        r"^read more\s*$",
    )
]

_DATE = re.compile(r"(20\d{2}|19\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def _kind(line: str, normal: str) -> str:
    if any(p.search(normal) for p in BOILERPLATE):
        return "boilerplate"
    if _SENTENCE_END.search(line) and (len(line) >= 12 or "。" in line):
        return "prose"
    if len(line) >= PROSE_MIN_CHARS and _PUNCT.search(line):
        return "prose"
    return "short"


def _find_date(lines: list[str]) -> str | None:
    for line in lines:
        match = _DATE.search(line)
        if match and len(line) <= 40:
            year, month, day = (int(g) for g in match.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _markdown_title(lines: list[str]) -> str | None:
    for line in lines:
        if line.startswith("# "):
            return line[2:].strip()
        if line:
            return None
    return None


def _title(lines: list[str], kinds: list[str], header_end: int) -> str | None:
    """The title: a header line repeated later on the page, else the first plausible header line."""
    header = [i for i in range(header_end) if kinds[i] != "boilerplate" and 6 <= len(lines[i]) <= 80]
    later = {normalize(line).replace(" ", "") for line in lines[header_end:]}
    for i in header:
        if normalize(lines[i]).replace(" ", "") in later:
            return lines[i]
    for i in header:
        if not _SENTENCE_END.search(lines[i]) or lines[i].endswith(("!", "！", "?", "？")):
            return lines[i]
    return None


def clean_text(raw: str) -> Page:
    """Return the article's paragraphs, one per line, with the title and date found around them."""
    lines = [line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    md_title = _markdown_title(lines)
    lines = [line.lstrip("#").strip() if line.startswith("#") else line for line in lines]
    normals = [normalize(line) for line in lines]
    kinds = ["blank" if not line else _kind(line, normals[i]) for i, line in enumerate(lines)]

    prose_total = sum(len(lines[i]) for i, k in enumerate(kinds) if k == "prose")
    if prose_total == 0:  # a page of short lines only: keep what is not boilerplate
        kept = [line for line, k in zip(lines, kinds, strict=True) if k == "short"]
        return Page("\n".join(kept), md_title, _find_date(lines))

    # Step 2: cut at the first end marker that follows most of the prose.
    stop = len(lines)
    prose_before = 0
    for i, line in enumerate(lines):
        if kinds[i] == "prose":
            prose_before += len(line)
        elif (
            line
            and prose_before >= END_MARKER_MIN_PROSE_BEFORE * prose_total
            and any(p.search(normals[i]) for p in END_MARKERS)
        ):
            stop = i
            break

    # Step 3: best-scoring contiguous run (Kadane) over the lines before the cut.
    best_sum, best_range = float("-inf"), (0, 0)
    run_sum, run_start = 0.0, 0
    for i in range(stop):
        kind = kinds[i]
        score = {"prose": len(lines[i]), "short": -SHORT_LINE_COST, "boilerplate": -BOILERPLATE_COST}.get(
            kind, 0
        )
        if run_sum <= 0:
            run_sum, run_start = 0.0, i
        run_sum += score
        if run_sum > best_sum:
            best_sum, best_range = run_sum, (run_start, i + 1)
    begin, end = best_range

    title = md_title or _title(lines, kinds, begin)
    seen = {normalize(title).replace(" ", "")} if title else set()

    # Step 4: drop boilerplate, repeats and lists of short lines inside the run.
    kept_idx: list[int] = []
    short_run: list[int] = []
    for i in range(begin, end):
        if kinds[i] == "blank":
            continue
        key = normals[i].replace(" ", "")
        if kinds[i] == "boilerplate" or key in seen:
            continue
        seen.add(key)
        if kinds[i] == "short":
            short_run.append(i)
            continue
        if len(short_run) < SHORT_RUN_IS_LIST:
            kept_idx.extend(short_run)
        short_run = []
        kept_idx.append(i)
    kept_idx.sort()
    # Only the header: a sidebar after the article carries other articles' dates.
    published = _find_date(lines[:begin])
    return Page("\n".join(lines[i] for i in kept_idx), title, published)
