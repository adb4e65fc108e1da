"""Home page: the lecture plan from the first slide, each item linked to its pages."""

import streamlit as st

from ui import frame, registry

page = frame.start("plan")

plan_col, how_col = st.columns([3, 2], gap="large")

with plan_col:
    st.subheader("The plan, as on the first slide", anchor=False)
    for number, (item, pages) in enumerate(registry.plan(), start=1):
        with st.container(border=True):
            st.markdown(f"**{number}. {item}**")
            for p in pages:
                st.page_link(p.file, label=p.title, icon=p.icon)

with how_col:
    st.subheader("For the lecturer", anchor=False)
    st.markdown(
        "Switch on **Presenter mode** in the sidebar before the lecture: type and figures grow for the "
        "projector and the self-study blocks step aside. Every page opens on a preset that makes the slide's "
        "point without fiddling, with fixed random seeds, so the picture in the hall is the one you rehearsed. "
        "Move one or two controls and the figure follows. The address bar carries every setting: paste it "
        "into your slides or the course page and students reopen exactly what you showed. Nothing is fetched "
        "from the internet, so the hall's wifi does not matter."
    )
    st.subheader("For the student", anchor=False)
    st.markdown(
        "Each page pairs a picture with its numbers and its formula, and says in a few sentences what to "
        "notice. Below that, a **question to check yourself** answers at once, and **Go deeper** unfolds "
        "the derivation. Change the seed, the data or the model and see which conclusions survive. The maths "
        "lives in the `core` package: import it in a notebook and the same functions compute the same numbers."
    )
    if page.present:
        st.info("Presenter mode is on.", icon=":material/co_present:")
