"""IMMEX Guide: a bilingual, cited assistant for Mexico's IMMEX program."""

__version__ = "0.1.0"
