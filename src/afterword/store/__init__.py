"""The store: SQLAlchemy tables and repository functions returning core models."""
