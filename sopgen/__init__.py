"""sopgen: the planner's workbook in, the official SOP AP sheet out."""

__version__ = "0.1.0"
