"""Home page: the lecture plan from the first slide, each item linked to its pages, and the way in."""

import streamlit as st

from lecture import plan as text
from ui import frame, registry

page = frame.start("plan")
first = registry.PAGES[0]
st.page_link(
    first.file,
    label=text.START,
    icon=":material/play_arrow:",
    query_params={"present": "true"} if page.present else None,
)

if page.present:  # the plan as the room sees it: large, every page named, nothing for the lecturer's eyes only
    for column, chunk in zip(st.columns(2, gap="large"), (registry.plan()[:2], registry.plan()[2:]), strict=True):
        with column:
            for item, pages in chunk:
                st.markdown(f"**{item}**  \n" + "  \n".join(f"· {p.title}" for p in pages))
    st.stop()

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
    st.subheader(text.NOTATION_HEADING, anchor=False)
    st.markdown("\n".join(["| symbol | meaning |", "| --- | --- |", *(f"| {s} | {m} |" for s, m in text.NOTATION)]))
    st.subheader(text.PICTURES_HEADING, anchor=False)
    st.markdown("\n".join(f"- {line}" for line in text.PICTURES))
