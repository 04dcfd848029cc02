"""A quick read-only look into an existing SQLite database without loading SQLAlchemy (for `check`)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

#: The owner of a single-user (local) database; team mode stores other owners beside it.
LOCAL_OWNER = "local"
#: The table and columns read here; a test keeps them in step with `tables.interviews`.
TABLE, OWNER, COMPANY = "interviews", "owner", "company"


def default_db_path() -> Path:
    """`$AFTERWORD_HOME/afterword.db`, else `afterword.db` in the user's data directory (platformdirs)."""
    home = os.environ.get("AFTERWORD_HOME")
    if home:
        return Path(home).expanduser() / "afterword.db"
    import platformdirs

    return Path(platformdirs.user_data_dir("afterword")) / "afterword.db"


def stored_companies(path: Path, owner: str) -> list[str]:
    """The distinct companies of `owner`'s interviews in the SQLite file at `path`, sorted; an empty
    list when the file is missing, is not an Afterword database, or cannot be read. Nothing is written:
    the file is opened read-only and is never created."""
    if not path.is_file():
        return []
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2) as conn:
            rows = conn.execute(f"SELECT DISTINCT {COMPANY} FROM {TABLE} WHERE {OWNER} = ?", (owner,)).fetchall()
    except sqlite3.Error:
        return []
    return sorted((str(r[0]) for r in rows if r[0]), key=str.casefold)
