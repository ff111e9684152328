"""Human-readable data-quality report for `qa generate` / `qa ingest` (stdout)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ingest.dataset.build import DatasetReport

MAX_LISTED = 15


def print_dataset_report(report: DatasetReport, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    table = Table(title="qa dataset", show_header=False, box=None)
    table.add_row("candidates", str(report.candidates))
    table.add_row("accepted", ", ".join(f"{k} {v}" for k, v in report.accepted.items()))
    table.add_row("unanswerable share of eval", f"{report.unanswerable_share_of_eval:.0%}")
    table.add_row("coverage", f"documents {report.documents_covered}, chunks {report.chunks_covered} (of chunks "
                              f"with a checkable fact: {report.fact_chunks_covered})")
    if report.expected_good:  # some generated answerable pair
        table.add_row("expected good", f"{report.expected_good:.0%} of generated pairs, by their generators' "
                                       "hand-checked rates on the 18F handbook (--min-rule-quality 0.8: fewer, "
                                       "cleaner pairs)")
    table.add_row("by generator", ", ".join(f"{escape(k)} {v}" for k, v in report.by_generator.items()) or "-")
    table.add_row("question types", ", ".join(f"{k} {v}" for k, v in report.question_types.items()) or "-")
    table.add_row("split audit", f"{report.shared_chunks_between_splits} shared chunks, "
                                 f"{report.train_eval_near_duplicates} near-duplicate train/eval questions")
    table.add_row("folder", escape(report.folder))  # paths and file names are text, not rich markup
    console.print(table)
    if report.llm.get("questions_skipped"):
        console.print(f"no LLM questions: {escape(report.llm['questions_skipped'])}")
    if report.documents_without_pairs:
        shown = report.documents_without_pairs[:MAX_LISTED]
        more = len(report.documents_without_pairs) - len(shown)
        console.print(f"{len(report.documents_without_pairs)} document(s) gave no pair, so the bot will not have "
                      f"learned them (coverage per document: report.json, coverage_by_document):")
        for source in shown:
            console.print(f"  {escape(source)}")
        if more:
            console.print(f"  ... and {more} more (report.json, documents_without_pairs)")
    if report.rejected:
        rejected = Table(title=f"rejected {sum(report.rejected.values())} candidate(s)", title_justify="left")
        rejected.add_column("reason")
        rejected.add_column("count", justify="right")
        for reason, count in report.rejected.items():
            rejected.add_row(escape(reason), str(count))
        console.print(rejected)
