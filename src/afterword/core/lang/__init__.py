"""Language helpers for English and Dutch: names, and (lazily) lemmas and sentences."""
