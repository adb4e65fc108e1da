"""Autoregressive models: text, images and sound generated one step at a time, with exact likelihoods."""

from __future__ import annotations

import streamlit as st

from lecture import autoregressive as words
from ui import frame
from ui.panels import autoregressive as panels

page = frame.start("autoregressive")
page.formula()


def live() -> None:
    """The three tabs, the open one's controls and all they drive, and what to notice in it."""
    tab_text, tab_image, tab_audio = st.tabs(words.TABS, key="ar_tab", bind="query-params")
    notice = None  # the open tab's "what to notice": sentence templates and the numbers that fill them
    with tab_text:
        if tab_text.open:
            notice = panels.text_tab(page)
    with tab_image:
        if tab_image.open:
            notice = panels.image_tab(page)
    with tab_audio:
        if tab_audio.open:
            notice = panels.audio_tab(page)

    if notice is None:
        page.notice()
    else:
        sentences, values = notice
        page.notice(*sentences, **values)


page.panel(live)
page.quiz()
page.deeper()
page.end()
