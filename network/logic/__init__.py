"""Plain logic of the network app (no HTTP, no database): postcodes, distances, the map of places,
tokens."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
