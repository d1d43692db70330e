"""The `vanban` command.

`run` is the only command that starts Prefect (in ephemeral mode, its home
under the out folder); `evaluate` reads Parquet files and `trace` the DuckDB
file, and both stay light.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from pipeline.files import DEFAULT_LINK_POLICY, LINK_POLICIES

DEFAULT_OUT = "data/processed"


def _prefect_environment(out: Path) -> None:
    """Ephemeral Prefect: no server to configure, nothing written outside `out`."""
    os.environ.setdefault("PREFECT_HOME", str((out / ".prefect").resolve()))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
    # Prefect's own 20 s are too few for its server to start on a busy two-core machine
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


def _print_summary(summary, console) -> None:
    from rich.table import Table

    table = Table(title="vanban run summary")
    table.add_column("measure")
    table.add_column("value", overflow="fold")
    for row in summary.rows():
        table.add_row(row["measure"], row["value"])
    console.print(table)


def cmd_run(args) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from pipeline import limits
    from pipeline.storage import DatasetLocked, ensure_unlocked

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    console = Console(stderr=True)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        console.print(f"[red]no such file or folder: {', '.join(missing)}")
        return 2
    try:
        limits.configure(args.limit or [], Path(args.config) if args.config else None)
    except (ValueError, OSError) as exc:
        console.print(f"[red]{exc}")
        return 2
    progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=console, transient=False)
    try:
        ensure_unlocked(out)  # before Prefect starts: a refused run costs nothing
        summary = _run(args, out, progress)
    except DatasetLocked as exc:
        console.print(f"[red]{exc}")
        return 3
    _print_summary(summary, console)
    if args.sink:
        from pipeline.exports import ExportError
        from pipeline.exports.postgres import export_postgres

        try:
            console.print(f"postgres: {_counted(export_postgres(out, args.sink))}")
        except ExportError as exc:
            console.print(f"[red]{exc}")
            return 2
    return 0


def _run(args, out: Path, progress):
    with progress:
        bar = progress.add_task("ingest", total=None)
        on_plan = lambda n: progress.update(bar, total=n)  # noqa: E731
        on_batch = lambda n: progress.advance(bar, n)  # noqa: E731
        if args.engine == "loop":
            from pipeline.runner import run_loop

            summary = run_loop(args.paths, out, args.batch_size, args.force, args.retry_errors, args.links,
                               args.prune, on_batch=on_batch, workers=args.workers)
        else:
            _prefect_environment(out)
            from flows.ingest_flow import PROGRESS, Progress, ingest_flow, task_runner
            from pipeline.orphans import guarded

            previous = signal.signal(signal.SIGINT, lambda *_: _interrupted(progress))
            reporting = PROGRESS.set(Progress(on_plan, on_batch))
            try:
                with guarded():  # Prefect's server outlives a killed run unless something ends it
                    runner = task_runner(args.engine, args.dask_address, args.workers)
                    summary = ingest_flow.with_options(validate_parameters=False, task_runner=runner)(
                        paths=[str(p) for p in args.paths], out=str(out), batch_size=args.batch_size,
                        force=args.force, retry_errors=args.retry_errors, links=args.links, prune=args.prune,
                        workers=args.workers,
                    )
            finally:
                PROGRESS.reset(reporting)
                signal.signal(signal.SIGINT, previous)
    return summary


def _interrupted(progress) -> None:
    """Ctrl-C during a Prefect run: leave at once, as a kill would. The terminal's interrupt has
    already stopped Prefect's server, and Prefect would spend minutes reporting the crash to it;
    every batch committed is kept, the published version stays the current one, and the guard
    (`pipeline.orphans`) ends the processes left."""
    progress.stop()
    print("interrupted: the batches stored so far are kept; run again to finish", file=sys.stderr)
    os._exit(130)


def cmd_export(args) -> int:
    """Each export asked for, with a progress bar; a clear message and exit code 2 when one
    cannot be made (no dataset, a target that cannot be written, a database that refuses)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from pipeline.exports import ExportError

    console = Console(stderr=True)
    wanted = [(flag, target) for flag, target in (("xlsx", args.xlsx), ("ics", args.ics), ("postgres", args.postgres))
              if target]
    if not wanted:
        console.print("[red]say what to export: --xlsx FILE, --ics DIR or --postgres URL")
        return 2
    try:
        for kind, target in wanted:
            with Progress(TextColumn(f"export {kind}"), BarColumn(), MofNCompleteColumn(), console=console) as progress:
                counts = _export(kind, args.out, target, progress)
            console.print(f"{kind}: {_counted(counts)}")
    except ExportError as exc:
        console.print(f"[red]{exc}")
        return 2
    return 0


def cmd_report(args) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from pipeline.exports import ExportError, document_count
    from pipeline.report.site import build_site

    console = Console(stderr=True)
    to = Path(args.to) if args.to else Path(args.out) / "report"
    try:
        total = document_count(args.out)
        with Progress(TextColumn("report"), BarColumn(), MofNCompleteColumn(), console=console) as progress:
            bar = progress.add_task("report", total=total)
            pages = build_site(args.out, to, on_page=lambda n: progress.advance(bar, n))
    except ExportError as exc:
        console.print(f"[red]{exc}")
        return 2
    console.print(f"report: {_counted(pages)} pages; open {(to / 'index.html').resolve()}")
    return 0


def _counted(counts: dict[str, int]) -> str:
    """Rows per table or sheet; for calendars (one file per unit), the totals."""
    if len(counts) <= 10:
        return ", ".join(f"{name} {n}" for name, n in counts.items())
    return f"{len(counts)} files, {sum(counts.values())} entries"


def _export(kind: str, out: str, target: str, progress) -> dict[str, int]:
    from pipeline.exports import document_count
    from pipeline.exports.ics import export_ics
    from pipeline.exports.postgres import export_postgres
    from pipeline.exports.xlsx import export_xlsx

    export = {"xlsx": export_xlsx, "ics": export_ics, "postgres": export_postgres}[kind]
    bar = progress.add_task(kind, total=document_count(out) if kind == "postgres" else None)  # rows, per document
    return export(out, target, on_rows=lambda n: progress.advance(bar, n))


def cmd_coverage(args) -> int:
    from pipeline.coverage import coverage, format_coverage

    out = Path(args.out)
    if not (out / "documents.parquet").exists():
        print(f"no dataset in {out}: run `vanban run` first", file=sys.stderr)
        return 2
    result = coverage(out)
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str) if args.json else format_coverage(result))
    return 0


def cmd_evaluate(args) -> int:
    from pipeline.evaluate import evaluate, format_misses, format_report

    out = Path(args.out)
    if not (out / "documents.parquet").exists():
        print(f"no dataset in {out}: run `vanban run` first", file=sys.stderr)
        return 2
    misses: list[dict] = []
    result = evaluate(args.gold, out, misses)
    if args.json:
        if args.misses:
            result["misses"] = [m for m in misses if args.misses == "all" or m["table"] == args.misses]
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(format_report(result))
    if args.misses:
        print(format_misses([m for m in misses if args.misses == "all" or m["table"] == args.misses]))
    return 0


def cmd_trace(args) -> int:
    from pipeline.storage import DB_NAME, published_dir
    from pipeline.trace import documents_reached, find_roots, format_tree, load_graph, walk

    db = published_dir(args.out) / DB_NAME  # the published copy: readable while a run writes
    if not db.exists():
        print(f"no dataset in {args.out}: run `vanban run` first", file=sys.stderr)
        return 2
    relations = set(args.relations.split(",")) if args.relations else None
    graph = load_graph(db, relations)
    roots = find_roots(graph, args.key)
    if not roots:
        print(f"no document with key or symbol '{args.key}' in {db}", file=sys.stderr)
        return 1
    direction = "down" if args.down else "up"
    trees = [walk(graph, root, direction) for root in roots]
    if args.json:
        payload = [dict(tree, documents=documents_reached(tree)) for tree in trees]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(format_tree(tree) for tree in trees))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vanban", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="ingest files or folders into the dataset")
    run.add_argument("paths", nargs="+", help="files or folders")
    run.add_argument("--out", default=DEFAULT_OUT, help=f"dataset folder (default {DEFAULT_OUT})")
    run.add_argument("--batch-size", type=int, default=25, help="documents per Prefect task")
    run.add_argument("--force", action="store_true", help="re-extract files already ingested")
    run.add_argument("--retry-errors", action="store_true",
                     help="read again the unchanged files that failed last time (a limit raised since)")
    run.add_argument("--links", choices=LINK_POLICIES, default=DEFAULT_LINK_POLICY,
                     help="symbolic links in a folder lead to: files inside it only; also document files "
                          "outside it, never system files (default); or any file")
    run.add_argument("--prune", action="store_true",
                     help="drop the rows of documents whose every file is gone from the folders given")
    run.add_argument("--sink", metavar="URL", help="after the run, copy the dataset into this PostgreSQL database")
    run.add_argument("--engine", choices=["prefect", "dask", "loop"], default="prefect",
                     help="the Prefect flow on this machine's cores (default), the flow on Dask workers, "
                          "or a plain loop without Prefect")
    run.add_argument("--workers", type=int, metavar="N",
                     help="documents read at once: threads (loop, prefect) or Dask workers (default: one per core, "
                          "at most 4)")
    run.add_argument("--dask-address", metavar="tcp://HOST:8786",
                     help="with --engine dask: a running Dask scheduler (default: a LocalCluster, one worker per core)")
    run.add_argument("--limit", action="append", metavar="NAME=VALUE",
                     help="a per-document limit, e.g. pages_per_document=500 (repeatable; see README)")
    run.add_argument("--config", help="a TOML file with a [limits] table (default ./vanban.toml if present)")
    run.set_defaults(func=cmd_run)

    ev = sub.add_parser("evaluate", help="score the dataset against gold annotations")
    ev.add_argument("--gold", required=True, help="folder of gold JSON files")
    ev.add_argument("--out", default=DEFAULT_OUT, help="dataset folder")
    ev.add_argument("--json", action="store_true", help="machine-readable output")
    ev.add_argument("--misses", nargs="?", const="all",
                    choices=["all", "documents", "citations", "derived_edges", "roles", "assignments"],
                    help="also list missed and spurious rows and wrong fields, per document (optionally one table)")
    ev.set_defaults(func=cmd_evaluate)

    ex = sub.add_parser("export", help="the dataset as a workbook, calendars, or PostgreSQL tables")
    ex.add_argument("--xlsx", metavar="FILE", help="one Excel workbook, a sheet per table")
    ex.add_argument("--ics", metavar="DIR", help="iCalendar files of the assignments: one per lead unit, one for all")
    ex.add_argument("--postgres", metavar="URL", help="the tables in PostgreSQL (postgresql://user@host/db)")
    ex.add_argument("--out", default=DEFAULT_OUT, help="dataset folder")
    ex.set_defaults(func=cmd_export)

    rep = sub.add_parser("report", help="a static HTML site for auditors: documents, marked evidence, graph, units")
    rep.add_argument("--out", default=DEFAULT_OUT, help="dataset folder")
    rep.add_argument("--to", help="site folder (default OUT/report); opens from disk, no server")
    rep.set_defaults(func=cmd_report)

    cov = sub.add_parser("coverage", help="what was found and visibly missed, for a corpus without gold")
    cov.add_argument("--out", default=DEFAULT_OUT, help="dataset folder")
    cov.add_argument("--json", action="store_true", help="machine-readable output")
    cov.set_defaults(func=cmd_coverage)

    tr = sub.add_parser("trace", help="legal-basis chains up from or down to a document")
    tr.add_argument("key", help="a document key (57-nq/tw|2024) or a symbol (57-NQ/TW)")
    way = tr.add_mutually_exclusive_group()
    way.add_argument("--up", action="store_true", help="what it rests on, transitively (default)")
    way.add_argument("--down", action="store_true", help="what rests on it, transitively")
    tr.add_argument("--relations", help="only these relations, comma-separated (e.g. basis,implements)")
    tr.add_argument("--json", action="store_true", help="machine-readable output")
    tr.add_argument("--out", default=DEFAULT_OUT, help="dataset folder")
    tr.set_defaults(func=cmd_trace)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        # `vanban coverage | head`: the reader has what it wanted; no traceback, and no second
        # error when Python flushes stdout at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
