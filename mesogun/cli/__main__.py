"""``python -m mesogun.cli``: the same command line as ``mesogun``."""

import sys

from mesogun.cli import main

sys.exit(main())
