"""Steady Ground: load, check and render the guide from YAML."""
