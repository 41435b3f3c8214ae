"""The journalist notebook runs top to bottom on the bundled sample story and shows what its text promises."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"


def _kernel_manager():
    """A manager for ipykernel in this interpreter, ignoring any user-installed "python3" kernelspec.

    No ``ipykernel install`` step is needed: with no kernel dirs, jupyter_client falls back to the
    kernelspec of the ipykernel importable here, launched with ``sys.executable``.
    """
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    specs = KernelSpecManager(kernel_dirs=[])
    return KernelManager(kernel_name="python3", kernel_spec_manager=specs)


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> list[dict]:
    """Code cells of the notebook after running it in a fresh kernel (run once for all tests here)."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    workdir = tmp_path_factory.mktemp("nb")  # anything the notebook might write lands here
    km = _kernel_manager()
    assert km.kernel_spec.argv[0] == sys.executable
    client = nbclient.NotebookClient(nb, km=km, timeout=300, resources={"metadata": {"path": str(workdir)}})
    with pytest.MonkeyPatch.context() as env:
        env.setenv("MPLBACKEND", "Agg")  # inherited by the kernel: no GUI; the notebook asks for inline figures
        client.execute()
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def _outputs(cell, mime: str) -> str:
    """All outputs of one MIME type of a code cell, joined."""
    found = []
    for out in cell.get("outputs", []):
        if mime == "text/plain" and out.get("output_type") == "stream":
            found.append(out.get("text", ""))
        found.append("".join(out.get("data", {}).get(mime, "")))
    return "".join(found)


def _cell_with(cells, code: str):
    """The first code cell whose source contains ``code``."""
    return next(cell for cell in cells if code in cell.source)


def test_notebook_is_stored_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)
    assert sum(cell.cell_type == "markdown" for cell in nb.cells) >= len(code)  # a guided tour, not bare code


def test_notebook_runs_without_errors_or_warnings(executed):
    for cell in executed:
        assert cell.execution_count is not None
        errors = [out for out in cell.outputs if out.output_type == "error"]
        assert not errors, errors
        stderr = "".join(out.text for out in cell.outputs if out.output_type == "stream" and out.name == "stderr")
        assert "Warning" not in stderr, stderr


def _table_rows(html: str) -> list[list[str]]:
    """Cell texts of the body rows of the first HTML table in ``html``."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.DOTALL).group(1)
    return [re.findall(r"<td>(.*?)</td>", row, re.DOTALL) for row in re.findall(r"<tr>(.*?)</tr>", body, re.DOTALL)]


def test_statements_table_shows_every_statement_with_flags(executed):
    summary = _outputs(_cell_with(executed, "quotes.run("), "text/plain")
    n_statements = int(re.search(r"statements\s+(\d+)", summary).group(1))
    table = _outputs(_cell_with(executed, "StatementsTable(result.statements)"), "text/html")
    assert len(_table_rows(table)) == n_statements > 0
    assert re.search(r'class="badge flag-\w+"', table)


def test_one_speaker_table_is_that_speakers_statements_only(executed):
    everyone = _table_rows(_outputs(_cell_with(executed, "StatementsTable(result.statements)"), "text/html"))
    cell = _cell_with(executed, '["speaker_id"] ==')
    rows = _table_rows(_outputs(cell, "text/html"))
    speakers = {row[1] for row in rows}  # columns: statement, speaker, text, ...
    assert len(speakers) == 1 and 1 < len(rows) < len(everyone)
    assert rows == [row for row in everyone if row[1] in speakers]
    counts = {name: sum(row[1] == name for row in everyone) for name in {row[1] for row in everyone}}
    assert len(rows) == max(counts.values())  # the speaker with the most statements


def test_coverage_heatmap_is_an_image(executed):
    cell = _cell_with(executed, "plot_coverage(")
    assert len(_outputs(cell, "image/png")) > 1000  # base64 PNG


def test_article_is_highlighted_by_speaker_with_hover_titles(executed):
    html = _outputs(_cell_with(executed, "ArticleQuotes"), "text/html")
    marks = re.findall(r'<mark class="q q-(\w+)"[^>]*style="background:(#[0-9a-f]{6})"[^>]*title="([^"]+)"', html)
    assert len(marks) >= 5
    assert len({colour for _, colour, _ in marks}) >= 2  # several speakers, several colours
    assert all(" — " in title for _, _, title in marks)  # "speaker — cue (kind)"
    assert 'class="legend"' in html and "<table" in html


def test_statement_variants_are_word_diffed(executed):
    html = _outputs(_cell_with(executed, "StatementView"), "text/html")
    assert "wording differs" in html
    assert html.count("<li>") >= 2
    assert "<del>" in html and "<ins>" in html
    assert "</del><ins>" not in html  # a replaced word and its replacement are kept apart
