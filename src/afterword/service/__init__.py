"""Use cases shared by the CLI and the web UI; the service owns transactions."""
