"""How a study's numbers read, shared by every output format, and its forest-plot mark."""

from __future__ import annotations

from collections.abc import Sequence

from ldnfacts.records import JSONObject

#: The axis of the effect mark, in the units of each row's measure (negative favours LDN).
AXIS = (-2.0, 2.0)


def dose_text(study: JSONObject) -> str:
    if study.get("dose_range_mg"):
        low, high = study["dose_range_mg"]
        return f"{low:g}-{high:g} mg"
    if study.get("dose_mg"):
        return f"{study['dose_mg']:g} mg"
    return ""


def _has_interval(effect: JSONObject) -> bool:
    return effect.get("ci_low") is not None and effect.get("ci_high") is not None


def effect_units(effect: JSONObject | None) -> list[str]:
    """The effect in pieces that are never split across lines: the estimate, the interval,
    the p value. Joined by spaces they read as `effect_text`."""
    if not effect:
        return []
    units = [f"{effect['measure']} {effect['estimate']:+g}"]
    if _has_interval(effect):
        units.append(f"(95% CI {effect['ci_low']:g} to {effect['ci_high']:g})")
    if effect.get("p") is not None:
        units[-1] += ","
        units.append(f"p={effect['p']:g}")
    return units


def effect_text(effect: JSONObject | None) -> str:
    """`MD -0.34 (95% CI -0.95 to 0.27), p=0.27`, as much of it as is known."""
    return " ".join(effect_units(effect))


#: The groups `evidence` shows, in order, by `study.type`; each group runs in year order.
GROUPS = {
    "trial": ("trial", "Trials"),
    "lab-study": ("lab-study", "Laboratory studies"),
    "meta-analysis": ("review", "Reviews and meta-analyses"),
    "review": ("review", "Reviews and meta-analyses"),
}


def group_of(fact: JSONObject) -> str:
    """`trial`, `lab-study` or `review`: the group a study is shown in."""
    return GROUPS[fact["study"]["type"]][0]


def grouped(records: Sequence[JSONObject]) -> list[tuple[str, list[JSONObject]]]:
    """Studies by group (trials, laboratory studies, then reviews), each group by year.

    Returns `(heading, studies)` pairs, leaving out empty groups.
    """
    order = list(dict.fromkeys(key for key, _ in GROUPS.values()))
    headings = dict(GROUPS.values())
    found: dict[str, list[JSONObject]] = {key: [] for key in order}
    for fact in records:
        found[group_of(fact)].append(fact)
    return [
        (headings[key], sorted(found[key], key=lambda f: f["study"]["year"]))
        for key in order
        if found[key]
    ]


def in_group_order(records: Sequence[JSONObject]) -> list[JSONObject]:
    """The studies in the order `grouped` shows them."""
    return [fact for _, group in grouped(records) for fact in group]


def effect_mark(effect: JSONObject | None, width: int = 21, unicode: bool = True) -> str:
    """A one-line forest plot: the estimate as a dot, its interval as a bar, zero as a rule.

    Only mean differences on a pain scale and standardised differences (MD, SMD, d) are
    drawn; raw differences, ratios and percentages sit on scales of their own.
    Values past the axis are clipped to its ends and shown with an arrow.
    """
    if not effect or effect["measure"] not in ("MD", "SMD", "d"):
        return ""
    dot, bar, rule, axis, left, right = (
        ("●", "─", "│", "·", "◀", "▶") if unicode else ("o", "-", "|", ".", "<", ">")
    )
    low_end, high_end = AXIS

    def column(value: float) -> int:
        clipped = min(max(value, low_end), high_end)
        return round((clipped - low_end) / (high_end - low_end) * (width - 1))

    cells = [axis] * width
    if _has_interval(effect):
        for i in range(column(effect["ci_low"]), column(effect["ci_high"]) + 1):
            cells[i] = bar
        if effect["ci_low"] < low_end:
            cells[0] = left
        if effect["ci_high"] > high_end:
            cells[-1] = right
    cells[column(0.0)] = rule  # drawn over the interval: whether it crosses zero shows
    cells[column(effect["estimate"])] = dot
    return "".join(cells)
