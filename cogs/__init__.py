"""Discord adapters, one package per feature: parse the interaction, call one service, render."""
