"""Seeded structural perturbations of a translation, with its gold alignment carried along.

From one gold-aligned pair we make many harder ones: adjacent paragraphs
merged (2-4 at a time), paragraphs split at a sentence boundary, paragraphs
deleted, and unrelated lines inserted. Every variant is synthetic data for
measuring aligners and is never written into a document set.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from corpus.languages import normalise_tag
from corpus.segmenter import join_segments, split_sentences

Pairs = list[tuple[tuple[int, ...], tuple[int, ...]]]

# Unrelated lines of the kind web pages and feeds interleave with a text; written for this suite. By canonical
# language tag; a language without lines of its own gets English ones, which are as unrelated.
UNRELATED = {
    "en": ["Subscribe to our newsletter to get the day's main stories every morning.",
           "Weather in Astana tomorrow: up to 24 degrees, light north-westerly wind.",
           "Exchange rates at 9:00: the tenge is steady against the dollar.",
           "Comments are closed for this article.",
           "The photo gallery will open in a new window.",
           "Advertising department: call us on weekdays from nine to six."],
    "zh-Hans": ["订阅我们的新闻简报，每天早上获取当日要闻。",
                "明日阿斯塔纳天气：最高气温24度，西北风微风。",
                "上午九点汇率：坚戈兑美元汇率保持稳定。",
                "本文评论功能已关闭。",
                "图集将在新窗口中打开。",
                "广告部工作时间：工作日九点至十八点。"],
    "kk": ["Күннің басты жаңалықтарын әр таңертең алу үшін біздің таратылымға жазылыңыз.",
           "Ертең Астанада ауа райы: 24 градусқа дейін, солтүстік-батыстан әлсіз жел.",
           "Сағат 9:00-дегі валюта бағамы: теңге долларға қатысты тұрақты.",
           "Бұл мақалаға пікір қалдыру жабық.",
           "Фотогалерея жаңа терезеде ашылады.",
           "Жарнама бөлімі: жұмыс күндері сағат тоғыздан алтыға дейін хабарласыңыз."],
    "ru": ["Подпишитесь на нашу рассылку, чтобы каждое утро получать главные новости дня.",
           "Погода в Астане завтра: до 24 градусов, слабый северо-западный ветер.",
           "Курсы валют на 9:00: тенге стабилен по отношению к доллару.",
           "Комментарии к этой статье закрыты.",
           "Фотогалерея откроется в новом окне.",
           "Отдел рекламы: звоните по будням с девяти до шести."],
}


@dataclass
class Variant:
    seed: int
    texts: list[str]
    gold: Pairs
    operations: list[str]


def _normalise(links: list[tuple[list[int], list[int]]]) -> Pairs:
    """Drop emptied links and split multi-segment deletions and insertions into single ones."""
    out: Pairs = []
    for src, tgt in links:
        if src and tgt:
            out.append((tuple(src), tuple(tgt)))
        else:
            out.extend(((i,), ()) for i in src)
            out.extend(((), (j,)) for j in tgt)
    return out


def perturb(texts: list[str], gold: Pairs, lang: str, seed: int, operations: int = 6,
            max_group: int = 4) -> Variant:
    """One variant: `operations` random edits applied in turn to the target side."""
    rng = random.Random(seed)
    # Work on a list of target units, each knowing which gold link it belongs to.
    units: list[dict[str, Any]] = [{"text": t} for t in texts]
    links: list[tuple[list[int], list[int]]] = [(list(s), list(t)) for s, t in gold]
    owner = {j: k for k, (_, tgt) in enumerate(links) for j in tgt}
    for j, unit in enumerate(units):
        unit["link"] = owner[j]
    done: list[str] = []
    attempts = 0
    while len(done) < operations and attempts < operations * 20:
        attempts += 1
        kind = rng.choice(["merge", "split", "delete", "insert"])
        if kind == "merge" and len(units) >= 2:
            size = rng.randint(2, min(4, len(units)))
            start = rng.randrange(0, len(units) - size + 1)
            group = units[start:start + size]
            if any(u["link"] is None for u in group):  # inserted lines belong to no link
                continue
            owners = sorted({u["link"] for u in group})
            sources = sorted({i for k in owners for i in links[k][0]})
            others = [u for u in units if u["link"] in owners and u not in group]
            gap = bool(sources) and sources[-1] - sources[0] + 1 != len(sources)  # a deleted paragraph between
            if len(sources) > max_group or others or gap:
                continue
            first = owners[0]
            for k in owners[1:]:
                links[first][0].extend(links[k][0])
                links[k] = ([], [])
            links[first] = (sorted(set(links[first][0])), links[first][1])
            units[start:start + size] = [{"text": join_segments((u["text"] for u in group), lang), "link": first}]
            done.append(f"merge {size} at {start}")
        elif kind == "split":
            candidates = [j for j, u in enumerate(units) if u["link"] is not None
                          and len(split_sentences(u["text"], lang)) >= 2
                          and sum(1 for v in units if v["link"] == u["link"]) < max_group]
            if not candidates:
                continue
            j = rng.choice(candidates)
            sentences = split_sentences(units[j]["text"], lang)
            cut = rng.randrange(1, len(sentences))
            link = units[j]["link"]
            units[j:j + 1] = [{"text": join_segments(sentences[:cut], lang), "link": link},
                              {"text": join_segments(sentences[cut:], lang), "link": link}]
            done.append(f"split at {j}")
        elif kind == "delete" and len(units) > 2:
            j = rng.randrange(len(units))
            del units[j]
            done.append(f"delete at {j}")
        elif kind == "insert":
            j = rng.randrange(len(units) + 1)
            if 0 < j < len(units) and units[j - 1]["link"] is not None and units[j - 1]["link"] == units[j]["link"]:
                continue  # never inside the paragraphs of one link: its gold would stop being contiguous
            units.insert(j, {"text": rng.choice(UNRELATED.get(normalise_tag(lang), UNRELATED["en"])), "link": None})
            done.append(f"insert at {j}")
    # Rebuild the gold from the units' final positions.
    new_links: list[tuple[list[int], list[int]]] = [(src, []) for src, _ in links]
    order: list[tuple[int, list[int], list[int]]] = []
    for j, unit in enumerate(units):
        if unit["link"] is None:
            order.append((j, [], [j]))
        else:
            new_links[unit["link"]][1].append(j)
    # place each link at its first target position, or after the previous link when it has none
    placed: list[tuple[float, int, list[int], list[int]]] = []
    last = -1.0
    for k, (src, tgt) in enumerate(new_links):
        if not src and not tgt:
            continue
        position = tgt[0] if tgt else last + 0.5
        last = tgt[-1] if tgt else position
        placed.append((position, 0, src, tgt))
    placed += [(j, 1, src, tgt) for j, src, tgt in order]
    placed.sort(key=lambda item: (item[0], item[1]))
    return Variant(seed, [u["text"] for u in units], _normalise([(s, t) for _, _, s, t in placed]), done)
