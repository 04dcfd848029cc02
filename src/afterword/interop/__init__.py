"""Calendar and contact files: read invitations and vCards, write reminders (.ics)."""
