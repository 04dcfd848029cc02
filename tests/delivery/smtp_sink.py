"""A separate-process SMTP server for the crash test: appends each received Message-ID to a file.

Run: python -m tests.delivery.smtp_sink PORT FILE   (prints "ready" when it accepts connections)
"""

from __future__ import annotations

import re
import sys
import threading
from typing import Any

from aiosmtpd.controller import Controller

_ID = re.compile(rb"^Message-ID:\s*(<[^>]+>)", re.IGNORECASE | re.MULTILINE)


class Sink:
    def __init__(self, path: str) -> None:
        self.out = open(path, "ab", buffering=0)  # noqa: SIM115 - lives as long as the process
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        data = bytes(envelope.original_content or envelope.content)
        head = data.split(b"\r\n\r\n", 1)[0]
        match = _ID.search(head)
        with self.lock:
            self.out.write((match.group(1) if match else b"<none>") + b"\n")
        return "250 2.0.0 stored"


def main() -> None:
    port, path = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Sink(path), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()  # run until the test closes our stdin
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
