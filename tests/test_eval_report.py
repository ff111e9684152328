"""Reports of `qa eval`: summary.json / items.jsonl (schema), the self-contained HTML page (rendered in headless
Chromium with XSS payloads planted in documents, questions, answers and the JSON blob), JUnit XML and Markdown.

The Chromium test does not skip when the browser is missing: `make test` runs scripts/setup.sh, which installs
Debian's chromium, so a missing browser is a broken set-up and fails loudly. QA_CHROMIUM=/path/to/chromium picks
another binary; QA_SKIP_BROWSER_TESTS=1 skips it explicitly (for a machine where it cannot be installed).
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from evalharness.gates import evaluate_gates
from evalharness.report import (
    embed_json,
    item_outcome,
    load_schema,
    render_junit,
    render_markdown,
    write_reports,
)

TITLE_XSS = "<script>document.title='PWNED'</script>"
IMG_XSS = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
BLOB_BREAK = "</script><script>document.body.setAttribute('data-pwned','blob')</script><!--"
SVG_XSS = "<svg onload=\"document.body.setAttribute('data-pwned','svg')\"></svg>"
PAYLOADS = (TITLE_XSS, IMG_XSS, BLOB_BREAK, SVG_XSS)
VARIANTS = ["base", "base+rag", "tuned+rag", "openai:gpt-4o+rag"]
METRICS = {
    "answer_correct": (True, "answerable"),
    "token_f1": (True, "answerable"),
    "hallucination_rate": (False, "answerable"),
    "abstention": (True, "unanswerable"),
    "over_refusal": (False, "answerable"),
    "hit_at_k": (True, "answerable"),
    "latency_s": (False, "all"),
}
# per variant: hallucination_rate, answer_correct, abstention (fixed, so "best" is known)
VALUES = {
    "base": (0.6, 0.30, 0.2),
    "base+rag": (0.2, 0.55, 0.5),
    "tuned+rag": (0.1, 0.70, 0.8),
    "openai:gpt-4o+rag": (0.15, 0.80, 0.7),
}


def build_run():
    """A synthetic finished run: 4 variants x 10 questions (7 answerable, 3 not), payloads everywhere."""
    items = []
    for v_index, variant in enumerate(VARIANTS):
        for q in range(10):
            answerable = q < 7
            refused = (not answerable and q != 9) or (answerable and q == 6 and variant == "base")
            hallucinated = answerable and not refused and (q + v_index) % 4 == 0
            payload = PAYLOADS[q % len(PAYLOADS)]
            claims = (
                []
                if refused
                else [
                    {
                        "text": "Employees get 27 days of annual leave",
                        "supported": True,
                        "reasons": ["chunk c1 says so"],
                    },
                    {
                        "text": "The VPN drops after 12 hours",
                        "supported": not hallucinated,
                        "reasons": []
                        if not hallucinated
                        else [f"no retrieved chunk mentions the VPN {payload}"],
                    },
                ]
            )
            items.append(
                {
                    "variant": variant,
                    "item_id": f"q{q:02d}",
                    "answerable": answerable,
                    "refused": refused,
                    "question": f"How many days of leave do I get? ({q}) {payload}",
                    "reference": "27 days" if answerable else "I don't know: the documents do not say.",
                    "answer": "I don't know."
                    if refused
                    else f"Employees get 27 days of annual leave. The VPN drops after 12 hours. {payload}",
                    "contexts": []
                    if "rag" not in variant
                    else [
                        {
                            "chunk_id": "c1",
                            "source": f"handbook/leave{payload}.md",
                            "heading": "Leave > Annual",
                            "text": f"Employees get 27 days of annual leave. {payload} {BLOB_BREAK}",
                        }
                    ],
                    "claims": claims,
                    "scores": {
                        "answer_correct": (1.0 if q % 2 == 0 else 0.0)
                        if answerable and not refused
                        else (0.0 if answerable else None),
                        "hallucination_rate": (1.0 if hallucinated else 0.0) if answerable else None,
                        "abstention": (1.0 if refused else 0.0) if not answerable else None,
                        "latency_s": 0.5 + q / 10,
                    },
                    "latency_s": 0.5 + q / 10,
                    "new_tokens": 20 + q,
                }
            )
    variants = {}
    for variant in VARIANTS:
        hall, correct, abst = VALUES[variant]
        values = {
            "hallucination_rate": hall,
            "answer_correct": correct,
            "abstention": abst,
            "token_f1": correct + 0.05,
            "over_refusal": 0.1,
            "hit_at_k": None if variant == "base" else 0.8,
            "latency_s": 1.2,
        }
        variants[variant] = {
            "metrics": {
                m: {
                    "value": values[m],
                    "ci": None
                    if values[m] is None
                    else [max(0.0, values[m] - 0.1), values[m] + 0.1]
                    if m == "latency_s"
                    else [max(0.0, values[m] - 0.1), min(1.0, values[m] + 0.1)],
                    "n": 0 if values[m] is None else 7,
                    "unscored": 7 if values[m] is None else 0,
                    "higher_is_better": METRICS[m][0],
                }
                for m in METRICS
            },
            "items": 10,
            "description": f"the {variant} variant {IMG_XSS}",
        }
    summary = {
        "format_version": 1,
        "kind": "qa.eval",
        "run": f"run-1 {TITLE_XSS}",
        "created_at": "2026-11-30T06:00:00+00:00",
        "variants": variants,
        "metrics": {
            m: {"description": f"{m} described {SVG_XSS}", "higher_is_better": h, "applies_to": a}
            for m, (h, a) in METRICS.items()
        },
        "calibration": {
            "used": "calibrated_thresholds",
            "slice": {"size": 200},
            "held_out": {
                "default": {"n": 80, "accuracy": 0.85, "accepted_supported": 0.9,
                            "by_type": {"verbatim": {"n": 10, "accuracy": 1.0}, "word_swap": {"n": 8, "accuracy": 0.25}}},
                "calibrated": {"n": 80, "accuracy": 0.91, "accepted_supported": 0.95,
                               "by_type": {"verbatim": {"n": 10, "accuracy": 1.0}, "word_swap": {"n": 8, "accuracy": 0.5}}},
            },
            "note": TITLE_XSS,
        },
        "verifier": {"used": "learned", "why": f"it won {TITLE_XSS}",
                     "real_answers": {"n": 120, "agreement": 0.92, "agreement_ci": [0.86, 0.96], "auroc": 0.95,
                                      "false_flags": 3, "supported": 70, "missed": 4, "unsupported": 50}},
        "judge": {"name": f"verifier {IMG_XSS}", "parse_failures": 1, "unscored": 2},
        "config": {"retrieval": {"k": 5}, "note": BLOB_BREAK},
        "gates": [],
    }
    summary["gates"] = [
        g.to_json()
        for g in evaluate_gates(
            summary,
            [
                "tuned+rag.hallucination_rate <= 0.15",
                "tuned+rag.abstention >= 0.9",
                "openai:gpt-4o+rag.answer_correct >= 0.5",
            ],
        )
    ]
    return summary, items


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    summary, items = build_run()
    folder = tmp_path_factory.mktemp("runs") / "run-1"
    written = write_reports(folder, summary, items, ["html", "json", "junit", "md"])
    assert set(written) == {"html", "json", "junit", "md", "items"}
    assert all(path.is_file() and path.parent == folder for path in written.values())
    return folder


# ----------------------------------------------------------------------------------------------- json / items


def _strict_json(text: str):
    def no_constants(name):
        raise ValueError(f"non-standard JSON constant {name}")

    return json.loads(text, parse_constant=no_constants)


def test_summary_and_items_follow_the_schemas(run_dir):
    import jsonschema

    summary_schema, item_schema = load_schema("summary"), load_schema("item")
    jsonschema.Draft202012Validator.check_schema(summary_schema)
    jsonschema.Draft202012Validator.check_schema(item_schema)
    summary = _strict_json((run_dir / "summary.json").read_text(encoding="utf-8"))
    jsonschema.validate(summary, summary_schema)
    assert list(summary["variants"]) == VARIANTS  # display order kept
    lines = (run_dir / "items.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 40
    for line in lines:
        jsonschema.validate(_strict_json(line), item_schema)
    broken = copy.deepcopy(summary)
    broken["variants"]["base"]["metrics"]["answer_correct"]["value"] = "high"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, summary_schema)


def test_non_finite_numbers_become_null_and_unknown_formats_are_refused(tmp_path):
    summary, items = build_run()
    summary["variants"]["base"]["metrics"]["token_f1"]["value"] = float("nan")
    items[0]["scores"]["token_f1"] = float("inf")
    written = write_reports(tmp_path / "r", summary, items, ["json"])
    saved = _strict_json(written["json"].read_text(encoding="utf-8"))
    assert saved["variants"]["base"]["metrics"]["token_f1"]["value"] is None
    assert (
        _strict_json(written["items"].read_text(encoding="utf-8").splitlines()[0])["scores"]["token_f1"]
        is None
    )
    with pytest.raises(ValueError, match="unknown report format.*'pdf'"):
        write_reports(tmp_path / "s", summary, items, ["html", "pdf"])
    assert not (tmp_path / "s").exists()


# ----------------------------------------------------------------------------------------------------- HTML


def test_html_is_self_contained_and_escapes_everything(run_dir):
    html = (run_dir / "report.html").read_text(encoding="utf-8")
    # no network: nothing loaded from elsewhere, and a CSP that forbids it anyway
    assert not re.search(
        r"""\b(?:src|href|action|xlink:href|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//""",
        html,
        re.IGNORECASE,
    )
    assert "<link" not in html and "@import" not in html and "url(" not in html
    soup = BeautifulSoup(html, "html.parser")
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in csp
    scripts = soup.find_all("script")
    assert [s.get("type") for s in scripts] == ["application/json", None]
    digest = base64.b64encode(hashlib.sha256(scripts[1].string.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp  # the page's own script is allowed to run, nothing else
    # the payloads occur only as text, never as markup
    for raw in ("<script>document.title", "<img", "<svg onload", 'onerror="document', "</script><script>doc"):
        assert raw not in html
    assert "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    # the JSON blob: no '<' at all, and it parses back to the same strings
    blob_text = scripts[0].string
    assert "<" not in blob_text and ">" not in blob_text and "&" not in blob_text
    blob = json.loads(blob_text)
    assert any(BLOB_BREAK.lower() in item["t"] for item in blob["items"])
    assert embed_json({"x": "</script><!--&"}) == '{"x":"\\u003c/script\\u003e\\u003c!--\\u0026"}'


def test_html_table_highlights_the_best_variant_per_metric(run_dir):
    soup = BeautifulSoup((run_dir / "report.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.find("table", id="variant-table")
    assert [th.get_text() for th in table.thead.find_all("th")][1:] == VARIANTS

    def best(metric):
        row = table.find("tr", attrs={"data-metric": metric})
        return [td["data-variant"] for td in row.find_all("td", class_="best")]

    assert best("hallucination_rate") == ["tuned+rag"]  # lowest, lower is better
    assert best("answer_correct") == ["openai:gpt-4o+rag"]  # highest
    assert best("abstention") == ["tuned+rag"]
    assert best("over_refusal") == []  # all equal: nobody is best
    row = table.find("tr", attrs={"data-metric": "hallucination_rate"})
    assert "[0.000, 0.200]" in row.get_text()  # the CI is shown
    hit = table.find("tr", attrs={"data-metric": "hit_at_k"}).find_all("td")
    assert hit[0].get_text(strip=True) == "—" and "unscored=7" in hit[0]["title"]


def test_html_charts_and_item_drill_down(run_dir):
    soup = BeautifulSoup((run_dir / "report.html").read_text(encoding="utf-8"), "html.parser")
    for metric in ("hallucination_rate", "answer_correct", "abstention"):
        svg = soup.find("svg", id=f"chart-{metric}")
        assert svg is not None and "chart" in svg["class"]
        widths = {
            g["data-variant"]: float(g.find("rect")["width"]) for g in svg.find_all("g", class_="bar-group")
        }
        assert list(widths) == VARIANTS
        values = {
            v: VALUES[v][("hallucination_rate", "answer_correct", "abstention").index(metric)]
            for v in VARIANTS
        }
        assert sorted(widths, key=widths.get) == sorted(values, key=values.get)  # longer bar, bigger value
    items = soup.find_all("details", class_="item")
    assert len(items) == 40
    summary, raw_items = build_run()
    failed = [i for i, it in enumerate(raw_items) if item_outcome(it).failed]
    assert [int(d["data-item"]) for d in items if "failed" in d["class"]] == failed
    hallucinated = next(
        i for i, it in enumerate(raw_items) if item_outcome(it).hallucinated and it["contexts"]
    )
    detail = soup.find("details", id=f"item-{hallucinated}")
    assert (
        detail.find("dd", class_="answer").find("mark", class_="unsupported").get_text()
        == "The VPN drops after 12 hours"
    )
    assert detail.find("li", class_="unsupported").find("mark").get_text() == "The VPN drops after 12 hours"
    assert "no retrieved chunk mentions the VPN" in detail.get_text()
    assert detail.find("div", class_="context") is not None  # the retrieved chunk is shown
    gates = soup.find("table", id="gates-table").find_all("tr")[1:]
    assert [tr.find("td").get_text(strip=True) for tr in gates] == ["pass", "FAIL", "pass"]
    assert soup.find(id="gate-banner").get_text(strip=True) == "1 of 3 gates failed"
    judge = soup.find("section", id="judge").get_text()
    assert "parse_failures" in judge and "learned" in judge
    real = [td.get_text(strip=True) for td in soup.find("table", id="verifier-real").find_all("td")]
    assert real[:4] == ["learned", "120", "92% (86%-96%)", "0.95"] and real[4] == "3/70"
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in soup.find("table", id="verifier-calibration").find_all("tr")[1:]]
    assert rows == [["default thresholds", "80", "85%", "10%", "100%", "25%"],
                    ["calibrated thresholds chosen", "80", "91%", "5%", "100%", "50%"]]
    assert "{'" not in judge and '"held_out"' not in judge  # a table, not a dump of nested dictionaries
    side = soup.find("table", id="by-question")
    header = [th.get_text(strip=True) for th in side.find("thead").find_all("th")]
    assert header[0] == "question" and header[1:] == VARIANTS
    questions = {json.loads(line)["item_id"] for line in (run_dir / "items.jsonl").read_text().splitlines()}
    assert len(side.find("tbody").find_all("tr", recursive=False)) == len(questions)


def _chromium() -> str | None:
    return os.environ.get("QA_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _dump_dom(page: Path, fragment: str, tmp_path: Path) -> str:
    browser = _chromium()
    if browser is None:
        if os.environ.get("QA_SKIP_BROWSER_TESTS") == "1":
            pytest.skip("QA_SKIP_BROWSER_TESTS=1")
        pytest.fail(
            "chromium not found: `make test` installs it through scripts/setup.sh (Debian's chromium, as "
            "root); or `apt-get install chromium`, or set QA_CHROMIUM=/path/to/chromium, or "
            "QA_SKIP_BROWSER_TESTS=1 to skip this test explicitly"
        )
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
        "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
    }
    result = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0 and "<body" in result.stdout, result.stderr[-2000:]
    return result.stdout


def test_report_renders_in_chromium_and_payloads_do_not_run(run_dir, tmp_path):
    dom = _dump_dom(run_dir / "report.html", "", tmp_path)
    soup = BeautifulSoup(dom, "html.parser")
    body = soup.body
    assert body.get("data-qa-ready") == "1", "the report's script did not run (CSP hash or JSON blob broken?)"
    assert body.get("data-qa-shown") == "40"
    assert soup.title.get_text() == f"qa eval run-1 {TITLE_XSS}"  # document.title was not changed
    assert "PWNED" not in soup.title.get_text().replace(TITLE_XSS, "")
    assert not soup.find_all(attrs={"data-pwned": True})
    assert 'data-pwned="' not in dom and "data-pwned='" not in dom.replace("setAttribute('data-pwned'", "")
    assert not soup.find_all("img")
    # only the report's own two scripts exist in the live DOM (nothing a payload added)
    assert len(soup.find_all("script")) == 2
    assert len(soup.find_all("svg", class_="chart")) >= 3 and soup.find("table", id="variant-table")
    assert TITLE_XSS in soup.find("details", id="item-0").find("dd", class_="question").get_text()


def test_report_filters_run_in_chromium(run_dir, tmp_path):
    summary, items = build_run()
    expected = [
        i for i, it in enumerate(items) if it["variant"] == "tuned+rag" and item_outcome(it).hallucinated
    ]
    assert 0 < len(expected) < 10
    dom = _dump_dom(run_dir / "report.html", "#variant=tuned%2Brag&hallucinated=1", tmp_path)
    soup = BeautifulSoup(dom, "html.parser")
    assert soup.body.get("data-qa-shown") == str(len(expected))
    shown = [int(d["data-item"]) for d in soup.find_all("details", class_="item") if not d.has_attr("hidden")]
    assert shown == expected
    unanswerable = [i for i, it in enumerate(items) if not it["answerable"] and "q09" in it["item_id"]]
    dom = _dump_dom(run_dir / "report.html", "#answerable=unanswerable&q=q09", tmp_path)
    soup = BeautifulSoup(dom, "html.parser")
    shown = [int(d["data-item"]) for d in soup.find_all("details", class_="item") if not d.has_attr("hidden")]
    assert shown == unanswerable and len(shown) == 4


# ---------------------------------------------------------------------------------------------------- JUnit

HOSTILE = "a & b < c > d \"quoted\" 'single' ]]> <![CDATA[ x"
CONTROL = "bell\x07 nul\x00 esc\x1b vt\x0b ff\x0c lone\ud800 nonchar\ufffe tab\tok"


def test_junit_is_valid_counts_add_up_and_hostile_text_is_safe(run_dir):
    root = ET.parse(run_dir / "junit.xml").getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["qa.eval.gates"] + [f"qa.eval.items.{v}" for v in VARIANTS]
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        assert suite.get("errors") == "0" and float(suite.get("time")) >= 0
        assert all(c.get("classname") and c.get("name") for c in cases)
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites) == 3 + 40
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites)
    gate_cases = suites[0].findall("testcase")
    assert [c.get("name") for c in gate_cases][1] == "tuned+rag.abstention >= 0.9"
    assert gate_cases[1].find("failure").get("message").startswith("0.8 is not >= 0.9")
    summary, items = build_run()
    failed_items = sum(1 for it in items if item_outcome(it).failed)
    assert sum(int(s.get("failures")) for s in suites[1:]) == failed_items
    failure = next(
        c.find("failure") for s in suites[1:] for c in s.findall("testcase") if c.find("failure") is not None
    )
    assert failure.get("type") in ("Hallucination", "Abstention") and failure.get("message")

    summary, items = build_run()
    items[0].update(
        item_id=HOSTILE, question=CONTROL, answer=HOSTILE + CONTROL, refused=False, answerable=False
    )
    summary["gates"][0]["message"] = HOSTILE + CONTROL
    summary["gates"][0]["passed"] = False
    xml = render_junit(summary, items)
    root = ET.fromstring(xml)  # parses: nothing XML cannot hold got through
    case = root.find("testsuite[@name='qa.eval.items.base']").find("testcase")
    assert case.get("name").startswith(HOSTILE + ": ")  # & < > quotes round-trip exactly
    assert "\ufffd" in case.get("name") and "\x00" not in case.get("name") and "\x1b" not in case.get("name")
    assert "tab\tok" in case.get("name")
    details = case.find("failure").text
    assert "answered an unanswerable question" in case.find("failure").get("message")
    assert f"answer: {HOSTILE}" in details
    gate_failure = root.find("testsuite[@name='qa.eval.gates']").find("testcase").find("failure")
    assert gate_failure.get("message").startswith(HOSTILE)


# ------------------------------------------------------------------------------------------------- Markdown


def test_markdown_summary_escapes_cells(run_dir):
    md = (run_dir / "report.md").read_text(encoding="utf-8")
    assert md.startswith("## ❌ qa eval run-1 &lt;script&gt;")
    assert "<script>" not in md and "<img" not in md
    assert "| tuned+rag.abstention &gt;= 0.9 |" in md and "❌" in md and "✅" in md
    assert "| hallucination_rate ↓ |" in md and "**0.100**" in md  # tuned+rag is best, in bold

    summary, items = build_run()
    summary["gates"][0]["message"] = "a | b <b>bold</b> `code` [link](http://x)\nnext line"
    summary["variants"] = {"pipe|variant": summary["variants"]["base"]}
    for item in items:
        item["variant"] = "pipe|variant" if item["variant"] == "base" else item["variant"]
    md = render_markdown(summary, items)
    lines = md.splitlines()
    table = [line for line in lines if line.startswith("| metric |")][0]
    assert "pipe\\|variant" in table
    gate_row = [line for line in lines if "a \\| b" in line][0]
    assert "&lt;b&gt;bold&lt;/b&gt;" in gate_row and "\\`code\\`" in gate_row and "\\[link\\]" in gate_row
    assert "next line" in gate_row  # one cell stays on one line
    unescaped_pipes = len(re.findall(r"(?<!\\)\|", gate_row))
    assert unescaped_pipes == 4  # | icon | gate | message |


def test_markdown_states_the_chosen_verifiers_held_out_accuracy():
    summary, items = build_run()
    summary["calibration"] = {"used": "calibrated_thresholds",
                              "held_out": {"default": {"n": 362, "accuracy": 0.851},
                                           "calibrated": {"n": 362, "accuracy": 0.859}}}
    md = render_markdown(summary, items)
    assert "held-out accuracy **0.859** on 362" in md  # the chosen one, not the default thresholds' 0.851
    summary["calibration"] = {"used": "default_thresholds", "calibrated": False}  # nothing measured: no claim
    assert "held-out accuracy" not in render_markdown(summary, items)
