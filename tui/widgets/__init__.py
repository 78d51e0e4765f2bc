"""Widgets of the synopsis app."""
