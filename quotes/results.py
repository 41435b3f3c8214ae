"""``RunResult``: everything one run produced, below the API and above the views it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from quotes.schema import SPEAKER_COLUMNS, STATUS_OK


@dataclass
class RunResult:
    """Everything one run produced: the tables, article texts for display, and files written."""

    quotes: pd.DataFrame
    statements: pd.DataFrame
    compare: pd.DataFrame
    articles: pd.DataFrame
    speakers: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SPEAKER_COLUMNS))
    texts: dict[str, str] = field(default_factory=dict, repr=False)
    files: list[Path] = field(default_factory=list)

    @property
    def n_problems(self) -> int:
        """Inputs that were skipped or failed."""
        return int((self.articles["status"] != STATUS_OK).sum()) if len(self.articles) else 0

    def summary(self) -> str:
        """One short paragraph for the terminal: articles, quotations, statements, speakers, files."""
        ok = len(self.articles) - self.n_problems
        lines = [
            f"articles    {ok} read" + (f", {self.n_problems} skipped or failed (see articles.csv)" if self.n_problems else ""),
            f"quotations  {len(self.quotes)}",
            f"statements  {len(self.statements)}",
            f"speakers    {len(self.speakers)}",
        ]
        lines += [f"wrote       {path}" for path in self.files]
        return "\n".join(lines)

    def article(self, article_id: str):
        """One article with its quotes highlighted per speaker (rich display in Jupyter)."""
        from quotes.outputs.display import ArticleQuotes

        return ArticleQuotes.from_tables(self.texts, self.quotes, article_id)

    def statement(self, statement_id: str):
        """One statement with each outlet's wording and a word diff (rich display in Jupyter)."""
        from quotes.outputs.display import StatementView

        return StatementView.from_tables(self.statements, self.quotes, statement_id)

    def _repr_html_(self) -> str:
        from quotes.outputs.display import StatementsTable

        return StatementsTable(self.statements)._repr_html_()
