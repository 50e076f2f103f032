"""Make the repository root importable for these framework-free tests.

Only needed while the project has no pytest ``pythonpath`` setting; harmless
afterwards (the path is only added if missing).
"""

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
