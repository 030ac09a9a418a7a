"""`python -m bot` is the same as the `tastybot` command."""

from bot.cli import main

raise SystemExit(main())
