"""Composition root: settings, logging, the Bot subclass and the `tastybot` CLI."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tastybot")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"
