"""One module per check code; each defines RULE."""
