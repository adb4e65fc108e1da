"""Layout of the "Entropy" page's controls (the distribution p, the message, the draw)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lecture import entropy as text
from scenes import entropy as scene
from ui import cache, frame

cache.app_text(scene.SAMPLE_TEXT)  # the default message is the app's own: its pictures are shared by everyone


@dataclass(frozen=True)
class Controls:
    """What the controls chose: ``settings`` names p for the scenes; a sampled message has a size and a seed."""

    settings: tuple
    sampled: bool
    n_sampled: int
    seed: int

    @property
    def choice(self) -> str:
        return self.settings[0]

    @property
    def message(self) -> str:
        return self.settings[-1]


def controls(page: frame.PageFrame) -> Controls:
    """The distribution p and its parameters, the message (typed or drawn from p), the draw's size and seed."""
    choice = st.selectbox("Distribution p", scene.DISTRIBUTIONS, index=3, key="ent_dist", bind="query-params")
    heads, k, weights, typed, normalise = scene.HEADS, 4, (), "", False
    if choice == "Biased coin":
        heads = st.slider("P(heads)", 0.0, 1.0, scene.HEADS, 0.01, key="ent_heads", bind="query-params")
    elif choice == "My sliders":
        k = st.slider("Outcomes K", 2, 8, 4, key="ent_k", bind="query-params")
        weights = tuple(
            st.slider(f"weight of {symbol}", 0, 10, default, key=f"ent_w{i}", bind="query-params")
            for i, (symbol, default) in enumerate(zip(scene.SLIDER_SYMBOLS[:k], scene.SLIDER_DEFAULTS[:k], strict=True))
        )
    elif choice == "Typed probabilities":
        typed = st.text_input(
            "Probabilities (comma separated)",
            "0.5, 0.25, 0.125, 0.125",
            max_chars=text.MAX_PROBABILITIES,
            key="ent_probs",
            bind="query-params",
            help=text.PROBABILITIES_HELP,
        )
        normalise = st.checkbox("Normalise for me", value=False, key="ent_norm", bind="query-params")
    sampled = choice not in scene.TEXT_SOURCES
    message_text = scene.SAMPLE_TEXT
    if not sampled:
        message_text = st.text_area(
            "Your message",
            message_text,
            max_chars=scene.MAX_MESSAGE,
            height=140,
            key="ent_msg",
            bind="query-params",
            help=text.MESSAGE_HELP,
        )
    n_sampled, seed = 500, 0
    if sampled:
        n_sampled = st.slider("Symbols drawn from p", 50, 3000, 500, 50, key="ent_n", bind="query-params")
        seed = page.seed_control()
    return Controls((choice, heads, k, weights, typed, normalise, message_text), sampled, n_sampled, seed)
