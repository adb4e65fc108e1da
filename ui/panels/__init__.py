"""A page's tab or section layouts, when the page does not fit in one 150-line script.

Same rules as ``app_pages/``: layout only (controls, cached scenes, charts, the frame), no maths, no Altair.
"""
