"""Framework-free logic for the ``councils`` app.

Everything in this sub-package uses the Python standard library only and does
not import Django, so it can be used from management commands, data
migrations, build scripts and plain unit tests alike.

Modules:

* :mod:`councils.logic.reference_data` -- readers for the official reference
  CSV files in ``councils/data/`` (Wahlkreise, direct mandates, age structure).
* :mod:`councils.logic.geomap` -- renders accessible inline SVG maps from the
  simplified Wahlkreis map JSON (at request time).
* :mod:`councils.logic.geomap_build` -- the offline build step that writes that
  JSON from the official GeoJSON; :mod:`councils.logic.geometry` holds its
  projection, simplification and path encoding.
* :mod:`councils.logic.charts` -- accessible SVG charts and small-cell
  suppression for published participant statistics.
"""

from pathlib import Path

#: Directory holding the reference data files shipped with the app.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
