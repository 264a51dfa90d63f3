"""`python -m converter` runs the command line."""

import sys

from converter.cli.main import main

sys.exit(main())
