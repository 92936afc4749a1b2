"""`python -m yalu` runs the CLI."""

from yalu.interfaces.cli.app import run

run()
