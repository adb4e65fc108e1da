"""Cross entropy: the average message length when the code was built for a model q but the data come from p."""

from __future__ import annotations

import streamlit as st

from lecture import cross_entropy as text
from scenes import cross_entropy as scene
from ui import cache, frame
from ui.charts import info as info_charts

page = frame.start("cross_entropy")
st.markdown(text.PRECISELY)
page.formula()
table = st.table if page.present else st.dataframe  # presenter mode: big type, every row shown


def live() -> None:
    """The controls of p and q and all they drive: figure, numbers, tabs, what to notice."""
    fig, ctrl = page.columns()
    with ctrl:
        source = st.selectbox("True distribution p", list(scene.SOURCES), key="ce_p", bind="query-params")
        model = st.selectbox("Model q", scene.MODELS, key="ce_model", bind="query-params")
        names = scene.SOURCES[source][0]
        temperature, weights = 1.0, (1,) * len(names)
        if model == "Tempered p":
            temperature = st.slider(
                "Temperature T", 0.2, 5.0, 3.0, 0.1, key="ce_temp", bind="query-params", help=text.TEMPERATURE_HELP
            )
        elif model == "My weights":
            weights = tuple(
                st.slider(f"weight of {names[i]}", 0, 10, 1, key=f"ce_q{i}", bind="query-params")
                for i in range(len(names))
            )
        n_message = st.slider("Message length (symbols)", 200, 5000, 2000, 100, key="ce_n", bind="query-params")
        seed = page.seed_control()

    settings = (source, model, temperature, weights)
    pair = None
    with page.guard():
        pair = cache.scene(scene.pair)(*settings)
        with fig:
            bars = cache.figure(info_charts.pq_bars, pair, style=page.style, height=180 if page.present else 280)
            page.show(bars, "main-cross-entropy-p-q", data=pair.table)

    if pair is not None:
        codes = None
        if not pair.infinite:
            with page.guard():
                codes = cache.scene(scene.codes)(*settings, n_message, seed)
        numbers = [
            frame.Number("Entropy H(p)", pair.h, "bits", help=text.ENTROPY_HELP),
            frame.Number("Cross entropy H(p, q)", pair.h_pq, "bits", help=text.CROSS_ENTROPY_HELP),
            frame.Number("KL(p‖q) = H(p, q) − H(p)", pair.kl, "bits", help=text.KL_HELP),
        ]
        if codes is not None:
            numbers.append(
                frame.Number("Measured, code for q", codes.arith_q, "bits", help=text.MEASURED_HELP.format(n=n_message))
            )
        page.numbers(numbers)
        if pair.infinite:
            st.warning(text.INFINITE.format(zero=", ".join(pair.zero)), icon=":material/all_inclusive:")

        tab_stack, tab_blocks, tab_ml = st.tabs(
            ["H(p, q) = H(p) + KL", "Longer blocks", "Cross-entropy loss in ML"], key="ce_tab", bind="query-params"
        )
        if tab_stack.open and codes is not None:
            with tab_stack:
                stack = cache.figure(info_charts.cross_entropy_stack, codes, style=page.style)
                page.show(stack, "cross-entropy-stack", codes.stack_table)
                st.caption(text.STACK_CAPTION.format(h_pq=pair.h_pq, h=pair.h, kl=pair.kl, n=n_message))
                st.markdown(text.FIRST_SYMBOLS.format(shown=scene.SHOWN_SYMBOLS))
                table(codes.first, width="stretch")
                bits = text.FIRST_SYMBOLS_BITS.format(
                    count=len(codes.shown), bits_p=codes.shown_bits_p, bits_q=codes.shown_bits_q
                )
                st.caption(bits)
        elif tab_stack.open:
            with tab_stack:
                st.info(text.NO_MESSAGE, icon=":material/all_inclusive:")
        if tab_blocks.open and codes is not None:
            with tab_blocks:
                blocks = cache.figure(info_charts.code_gap_chart, codes, style=page.style)
                page.show(blocks, "cross-entropy-blocks", codes.blocks_table)
                st.caption(text.BLOCKS_CAPTION.format(n=n_message))
        clf = None
        if tab_ml.open:
            with tab_ml, page.guard():
                fig_ml, ctrl_ml = page.columns()
                with ctrl_ml:
                    c_value = st.select_slider(
                        "Regularisation C (larger = more confident)",
                        scene.C_VALUES,
                        value=1.0,
                        key="ce_c",
                        bind="query-params",
                        help=text.C_HELP,
                    )
                    st.caption(text.CLASSIFIER.format(n=scene.N_POINTS))
                clf = cache.scene(scene.classifier)(float(c_value), seed)
                with fig_ml:
                    loss_map = cache.figure(info_charts.loss_map, clf, style=page.style)
                    page.show(loss_map, "cross-entropy-loss-map", data=clf.points)
                    st.caption(text.LOSS_MAP_CAPTION)
                page.numbers(
                    [
                        frame.Number("Cross-entropy loss", clf.ours, "nats", help=text.LOSS_HELP.format(n=clf.n)),
                        frame.Number("Same loss in bits", clf.ours_bits, "bits"),
                        frame.Number("scikit-learn log_loss", clf.sklearn, "nats", help=text.SKLEARN_HELP),
                        frame.Number("Training accuracy", f"{clf.accuracy:.0%}", help=text.ACCURACY_HELP),
                    ]
                )
                st.markdown(text.FIRST_POINTS.format(k=scene.FIRST_POINTS))
                table(clf.first, hide_index=True, width="stretch")
        tab = "ml" if tab_ml.open else "blocks" if tab_blocks.open else "stack"
        page.notice(*scene.notice(pair, codes, model, temperature, tab, clf))


page.panel(live)

page.quiz()
page.deeper()
page.end()
