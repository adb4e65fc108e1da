"""Home page: the lecture plan from the first slide, each item linked to its pages."""

import streamlit as st

from lecture import plan as text
from ui import frame, registry

page = frame.start("plan")

plan_col, how_col = st.columns([3, 2], gap="large")

with plan_col:
    st.subheader(text.PLAN_HEADING, anchor=False)
    for number, (item, pages) in enumerate(registry.plan(), start=1):
        with st.container(border=True):
            st.markdown(f"**{number}. {item}**")
            for p in pages:
                st.page_link(p.file, label=p.title, icon=p.icon)

with how_col:
    st.subheader(text.FOR_LECTURER_HEADING, anchor=False)
    st.markdown(text.FOR_LECTURER)
    st.subheader(text.FOR_STUDENT_HEADING, anchor=False)
    st.markdown(text.FOR_STUDENT)
    if page.present:
        st.info(text.PRESENTER_ON, icon=":material/co_present:")
