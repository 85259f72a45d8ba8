"""ldnfacts: sourced facts about low-dose naltrexone (LDN), from the command line.

Information, not medical advice.
"""

__version__ = "1.0.0"
