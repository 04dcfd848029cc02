"""The core: model, errors, time, language helpers and the notes format. No I/O, no clock."""
