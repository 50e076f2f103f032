"""Plain-Python logic of the recruitment app (the draw, seat apportionment,
register parsing).

Nothing in this package imports Django: the modules are importable and
testable without settings, and an outside auditor can read them on their own.
"""
