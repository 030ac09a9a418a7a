"""Notifications to traders: the inbox, Discord DMs and email (see ``events`` for the port)."""
