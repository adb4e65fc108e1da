"""The benchmarks' empty-page floor: one slider and one small chart, nothing else.

What Streamlit and the browser cost for a key press and a first visit on this machine, measured in the same run as
the app's pages so that every page's figure can be read as a ratio to it.
"""

import altair as alt
import pandas as pd
import streamlit as st

st.title("Floor")
value = st.slider("value", 0, 100, 50)
st.altair_chart(
    alt.Chart(pd.DataFrame({"v": [value]})).mark_bar().encode(x=alt.X("v", scale=alt.Scale(domain=[0, 100])))
)
