"""`python -m tui [--db PATH] [--demo]`: open the app directly (a development helper;
`outsource` is the normal way in)."""

import sys

from .app import main

sys.exit(main(sys.argv[1:]))
