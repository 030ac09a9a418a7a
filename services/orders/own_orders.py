"""The orders this process sent, for account streamers that should read only those.

An account streamer hears every order of its account. A process that shares a trader's
account with others (the order workers of :mod:`services.orders.workers`) reads, with
:meth:`OwnOrders.accepts`, only the pushes of orders it sent itself: the request's external
identifier (production), or one derived from it (``-sN`` a sandbox rehearsal, ``-rN`` a
replacement). The others are dropped before they are parsed; their senders follow them.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

KEPT = 10_000  # identifiers remembered (the oldest is forgotten; polling still covers it)
# a request's identifier (services.orders.pipeline.new_external_identifier) opens every
# identifier derived from it
_REQUEST_IDENTIFIER = re.compile(r"tb-[0-9a-f]+")


class OwnOrders:
    """The external identifiers of the requests whose orders this process sent."""

    def __init__(self, kept: int = KEPT) -> None:
        self._kept = kept
        self._identifiers: OrderedDict[str, None] = OrderedDict()

    def add(self, external_identifier: str) -> None:
        """Remember a request's identifier before anything is sent under it."""
        self._identifiers[external_identifier] = None
        self._identifiers.move_to_end(external_identifier)
        while len(self._identifiers) > self._kept:
            self._identifiers.popitem(last=False)

    def accepts(self, data: dict[str, Any]) -> bool:
        """Whether a pushed order (its raw data) is one of this process's."""
        external = data.get("external-identifier")
        if not isinstance(external, str):
            return False
        request = _REQUEST_IDENTIFIER.match(external)
        return request is not None and request.group(0) in self._identifiers
