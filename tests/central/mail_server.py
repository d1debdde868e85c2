"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1): it keeps every message it accepts, and can be stopped
and started again on the same port to play an outage."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from aiosmtpd.controller import Controller

from tests.central.waiting import wait_until


class SmtpSink:
    def __init__(self, port: int) -> None:
        self.port = port
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # aiosmtpd calls it by this name
        message = BytesParser(policy=policy.default).parsebytes(envelope.content)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"

    def for_number(self, number: str) -> list[EmailMessage]:
        return [m for m in self.messages if number in str(m["Subject"])]

    def wait_for(self, number: str, timeout: float = 15) -> EmailMessage:
        """The first mail about request ``number``, once it arrived."""
        return wait_until(lambda: self.for_number(number), timeout, f"a mail about {number}")[0]
