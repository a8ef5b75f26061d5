"""Renderers: each draws a `geometry.Document` unchanged, in its own format."""
