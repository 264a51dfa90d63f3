"""`python -m converter` runs the command line."""

import sys

from converter.cli import main

sys.exit(main())
