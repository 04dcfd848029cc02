"""Getting messages out and replies in: MIME, SMTP, the outbox, IMAP, secrets."""
