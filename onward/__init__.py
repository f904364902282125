"""Onward: the recovery continuum for opioid use disorder."""

__version__ = "0.1.0"
