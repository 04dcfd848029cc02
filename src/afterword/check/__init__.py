"""Check: read a draft the way a sharp recruiter would and report Findings."""
