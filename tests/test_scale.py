"""Scale options: the incremental store, --jobs worker processes and the Dask engine all give the
same tables as a clean in-process run on the bundled sample story."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest

import quotes.nlp.pipeline
from quotes.api import run
from quotes.ingest.inputs import read_inputs
from quotes.engines.parallel import PipelineSpec, extract_rows, worker_context
from quotes.engines.store import QuoteStore, article_key, cached_extract, pipeline_fingerprint

SAMPLE = Path(quotes.__file__).parent / "samples" / "nato-2021"
SPEAKERS = SAMPLE / "speakers.toml"
SEEDS = sorted(SAMPLE.glob("*.txt"))
COMPARED = ("quotes.csv", "statements.csv", "compare.csv")


def _copy_seeds(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in SEEDS[:count]:
        shutil.copyfile(path, folder / path.name)
    return folder


def _tables(out: Path) -> dict[str, str]:
    return {name: (out / name).read_text(encoding="utf-8") for name in COMPARED}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Tables of a clean, in-process run on the five seeds."""
    root = tmp_path_factory.mktemp("clean")
    folder = _copy_seeds(root / "seeds", 5)
    result = run([folder], root / "out", speakers=SPEAKERS)
    assert len(result.quotes) > 10 and len(result.statements) > 5
    return _tables(root / "out")


@pytest.fixture
def parse_counter(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Ids of the articles the in-process engine actually parses."""
    parsed: list[str] = []
    original = quotes.nlp.pipeline.extract_articles

    def counting(articles, nlp, **options):
        def noted():
            for article in articles:
                parsed.append(article.id)
                yield article

        return original(noted(), nlp, **options)

    monkeypatch.setattr(quotes.nlp.pipeline, "extract_articles", counting)
    return parsed


def test_grown_folder_parses_only_new_articles_and_matches_clean_run(tmp_path, clean, parse_counter):
    folder = _copy_seeds(tmp_path / "seeds", 3)
    store = tmp_path / "store.db"
    run([folder], tmp_path / "out3", speakers=SPEAKERS, store=store)
    assert len(parse_counter) == 3

    parse_counter.clear()
    _copy_seeds(folder, 5)
    run([folder], tmp_path / "out5", speakers=SPEAKERS, store=store)
    assert sorted(parse_counter) == [p.stem for p in SEEDS[3:5]]
    assert _tables(tmp_path / "out5") == clean

    parse_counter.clear()
    (folder / SEEDS[0].name).write_text(SEEDS[0].read_text(encoding="utf-8") + "\n\nAn added closing line.\n", encoding="utf-8")
    run([folder], tmp_path / "again", speakers=SPEAKERS, store=store)
    assert parse_counter == [SEEDS[0].stem]  # only the changed article


def test_key_depends_on_text_and_registry(tmp_path):
    article = next(r.item for r in read_inputs([SEEDS[0]]))
    with_registry = pipeline_fingerprint(PipelineSpec.from_options(None, SPEAKERS))
    without = pipeline_fingerprint(PipelineSpec(None, None))
    assert article_key(article, with_registry) != article_key(article, without)
    assert article_key(article, with_registry) == article_key(article, with_registry)
    article.text += " "
    assert article_key(article, with_registry) != article_key(next(r.item for r in read_inputs([SEEDS[0]])), with_registry)


def _write_store_one_article_per_transaction(folder: Path, store_path: Path) -> None:
    """The store-writing half of a run, committing after every article (runs in a child process)."""
    spec = PipelineSpec.from_options(None, SPEAKERS)
    articles = [r.item for r in read_inputs([folder]) if r.item is not None]

    def slow_extract(batch):  # a long run: each article takes a while, so the kill lands part-way
        for item in extract_rows(batch, spec):
            yield item
            time.sleep(0.5)

    with QuoteStore(store_path) as store:
        for _ in cached_extract(articles, store, pipeline_fingerprint(spec), slow_extract, commit_every=1):
            pass


def test_killed_run_leaves_store_consistent_and_rerun_matches(tmp_path, clean):
    folder = _copy_seeds(tmp_path / "seeds", 5)
    store = tmp_path / "store.db"
    QuoteStore(store).close()  # schema exists before the writer starts, so polling never races it
    # forked, so the child reuses the pipeline this process already loaded (spawn would reload spaCy)
    writer = worker_context().Process(target=_write_store_one_article_per_transaction, args=(folder, store))
    writer.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and writer.is_alive():
            with sqlite3.connect(store) as db:
                if db.execute("SELECT count(*) FROM articles").fetchone()[0] >= 1:
                    break
            time.sleep(0.05)
        writer.kill()
    finally:
        writer.join()
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        mismatched = db.execute(
            "SELECT count(*) FROM articles a WHERE n_units != (SELECT count(*) FROM units u WHERE u.key = a.key)"
        ).fetchone()[0]
    assert 1 <= kept < 5 and mismatched == 0  # killed part-way, yet every stored article is whole
    run([folder], tmp_path / "out", speakers=SPEAKERS, store=store)
    assert _tables(tmp_path / "out") == clean
    with QuoteStore(store) as db:
        assert len(db) == 5


def test_two_worker_processes_give_rows_in_input_order():
    articles = [r.item for r in read_inputs([SAMPLE]) if r.item is not None]
    spec = PipelineSpec.from_options(None, SPEAKERS)
    serial = list(extract_rows(articles, spec, jobs=1))
    parallel = list(extract_rows(articles, spec, jobs=2, batch_size=1))
    assert [a.id for a, _ in parallel] == [a.id for a in articles]
    assert [rows for _, rows in parallel] == [rows for _, rows in serial]
    assert sum(len(rows) for _, rows in serial) > 10


def test_dask_engine_matches_local_engine(tmp_path, clean):
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    folder = _copy_seeds(tmp_path / "seeds", 5)
    import dask

    # forked workers inherit the pipeline this process already loaded (spawned ones would reload spaCy)
    with dask.config.set({"distributed.worker.multiprocessing-method": worker_context().get_start_method()}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        run([folder], tmp_path / "out", speakers=SPEAKERS, engine="dask", scheduler=cluster.scheduler_address)
    assert _tables(tmp_path / "out") == clean
