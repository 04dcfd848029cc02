"""One module per schema revision, in order: 0001_initial, 0002_outbox, 0003_outbox_one_active."""
