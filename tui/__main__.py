"""``python -m tui [ARGS]``: the same as ``outsource [ARGS]`` (a development helper)."""

import sys

from .launch import main

sys.exit(main(sys.argv[1:]))
