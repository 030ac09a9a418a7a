"""Public web surface: health check and status page (later: OAuth callback, signed downloads).

Adapters only: handlers call ``services``; no ORM and no discord imports here.
"""

from web_status._app import create_app
from web_status._server import WebServer, start_web

__all__ = ["WebServer", "create_app", "start_web"]
