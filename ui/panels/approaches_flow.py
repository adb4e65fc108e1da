"""The slide's other example of iterative refinement on "Different approaches": a coupling flow carrying noise to
data layer by layer, beside the diffusion model's steps. Its layer slider reruns this section alone (a fragment)."""

from __future__ import annotations

import streamlit as st

from lecture import approaches as text
from scenes import approaches as scenes
from ui import cache
from ui.charts import approaches as ac
from ui.frame import PageFrame

LAYERS = scenes.LAYERS


def section(page: PageFrame, data: tuple, raw: bytes) -> None:
    """Heading, generative story, the flow's cloud after j layers, D by layer, the slider and the numbers."""

    def live() -> None:
        style = page.style
        st.space("small")
        if page.present:
            st.markdown(f"#### {text.FLOW_HEADING}")
        else:
            st.subheader(text.FLOW_HEADING, anchor=False)
        st.latex(text.FLOW_STORY)
        left, middle, right = st.columns(3, gap="medium")
        with right:
            j = st.slider(
                text.FLOW_LAYER_LABEL.format(layers=LAYERS),
                0,
                LAYERS,
                LAYERS,
                key="ap_layer",
                bind="query-params",
                help=text.FLOW_LAYER_HELP.format(layers=LAYERS, T=scenes.STEPS),
            )
        flow = cache.scene(scenes.flow_layers, spinner=text.SPIN_FLOW.format(layers=LAYERS))(*data, _raw=raw)
        dif = cache.scene(scenes.diffusion, spinner=text.SPIN_DIFFUSION.format(T=scenes.STEPS))(*data, _raw=raw)
        ref = cache.scene(scenes.reference)(*data, _raw=raw)
        with left:
            page.show(cache.figure(ac.flow_panel, flow, j, style=style), "flow-layers", data=ac.flow_frame(flow, j))
        with middle:
            curve = cache.figure(ac.distance_by_layer, flow, j, ref.floor, style=style)
            page.show(curve, "flow-distance", data=flow.table)
        with right:
            page.numbers(ac.flow_numbers(flow, j), per_row=1)
        st.caption(text.FLOW_CAPTION.format(**scenes.flow_values(flow, dif, ref, j)))

    page.panel(live)
