"""The benchmarks' second floor: the least a slide page shows for one slider, in plain Streamlit.

The page contract (DESIGN.md) puts a figure, its key numbers, its controls and its "what to notice" in the live
panel a slider reruns. This page has exactly that and nothing else: a fragment holding a controls column (a select
box and three sliders), one line chart of 200 points that the first slider moves, four numbers with help, a caption
and a bordered notice with inline maths; the title and a formula sit outside the fragment. Measured in the same run
as the app's pages, it says what a page that keeps the contract costs here before any content of its own.
"""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

st.title("Contract floor")
st.markdown("#### One figure, its numbers, its controls and what to notice")
st.latex(r"q(x) = \frac{1}{\sqrt{2\pi}\,\sigma} \exp\!\left(-\frac{(x-\mu)^2}{2\sigma^2}\right)")


@st.fragment
def panel() -> None:
    fig, ctrl = st.columns([3, 1], gap="large")
    with ctrl:
        st.selectbox("Data", ["one", "two"], help="A choice that reruns this panel.")
        mu = st.slider("Mean μ", -2.0, 2.0, 0.0, 0.1, help="Moves the curve.")
        sigma = st.slider("Spread σ", 0.2, 2.0, 1.0, 0.1, help="Widens the curve.")
        st.slider("Samples n", 10, 1000, 100, 10, help="Not drawn: a control like any other.")
    x = np.linspace(-5, 5, 200)
    q = np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (np.sqrt(2 * np.pi) * sigma)
    chart = (
        alt.Chart(pd.DataFrame({"x": x, "q": q}))
        .mark_line()
        .encode(x="x:Q", y=alt.Y("q:Q", scale=alt.Scale(domain=[0, 2.0])))
        .properties(height=320, title="q(x)", description="A Gaussian density curve.")
    )
    with fig:
        st.altair_chart(chart, width="stretch")
        st.caption("The curve is the model's density; its area is 1.")
    entropy = np.log(sigma) + 0.5 * np.log(2 * np.pi * np.e)  # nats
    numbers = [("mean μ", mu), ("spread σ", sigma), ("peak q(μ)", q.max()), ("entropy, nats", entropy)]
    for col, (label, value) in zip(st.columns(4), numbers, strict=True):
        col.metric(label, f"{value:.3f}", help="A number behind the picture.")
    with st.container(border=True):
        st.markdown("**What to notice**")
        st.markdown(f"- The peak is $q(\\mu) = {q.max():.3f}$: a wider $\\sigma$ lowers it.\n- The area stays 1.")


panel()
st.divider()
st.caption("Footer: outside the panel.")
