"""md2pptx: reveal-md Markdown decks to native, editable PowerPoint and PDF."""

__version__ = "0.1.0"
