"""Alembic migrations of the store, driven from code (see afterword.store.migrate)."""
