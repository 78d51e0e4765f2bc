"""Screens of the synopsis app."""
