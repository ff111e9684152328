"""Human-readable end-of-run summary for `qa ingest` (stdout), with the skipped-files table."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ingest.pipeline import IngestReport


def print_summary(report: IngestReport, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    if report.up_to_date:
        console.print(f"[green]index up to date[/green]: {report.documents_in_index} documents, "
                      f"{report.chunks_in_index} chunks (checked in {report.seconds:.2f} s)")
    else:
        if report.rebuild_reason:
            console.print(f"[yellow]full rebuild[/yellow]: {report.rebuild_reason}")
        table = Table(title="qa ingest", show_header=False, box=None)
        table.add_row("documents in index", str(report.documents_in_index))
        table.add_row("  added / changed / unchanged / deleted",
                      f"{len(report.added)} / {len(report.changed)} / {len(report.unchanged)} / {len(report.deleted)}")
        table.add_row("chunks in index", f"{report.chunks_in_index} ({report.index_type} index)")
        table.add_row("  embedded this run", str(report.chunks_embedded))
        redactions = ", ".join(f"{k.lower()} {v}" for k, v in sorted(report.redactions.items())) or "none"
        table.add_row("redactions", redactions)
        table.add_row("seconds", f"{report.seconds:.1f}")
        table.add_row("snapshot", report.snapshot or "-")
        console.print(table)
    if report.kept_previous:
        console.print(f"[yellow]kept the previous version of {len(report.kept_previous)} changed but unreadable "
                      f"document(s)[/yellow]: {escape(', '.join(report.kept_previous))}")
    if report.skipped:
        skipped = Table(title=f"skipped {len(report.skipped)} file(s)", title_justify="left")
        skipped.add_column("file")
        skipped.add_column("reason")
        for item in report.skipped:
            skipped.add_row(escape(item.source), escape(item.reason))  # names are text, not rich markup
        console.print(skipped)
