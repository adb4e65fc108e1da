"""Pure chart builders: data and an explicit :class:`Style` in, an Altair chart out.

No module of this package imports Streamlit or reads the session: a builder's output depends only on its
arguments, so a chart cached for one mode can never be served to the other. ``base`` holds the shared
primitives (palette, style, PNG heatmap, points, fixed-domain scales, grey image mosaics, export); one
module per lecture topic builds that topic's figures from them. ``from ui import charts`` gives the base.
"""

from ui.charts.base import *  # noqa: F403
from ui.charts.base import __all__  # noqa: F401
