#!/usr/bin/env bash
# Debian's pandas for the system Python, so the test that reads every results CSV with
# pandas.read_csv (no options) runs in CI. Idempotent.
set -euo pipefail
if /usr/bin/python3 -c "import pandas" >/dev/null 2>&1; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends python3-pandas >/dev/null 2>&1; then
  apt-get update >/dev/null
  apt-get install -y --no-install-recommends python3-pandas >/dev/null
fi
/usr/bin/python3 -c "import pandas; print('pandas', pandas.__version__)"
