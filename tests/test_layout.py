"""The package layout: imports inside ``quotes`` form no cycle, and each stage package exports its entry point only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "quotes"

#: Each stage package and the one name its ``__init__`` exports (quotes.reconcile keeps its own, wider API).
ENTRY_POINTS = {
    "ingest": "read_inputs",
    "extract": "find_quotes",
    "attribute": "attribute",
    "nlp": "load_nlp",
    "speakers": "unify_speakers",
    "outputs": "write_outputs",
    "engines": "rows_for_articles",
}


def module_name(path: Path) -> str:
    """Dotted name of a file under quotes/ (a package's ``__init__`` is the package)."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_names(path: Path, name: str, modules: set[str]) -> set[str]:
    """Modules of ``quotes`` that a module imports anywhere in its body (lazy and type-checking ones too),
    absolute or relative, plus the subpackages whose ``__init__`` those imports run on the way."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            submodules = {f"{target}.{alias.name}" for alias in node.names} & modules
            found.update(submodules)  # `from a.package import module`
            if len(submodules) < len(node.names):  # some names are attributes of the module `target`
                found.add(target)
    edges: set[str] = set()
    for target in found:
        while target and target not in modules:  # `from quotes.x import name`: the module is quotes.x
            target = target.rpartition(".")[0]
        if not target or target == name:
            continue
        edges.add(target)
        parent = target.rpartition(".")[0]
        while parent.count("."):  # subpackage __init__s run first, except the importer's own packages
            if not (name == parent or name.startswith(parent + ".")):
                edges.add(parent)
            parent = parent.rpartition(".")[0]
    return edges


def import_graph() -> dict[str, set[str]]:
    """Module -> modules of quotes it imports."""
    modules = all_modules()
    return {name: imported_names(path, name, set(modules)) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as a list of modules (first repeated at the end), or [] when there is none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for child in sorted(graph.get(node, ())):
            if state.get(child) == 1:
                return path[path.index(child):] + [child]
            if child not in state and (cycle := visit(child)):
                return cycle
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return []


def test_cycle_finder_finds_a_small_cycle_and_accepts_a_tree():
    """The detector itself can fail: a three-module loop is found, a diamond is not a cycle."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"d"}, "c": {"d"}, "d": set()}) == []


def test_graph_sees_lazy_relative_and_package_imports(tmp_path):
    """Function-level and relative imports are edges, and so is the __init__ of another subpackage."""
    modules = {"quotes", "quotes.api", "quotes.nlp", "quotes.nlp.pipeline", "quotes.nlp.component"}
    source = "def load():\n    from .component import factory\n    from quotes.api import run\n"
    path = tmp_path / "pipeline.py"
    path.write_text(source, encoding="utf-8")
    assert imported_names(path, "quotes.nlp.pipeline", modules) == {"quotes.nlp.component", "quotes.api"}
    path.write_text("import quotes.nlp.pipeline\n", encoding="utf-8")
    assert imported_names(path, "quotes.api", modules) == {"quotes.nlp.pipeline", "quotes.nlp"}
    path.write_text("from quotes import api\nfrom quotes.nlp import component, load_nlp\n", encoding="utf-8")
    assert imported_names(path, "quotes.cli", modules) == {"quotes.api", "quotes.nlp", "quotes.nlp.component"}


def test_no_import_cycle_inside_quotes():
    """Every import points down the pipeline: the module graph of quotes/ has no cycle."""
    graph = import_graph()
    assert "quotes.nlp.pipeline" in graph and graph["quotes.api"], "the graph must see the package"
    assert find_cycle(graph) == []


@pytest.mark.parametrize("package, entry_point", sorted(ENTRY_POINTS.items()))
def test_stage_package_exports_its_entry_point_only(package, entry_point):
    """Each stage package's __init__ declares exactly its entry point in __all__, and it resolves."""
    import importlib

    module = importlib.import_module(f"quotes.{package}")
    assert module.__all__ == [entry_point]
    assert callable(getattr(module, entry_point))


def test_store_fingerprint_covers_every_stage_module():
    """Editing any module of ingest, extract, attribute or nlp, or the word lists they read, invalidates the
    store's cached units."""
    from quotes.engines.store import _STAGE_MODULES

    stage_files = {
        path.relative_to(PACKAGE).with_suffix("").as_posix()
        for package in ("ingest", "extract", "attribute", "nlp")
        for path in (PACKAGE / package).glob("*.py")
    }
    data_files = {path.relative_to(PACKAGE).as_posix()
                  for package in ("ingest", "extract", "attribute", "nlp") for path in (PACKAGE / package).glob("*.tsv")}
    assert stage_files and set(_STAGE_MODULES) == stage_files | data_files | {"lexicon"}


def test_readme_maps_every_module():
    """The README's "How it works" is the map of the tree: every package and module of quotes/ is named there."""
    readme = PACKAGE.parent / "README.md"
    section = readme.read_text(encoding="utf-8").split("## How it works", 1)[1].split("\n## ", 1)[0]
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if path.name == "__init__.py" and len(relative.parts) > 1:
            named = f"`quotes/{relative.parent.as_posix()}/`" in section
        else:
            named = f"`{path.name}`" in section
        if not named:
            missing.append(relative.as_posix())
    assert missing == []


def test_public_names_survive_importing_the_stage_packages():
    """`quotes.extract` stays the API function after the subpackage quotes.extract has been imported."""
    import quotes
    import quotes.extract.find  # noqa: F401  (what the pipeline imports)
    from quotes.api import extract

    assert quotes.extract is extract
    assert quotes.run.__module__ == "quotes.api" and quotes.RunResult.__module__ == "quotes.results"
