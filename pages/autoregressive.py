"""Autoregressive models: text, images and sound generated one step at a time, with exact likelihoods."""

from __future__ import annotations

import streamlit as st

from lecture import autoregressive as words
from ui import frame
from ui.panels import autoregressive as panels

page = frame.start("autoregressive")
page.formula()
tab_text, tab_image, tab_audio = st.tabs(words.TABS, key="ar_tab", bind="query-params")
with tab_text:
    if tab_text.open:
        panels.text_tab(page)
with tab_image:
    if tab_image.open:
        panels.image_tab(page)
with tab_audio:
    if tab_audio.open:
        panels.audio_tab(page)

page.notice()
page.quiz()
page.deeper()
page.end()
