"""`python -m ldnfacts` runs the same entry point as the `ldnfacts` script."""

from ldnfacts.launch import main

main()
