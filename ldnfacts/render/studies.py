"""How a study's numbers read, shared by every output format, and its forest-plot mark."""

from __future__ import annotations

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


def effect_text(effect: JSONObject | None) -> str:
    """`MD -0.34 (95% CI -0.95 to 0.27), p=0.27`, as much of it as is known."""
    if not effect:
        return ""
    text = f"{effect['measure']} {effect['estimate']:+g}"
    if _has_interval(effect):
        text += f" (95% CI {effect['ci_low']:g} to {effect['ci_high']:g})"
    if effect.get("p") is not None:
        text += f", p={effect['p']:g}"
    return text


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
