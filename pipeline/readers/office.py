""".doc, .rtf, .odt: LibreOffice (headless) converts them to .docx, read like any .docx."""
from __future__ import annotations

from pathlib import Path

from models import RawDocument
from pipeline.files import doc_id_for
from pipeline.readers.base import ReadError
from pipeline.readers.word import read_docx

OFFICE_TIMEOUT_S = 120


def read_office(path: Path, data: bytes) -> RawDocument:
    """.doc, .rtf, .odt: LibreOffice (headless) converts them to .docx first."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ReadError(f"{path.suffix} needs LibreOffice (soffice), which is not installed")
    with tempfile.TemporaryDirectory(prefix="vanban-office-") as tmp:
        source = Path(tmp) / f"source{path.suffix.lower()}"
        source.write_bytes(data)
        profile = Path(tmp) / "profile"
        try:
            done = subprocess.run(
                [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "docx",
                 "--outdir", tmp, str(source)],
                check=True, capture_output=True, timeout=OFFICE_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired as exc:
            raise ReadError(f"LibreOffice took longer than {OFFICE_TIMEOUT_S} s to convert this {path.suffix}") from exc
        except subprocess.CalledProcessError as exc:
            raise ReadError(f"LibreOffice could not convert this {path.suffix}: {_said(exc.stderr)}") from exc
        converted = Path(tmp) / "source.docx"
        if not converted.exists():
            raise ReadError(f"LibreOffice produced no .docx from this {path.suffix}: {_said(done.stderr or done.stdout)}")
        raw = read_docx(path, converted.read_bytes())
    raw.source_format = path.suffix.lower().lstrip(".")
    raw.doc_id = doc_id_for(data)
    return raw


def _said(output: bytes) -> str:
    """LibreOffice's own last words, for the error row."""
    lines = [line.strip() for line in (output or b"").decode(errors="replace").splitlines() if line.strip()]
    return lines[-1][:300] if lines else "it gave no reason"
