"""The cost estimator: content/costs.yml -> data, a scenario -> an estimate, and the markup
of the Costs page.

`data(costs)` is the JSON the page embeds; `estimate(data, inputs)` turns one reader's
choices into lines, phase subtotals and a low / typical / high total. The browser runs the
same function in overrides/assets/javascripts/ig-costs.js on the same data, and
tests/costs_scenarios.json holds scenarios both must agree on. Every amount comes from the
data: neither function knows a fee. All arithmetic is in whole dollars, so both languages
give identical results.

The page reads a scenario from its address, so other tools can link to it with their own
counts (the application tracker, for one): costs/?programs=80,20&ranks=15 sets two
specialties and the rank list, and every other input keeps its default. The names are
the keys of data["defaults"]; yes/no inputs take 1 or 0. The reader's last scenario is also
kept in the browser (IG.store, key "costs").

Nothing here knows about MkDocs; pages.py puts the markup on the page.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .fields import Integer
from .models import Claim, CostDefaults, CostItem, Costs

DATA_VERSION = 1
SPECIALTIES = 3  # the form offers this many specialties (CostDefaults.programs allows as many)


def _midpoint(low: int, high: int) -> int:
    """The typical value of a range that gives none: its midpoint, rounded half up."""
    return (low + high + 1) // 2


def item_data(item: CostItem) -> dict[str, Any]:
    if item.amount is not None:
        low = typical = high = item.amount
    elif item.low is not None and item.high is not None:
        low, high = item.low, item.high
        typical = item.typical if item.typical is not None else _midpoint(low, high)
    else:
        low = typical = high = 0
    original = None
    if item.original:
        original = {
            "currency": item.original.currency,
            "amount": item.original.amount,
            "convertedOn": item.original.converted_on.isoformat(),
            "note": item.original.note,
        }
    return {
        "id": item.id,
        "label": item.label,
        "phase": item.phase,
        "step": item.step,
        "scale": item.scale,
        "exam": item.exam,
        "mode": item.mode,
        "when": list(item.when),
        "low": low,
        "typical": typical,
        "high": high,
        "tiers": [{"first": t.first, "last": t.last, "amount": t.amount} for t in item.tiers],
        "included": item.included,
        "unpriced": item.unpriced,
        "original": original,
        "note": item.note,
        "season": item.season,
        "confidence": item.confidence,
        "sources": list(item.sources),
        "advice": item.advice,
    }


def limits() -> dict[str, list[int]]:
    """The [minimum, maximum] of every number the form asks for, from CostDefaults' field specs."""
    found = {}
    for f in dataclasses.fields(CostDefaults):
        spec = f.metadata["spec"]
        spec = getattr(spec, "item", spec)  # programs: a list of integers
        if isinstance(spec, Integer):
            found[f.name] = [spec.minimum, spec.maximum]
    return found


def defaults(costs: Costs) -> dict[str, Any]:
    d = costs.defaults
    programs = list(d.programs) + [0] * (SPECIALTIES - len(d.programs))
    return {
        "programs": programs,
        "ranks": d.ranks,
        "step_1_attempts": d.step_1_attempts,
        "step_2_ck_attempts": d.step_2_ck_attempts,
        "region": d.region,
        "oet_sittings": d.oet_sittings,
        "pathway": d.pathway,
        "step_3": d.step_3,
        "usce_months": d.usce_months,
        "usce_level": d.usce_level,
        "interviews": d.interviews,
        "in_person_percent": d.in_person_percent,
        "visa": d.visa,
        "late_registration": d.late_registration,
    }


def data(costs: Costs) -> dict[str, Any]:
    """What the estimate is computed from, in Python and in the browser."""
    return {
        "v": DATA_VERSION,
        "season": costs.season,
        "phases": [{"id": phase.id, "label": phase.label} for phase in costs.phases],
        "items": [item_data(item) for item in costs.items],
        "defaults": defaults(costs),
        "limits": limits(),
        "labels": costs.labels,
    }


# ---------------------------------------------------------------------------- estimate ----


def money(amount: int) -> str:
    return f"${amount:,}"


def percent(part: int, whole: int) -> str:
    """`part` as a share of `whole`, to a tenth of a percent, with integer arithmetic only
    (so Python and JavaScript write the same text)."""
    tenths = (part * 1000 + whole // 2) // whole
    return f"{tenths // 10}.{tenths % 10}%"


def span(low: int, high: int) -> str:
    """One amount, or a range with an en dash."""
    return money(low) if low == high else f"{money(low)}\u2013{money(high)}"


def conditions(inputs: dict[str, Any]) -> set[str]:
    """The yes/no conditions of COST_CONDITIONS that hold for these inputs."""
    held = {"outside-us" if inputs["region"] == "outside" else "inside-us", inputs["visa"].replace("-", "")}
    if inputs["pathway"]:
        held.add("pathway")
    if inputs["step_3"] or inputs["visa"] == "h1b":
        held.add("step-3")
    if inputs["late_registration"]:
        held.add("late-registration")
    return held


def tier_parts(tiers: list[dict], programs: int) -> list[list[int]]:
    """[count, price] for each tier the programs reach."""
    parts = []
    for tier in tiers:
        if programs < tier["first"]:
            break
        top = programs if tier["last"] is None else min(programs, tier["last"])
        parts.append([top - tier["first"] + 1, tier["amount"]])
    return parts


def _line(item: dict, labels: dict, count: int, level: str | None = None, suffix: str = "") -> dict:
    low, typical, high = item["low"], item["typical"], item["high"]
    unit = span(low, high)
    scale = item["scale"]
    if level:
        chosen = {"low": low, "typical": typical, "high": high}[level]
        low = typical = high = chosen
        unit = money(chosen)
    label_key = {
        "per-attempt": "count_attempts", "per-sitting": "count_sittings", "per-rank": "count_ranks",
        "per-month": "count_months", "per-interview": "count_interviews",
    }.get(scale)
    detail = ""
    if label_key:
        name = labels[label_key].replace("{included}", str(item["included"]))
        detail = f"{name}: {count} \u00d7 {unit}"
        if level:
            detail += f" ({labels['level_' + level]})"
    return {
        "item": item["id"],
        "phase": item["phase"],
        "label": item["label"] + suffix,
        "detail": detail,
        "low": low * count,
        "typical": typical * count,
        "high": high * count,
    }


def estimate(data: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    """Lines, phase subtotals and the total for one scenario (inputs as in data['defaults'])."""
    labels = data["labels"]
    held = conditions(inputs)
    in_person = (inputs["interviews"] * inputs["in_person_percent"] + 50) // 100
    counts = {
        "once": 1,
        "per-sitting": inputs["oet_sittings"],
        "per-month": inputs["usce_months"],
        "per-interview": in_person,
    }
    lines = []
    for item in data["items"]:
        if not set(item["when"]) <= held:
            continue
        scale = item["scale"]
        found: list[dict] = []
        if item["unpriced"]:
            found.append({**_line(item, labels, 1), "detail": ""})
        elif scale == "per-program":
            used = [n for n in inputs["programs"] if n > 0]
            for number, programs in enumerate(inputs["programs"], start=1):
                if programs <= 0:
                    continue
                parts = tier_parts(item["tiers"], programs)
                total = sum(count * price for count, price in parts)
                suffix = f" ({labels['specialty']} {number})" if len(used) > 1 else ""
                breakdown = " + ".join(f"{count} \u00d7 {money(price)}" for count, price in parts)
                found.append({
                    "item": item["id"], "phase": item["phase"], "label": item["label"] + suffix,
                    "detail": f"{labels['count_programs']}: {programs} ({breakdown})",
                    "low": total, "typical": total, "high": total,
                })
        elif scale == "per-rank":
            extra = max(0, inputs["ranks"] - item["included"])
            if extra:
                found.append(_line(item, labels, extra))
        elif scale == "per-attempt":
            attempts = inputs["step_1_attempts" if item["exam"] == "step-1" else "step_2_ck_attempts"]
            if attempts:
                found.append(_line(item, labels, attempts))
        elif scale == "per-month":
            if counts[scale]:
                found.append(_line(item, labels, counts[scale], level=inputs["usce_level"]))
        elif counts[scale]:
            found.append(_line(item, labels, counts[scale]))
        for line in found:
            line.update({
                "season": item["season"], "confidence": item["confidence"], "sources": item["sources"],
                "advice": item["advice"], "unpriced": item["unpriced"], "note": item["note"],
                "original": item["original"], "step": item["step"],
                "flagged": item["unpriced"] or item["confidence"] != "verified" or item["season"] < data["season"],
            })
            lines.append(line)
    phases = []
    for phase in data["phases"]:
        mine = [line for line in lines if line["phase"] == phase["id"]]
        if mine:
            phases.append({
                "id": phase["id"], "label": phase["label"],
                **{key: sum(line[key] for line in mine) for key in ("low", "typical", "high")},
            })
    return {
        "lines": lines,
        "phases": phases,
        "total": {key: sum(phase[key] for phase in phases) for key in ("low", "typical", "high")},
        "flagged": sum(1 for line in lines if line["flagged"] and not line["unpriced"]),
        "unpriced": sum(1 for line in lines if line["unpriced"]),
    }


# ---------------------------------------------------------------------------- markup ------


def _e(text: Any) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class Markup:
    """The Costs page's widget as HTML: the form, and the results for one scenario.

    `cite` maps a source id to (number, accessible name) as the page numbers its sources;
    `step_urls` maps a step id to its page's URL from the Costs page. ig-costs.js draws the
    results again with the same structure when the reader changes the form.
    """

    def __init__(self, data: dict[str, Any], cite: dict[str, tuple[int, str]], step_urls: dict[str, str]):
        self.data = data
        self.labels = data["labels"]
        self.cite = cite
        self.step_urls = step_urls

    # -- form -----------------------------------------------------------------------

    def number(self, name: str, label: str, value: int, key: str | None = None) -> str:
        low, high = self.data["limits"][key or name]
        return (
            f'<div class="ig-costs__field"><label for="ig-costs-{name}">{_e(label)}</label>'
            f'<input type="number" id="ig-costs-{name}" name="{name}" min="{low}" max="{high}" step="1" '
            f'inputmode="numeric" value="{value}"></div>'
        )

    def radios(self, name: str, legend: str, options: list[tuple[str, str]], value: str) -> str:
        items = "".join(
            f'<label class="ig-costs__choice"><input type="radio" name="{name}" value="{_e(v)}"'
            f'{" checked" if v == value else ""}> {_e(text)}</label>'
            for v, text in options
        )
        return f'<fieldset class="ig-costs__radios"><legend>{_e(legend)}</legend>{items}</fieldset>'

    def checkbox(self, name: str, label: str, checked: bool, hint: str = "") -> str:
        hint_html = f' <span class="ig-costs__hint">{_e(hint)}</span>' if hint else ""
        return (
            f'<label class="ig-costs__choice"><input type="checkbox" name="{name}"'
            f'{" checked" if checked else ""}> {_e(label)}{hint_html}</label>'
        )

    def form(self) -> str:
        labels = self.labels
        d = self.data["defaults"]
        yes_no = [("yes", labels["yes"]), ("no", labels["no"])]
        specialties = "".join(
            self.number(f"programs-{n}", f"{labels['specialty']} {n}: {labels['programs']}", value, "programs")
            for n, value in enumerate(d["programs"], start=1)
        )
        groups = [
            (labels["specialties_legend"], specialties + self.number("ranks", labels["ranks"], d["ranks"])),
            (labels["exams_legend"],
             self.number("step_1_attempts", labels["step_1_attempts"], d["step_1_attempts"])
             + self.number("step_2_ck_attempts", labels["step_2_ck_attempts"], d["step_2_ck_attempts"])
             + self.radios("region", labels["region"],
                           [("outside", labels["region_outside"]), ("inside", labels["region_inside"])], d["region"])),
            (labels["english_legend"],
             self.number("oet_sittings", labels["oet_sittings"], d["oet_sittings"])
             + self.radios("pathway", labels["pathway"], yes_no, "yes" if d["pathway"] else "no")),
            (labels["usce_legend"],
             self.number("usce_months", labels["usce_months"], d["usce_months"])
             + self.radios("usce_level", labels["usce_level"],
                           [(level, labels["level_" + level]) for level in ("low", "typical", "high")],
                           d["usce_level"])),
            (labels["interviews_legend"],
             self.number("interviews", labels["interviews"], d["interviews"])
             + self.number("in_person_percent", labels["in_person_percent"], d["in_person_percent"])),
            (labels["visa_legend"],
             self.radios("visa", labels["visa"], [("j1", labels["visa_j1"]), ("h1b", labels["visa_h1b"])], d["visa"])
             + self.checkbox("step_3", labels["step_3"], d["step_3"], labels["step_3_h1b"])
             + self.checkbox("late_registration", labels["late_registration"], d["late_registration"])),
        ]
        fieldsets = "".join(
            f'<fieldset class="ig-costs__group"><legend>{_e(legend)}</legend>{body}</fieldset>'
            for legend, body in groups
        )
        return (
            f'<form class="ig-costs__form" hidden aria-labelledby="ig-costs-form-heading">'
            f'<h2 id="ig-costs-form-heading">{_e(labels["form_heading"])}</h2>'
            f'<p>{_e(labels["form_intro"])}</p>{fieldsets}</form>'
        )

    # -- results ----------------------------------------------------------------------

    def citations(self, source_ids: list[str]) -> str:
        links = [
            f'<a href="#source-{_e(source_id)}" aria-label="{_e(self.cite[source_id][1])}" '
            f'title="{_e(self.cite[source_id][1])}">{self.cite[source_id][0]}</a>'
            for source_id in sorted(source_ids, key=lambda s: self.cite[s][0])
        ]
        return f'<sup class="ig-cite">{", ".join(links)}</sup>' if links else ""

    def badge(self, line: dict) -> str:
        labels = self.labels
        parts = [f'<span class="ig-badge ig-badge--{line["confidence"]}">{_e(labels[line["confidence"]])}</span>']
        if line["advice"]:
            parts.append(f'<span class="ig-badge ig-badge--advice">{_e(labels["advice"])}</span>')
        return " ".join(parts)

    def amount_cell(self, line: dict) -> str:
        if line["unpriced"]:
            return f'<td class="ig-costs__amount ig-costs__amount--none">{_e(self.labels["not_priced"])}</td>'
        main = money(line["typical"])
        extra = ""
        if line["low"] != line["high"]:
            extra = f'<span class="ig-costs__range">{_e(self.labels["range"])} {span(line["low"], line["high"])}</span>'
        return f'<td class="ig-costs__amount">{main}{extra}</td>'

    def row(self, line: dict) -> str:
        labels = self.labels
        flag = ""
        if line["flagged"]:
            text = labels["flagged"].replace("{season}", str(self.data["season"]))
            flag = f'<span class="ig-costs__flag">{_e(text)}</span>'
        notes = []
        if line["detail"]:
            notes.append(f'<span class="ig-costs__detail">{_e(line["detail"])}</span>')
        if line["note"]:
            notes.append(f'<span class="ig-costs__note">{_e(line["note"])}</span>')
        if line["original"]:
            o = line["original"]
            notes.append(
                f'<span class="ig-costs__note">{_e(labels["converted"])} {_e(o["currency"])} {o["amount"]:,} '
                f'(<time datetime="{o["convertedOn"]}">{o["convertedOn"]}</time>): {_e(o["note"])}</span>'
            )
        link = self.step_urls.get(line["step"], "")
        label = f'<a href="{_e(link)}">{_e(line["label"])}</a>' if link else _e(line["label"])
        css = "ig-costs__line" + (" ig-costs__line--flagged" if line["flagged"] else "")
        return (
            f'<tr class="{css}" data-ig-cost="{_e(line["item"])}"><th scope="row" class="ig-costs__item">{label}'
            f'{flag}{"".join(notes)}</th>{self.amount_cell(line)}'
            f'<td class="ig-costs__season" data-label="{_e(labels["season"])}">{line["season"]}</td>'
            f'<td class="ig-costs__confidence">{self.badge(line)}</td>'
            f'<td class="ig-costs__sources">{self.citations(line["sources"])}</td></tr>'
        )

    def totals_text(self, total: dict) -> str:
        labels = self.labels
        return (f'{labels["low"]} {money(total["low"])} \u00b7 {labels["typical"]} {money(total["typical"])} '
                f'\u00b7 {labels["high"]} {money(total["high"])}')

    def table(self, result: dict) -> str:
        labels = self.labels
        head = "".join(
            f'<th scope="col">{_e(labels[key])}</th>' for key in ("item", "amount", "season", "confidence", "sources")
        )
        bodies = []
        for phase in result["phases"]:
            rows = [line for line in result["lines"] if line["phase"] == phase["id"]]
            subtotal = (
                f'<tr class="ig-costs__subtotal"><th scope="row">{_e(labels["subtotal"])}: {_e(phase["label"])}</th>'
                f'<td class="ig-costs__amount">{money(phase["typical"])}'
                + (f'<span class="ig-costs__range">{_e(labels["range"])} {span(phase["low"], phase["high"])}</span>'
                   if phase["low"] != phase["high"] else "")
                + '</td><td colspan="3"></td></tr>'
            )
            bodies.append(
                f'<tbody data-ig-phase="{_e(phase["id"])}"><tr class="ig-costs__phase">'
                f'<th scope="colgroup" colspan="5">{_e(phase["label"])}</th></tr>'
                + "".join(self.row(line) for line in rows) + subtotal + "</tbody>"
            )
        total = result["total"]
        foot = (
            f'<tfoot><tr class="ig-costs__total"><th scope="row">{_e(labels["total"])}</th>'
            f'<td class="ig-costs__amount" colspan="4">{_e(self.totals_text(total))}</td></tr></tfoot>'
        )
        return (
            f'<div class="ig-costs__scroll"><table class="ig-costs__table"><caption>{_e(labels["table_caption"])}'
            f'</caption><thead><tr>{head}</tr></thead>{"".join(bodies)}{foot}</table></div>'
        )

    def chart(self, result: dict) -> str:
        """Bars of the typical cost per phase, with the low-high range as a line; the table is
        the text alternative, so the drawing is hidden from assistive technology."""
        phases = result["phases"]
        top = max([phase["high"] for phase in phases] + [1])
        row = 44
        parts = []
        for index, phase in enumerate(phases):
            y = index * row
            parts.append(
                f'<text x="0" y="{y + 14}" class="ig-costs__chart-label">{_e(phase["label"])}: '
                f'{money(phase["typical"])}</text>'
                f'<rect x="0" y="{y + 20}" width="{percent(phase["typical"], top)}" height="14" rx="2" '
                'class="ig-costs__bar"></rect>'
            )
            if phase["low"] != phase["high"]:
                parts.append(
                    f'<line x1="{percent(phase["low"], top)}" x2="{percent(phase["high"], top)}" '
                    f'y1="{y + 27}" y2="{y + 27}" class="ig-costs__whisker"></line>'
                )
        height = max(1, len(phases)) * row
        return (
            f'<figure class="ig-costs__chart"><svg width="100%" height="{height}" aria-hidden="true" '
            f'focusable="false">{"".join(parts)}</svg><figcaption>{_e(self.labels["chart_caption"])}'
            "</figcaption></figure>"
        )

    def summary(self, result: dict) -> str:
        labels = self.labels
        notes = []
        if result["flagged"]:
            notes.append(labels["flagged_count"].replace("{n}", str(result["flagged"]))
                         .replace("{season}", str(self.data["season"])))
        if result["unpriced"]:
            notes.append(labels["not_priced_count"].replace("{n}", str(result["unpriced"])))
        return (
            f'<p class="ig-costs__summary"><strong>{_e(labels["total"])}:</strong> '
            f'{_e(self.totals_text(result["total"]))}</p>'
            + (f'<p class="ig-costs__warning">{_e(" ".join(notes))}</p>' if notes else "")
        )

    def results(self, result: dict) -> str:
        return self.summary(result) + self.chart(result) + self.table(result)


def claim_html(claim: Claim, markup: Markup) -> str:
    """A claim's text (plain: the widget is HTML, not Markdown), citations and confidence tag."""
    badge = ""
    if claim.confidence != "verified":
        badge = f' <span class="ig-badge ig-badge--{claim.confidence}">{_e(markup.labels[claim.confidence])}</span>'
    return _e(" ".join(claim.text.split())) + markup.citations(list(claim.sources)) + badge


def widget_html(costs: Costs, cite: dict[str, tuple[int, str]], step_urls: dict[str, str], payload: str) -> str:
    """The whole estimator, showing the default scenario; `payload` is the data as attribute JSON."""
    numbers = data(costs)
    markup = Markup(numbers, cite, step_urls)
    labels = costs.labels
    result = estimate(numbers, numbers["defaults"])
    h1b = costs.h1b_note
    hidden = "" if numbers["defaults"]["visa"] == "h1b" else " hidden"
    not_included = "".join(
        f"<li>{claim_html(claim, markup)}</li>" for claim in costs.not_included
    )
    return (
        f"<section class=\"ig-costs\" data-ig-costs='{payload}' data-search-exclude>"
        f'<p class="ig-costs__noscript">{_e(labels["noscript"])}</p>'
        + markup.form()
        + f'<div class="ig-costs__results"><h2 id="estimate">{_e(labels["result_heading"])}</h2>'
        f'<p class="ig-visually-hidden" role="status" data-ig-costs-status></p>'
        f'<div class="ig-costs__output" data-ig-costs-output>{markup.results(result)}</div>'
        f'<div class="admonition warning ig-costs__h1b"{hidden}><p class="admonition-title">'
        f'{_e(labels["h1b_heading"])}</p><p>{claim_html(h1b, markup)}</p></div>'
        f'<div class="ig-costs__actions" role="group" aria-label="{_e(labels["actions_legend"])}" hidden></div>'
        f'<h2 id="not-included">{_e(labels["not_included_heading"])}</h2><ul class="ig-costs__excluded">'
        f"{not_included}</ul></div></section>"
    )


def cited(costs: Costs) -> tuple[str, ...]:
    """Sources the Costs page cites, in order of first citation."""
    ordered: dict[str, None] = {}
    for claim in costs.intro:
        ordered.update(dict.fromkeys(claim.sources))
    for item in costs.items:
        ordered.update(dict.fromkeys(item.sources))
    for claim in (costs.h1b_note, *costs.not_included):
        ordered.update(dict.fromkeys(claim.sources))
    return tuple(ordered)
