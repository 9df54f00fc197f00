"""Developer tools run from the source folder: python -m tools.NAME."""
