"""``python -m infoquest`` runs the command-line interface."""

from infoquest.cli import main

main()
