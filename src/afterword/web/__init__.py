"""The local web UI (Litestar + Jinja2 + htmx)."""
