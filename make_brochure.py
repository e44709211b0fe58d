"""Build translated, print-ready treatment leaflets. See `python make_brochure.py --help`."""
import sys

from brochure_builder.cli import main

if __name__ == "__main__":
    sys.exit(main())
