"""Entropy: the minimum number of useful bits per symbol, made literal with a real Huffman code."""

from __future__ import annotations

import streamlit as st

from lecture import entropy as text
from scenes import entropy as scene
from ui import cache, frame, safety
from ui.charts import info as info_charts
from ui.panels import entropy as panels

page = frame.start("entropy")
st.markdown(text.PRECISELY)
page.formula()
table = st.table if page.present else st.dataframe  # presenter mode: big type, every row shown
PANEL = 200  # presenter mode: the two panels side by side, each this tall (before the presenter scale)


def live() -> None:
    """The distribution's controls and all they drive: figure, numbers, tabs, what to notice."""
    fig, ctrl = page.columns()
    with ctrl:
        chosen = panels.controls(page)
    choice, message_text, sampled = chosen.choice, chosen.message, chosen.sampled
    n_sampled, seed = chosen.n_sampled, chosen.seed
    settings = chosen.settings
    src = None
    with page.guard():
        src = cache.scene(scene.source)(*settings)
        with fig:
            if page.present:  # side by side: the whole figure, tall enough to read, on the first screen
                left, right = st.columns(2)
                with left:
                    bars = cache.figure(info_charts.probability_panel, src, style=page.style, height=PANEL)
                    page.show(bars, "entropy-distribution", data=src.bars)
                with right:
                    bars = cache.figure(info_charts.surprisal_panel, src, style=page.style, height=PANEL)
                    page.show(bars, "main-surprisal", data=src.bars)
            else:
                page.show(
                    cache.figure(info_charts.surprisal_bars, src, style=page.style), "main-surprisal", data=src.bars
                )
            if choice in text.NOTES:
                st.caption(text.NOTES[choice].format(n=len(message_text)))

    if src is not None:
        sent = None
        with page.guard():
            sent = cache.scene(scene.message)(*settings, n_sampled, seed)
        note = text.MESSAGE_NOTES.get(choice, text.SAMPLED_NOTE).format(n=n_sampled, seed=seed)
        numbers = [
            frame.Number("Entropy H(p)", src.h, "bits", help=text.ENTROPY_HELP),
            frame.Number("Huffman L per symbol", src.L, "bits", help=text.HUFFMAN_HELP),
            frame.Number("Maximum log₂ K", src.h_max, "bits", help=text.MAXIMUM_HELP.format(k=src.k)),
        ]
        if sent is not None:
            numbers.append(
                frame.Number("Measured per symbol", sent.bps, "bits", help=text.MEASURED_HELP.format(note=note))
            )
        page.numbers(numbers)
        if src.certain:
            st.info(text.ONE_OUTCOME, icon=":material/info:")

        # Lazy tabs: only the open tab runs, and the open tab is kept in the link.
        tab_code, tab_coin, tab_blocks, tab_english = st.tabs(
            ["Huffman code", "Binary entropy", "Source coding theorem", "English (Shannon)"],
            key="ent_tab",
            bind="query-params",
        )
        if tab_code.open:
            with tab_code:
                if page.present:  # st.table renders markdown: the outcomes of a typed message are the student's text
                    table(src.table.assign(outcome=src.table["outcome"].map(safety.plain)), hide_index=True)
                else:
                    table(src.table, hide_index=True, width="stretch", height=min(36 * (src.k + 1) + 4, 420))
                if sent is not None:
                    st.markdown(text.ENCODED_TITLE.format(note=note))
                    st.code(
                        text.ENCODED_BITS.format(pairs=sent.pairs, sent=sent.sent, more=sent.more),
                        language=None,
                        wrap_lines=True,
                    )
                    why = text.WHY.get(choice, text.SAMPLED_WHY).format(h=src.h, h_plus_1=src.h + 1, L=src.L)
                    total = text.ENCODED_TOTAL.format(n=sent.n, bits=sent.bits, bps=sent.bps)
                    st.caption(f"{total} {why} {text.DECODED}")
        if tab_coin.open:
            with tab_coin:
                coin = cache.scene(scene.coin)(*settings)
                curve = cache.figure(info_charts.binary_entropy_curve, coin, style=page.style)
                page.show(curve, "binary-entropy", data=coin.table)
                st.caption(scene.coin_caption(coin, safety.plain))
        if tab_blocks.open:
            with tab_blocks, page.guard():
                blocks = cache.scene(scene.blocks)(*settings, seed)
                chart = cache.figure(info_charts.source_coding_chart, blocks, style=page.style)
                page.show(chart, "source-coding", data=blocks.table)
                st.caption(scene.blocks_caption(blocks))
        if tab_english.open:
            with tab_english, page.guard():
                letters = cache.scene(scene.letters)(message_text)
                table(letters.table, hide_index=True, width="stretch")
                st.caption(
                    text.ENGLISH_CAPTION.format(
                        n_letters=letters.measured.n_letters,
                        n_pairs=letters.measured.n_pairs,
                        source=text.ENGLISH_SAMPLE if sampled else text.ENGLISH_OWN,
                        possible_pairs=letters.possible_pairs,
                    )
                )
        page.notice(*scene.notice(src, safety.plain))


page.panel(live)

page.quiz()
page.deeper()
page.end()
