"""The command line: click commands, human and --json renderers side by side."""
