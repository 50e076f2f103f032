# Shared setup for scripts/run and scripts/test: a virtual environment with the pinned
# requirements. Sourced, not executed. Needs only Python 3.11 (and root or sudo for apt).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

source "$ROOT/scripts/apt.sh"

PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv 2>/dev/null || { apt_install python3-venv; rm -rf .venv; "$PYTHON" -m venv .venv; }
fi
# Reinstall only when requirements.txt changed since the last install.
if ! cmp -s requirements.txt .venv/.requirements.installed 2>/dev/null; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -r requirements.txt
    cp requirements.txt .venv/.requirements.installed
fi
# WeasyPrint (PDF letters) needs Pango and a font.
if ! ldconfig -p 2>/dev/null | grep libharfbuzz-subset >/dev/null; then  # no -q: an early exit would break the pipe
    apt_install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
fi
[ -n "$(fc-list 2>/dev/null)" ] || apt_install fonts-dejavu-core
# The demo's few-second captioned video is encoded with ffmpeg at seed time (skipped without it).
command -v ffmpeg >/dev/null || apt_install ffmpeg
export PATH="$ROOT/.venv/bin:$PATH"
