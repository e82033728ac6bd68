"""pantau's extraction stage: from an article's HTML or text to UHC Award facts.

Usable alone: ``from extract import extract_document``.
"""
