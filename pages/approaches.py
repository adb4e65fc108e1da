"""Different approaches to model p(x): a prescribed latent model, an implicit generator (a moment-matching network)
and a diffusion model, trained live on the same 2-D data, drawn on shared axes and scored with one yardstick.
Presenter mode: panels and key numbers left, the controls that drive them right, everything else below the fold."""

from __future__ import annotations

import hashlib

import streamlit as st

from lecture import approaches as text
from scenes import approaches as scenes
from ui import cache, frame
from ui.charts import approaches as ac

page = frame.start("approaches")
style, present = page.style, page.present
T, QUOTED, STOPS = scenes.STEPS, scenes.QUOTED, scenes.STOPS


if present:  # the figure and its numbers left, the controls right (most important first)
    figure_col, side = page.columns((3, 1))
    boxes = dict.fromkeys(("step", "family", "data", "seed", "upload"), side)
    heads, stories = figure_col.columns(3, gap="medium"), figure_col.columns(3, gap="medium")
else:
    st.caption(text.SLIDE_NOTE_SHORT)  # the lecturer's correction of two of the slide's examples
    data_col, seed_col, upload_col = st.columns([2, 1, 3])
    heads, stories = st.columns(3, gap="medium"), st.columns(3, gap="medium")
    boxes = {"step": stories[2], "family": stories[0], "data": data_col, "seed": seed_col, "upload": upload_col}
for head, below, title, story in zip(heads, stories, text.HEADS, text.STORIES, strict=True):
    if present:  # one size down: the slide needs the height for the figure
        head.markdown(f"#### {title}")
    else:
        head.subheader(title, anchor=False)
    below.latex(story)
if not present:
    stories[1].info(text.NO_DENSITY, icon=":material/block:")

with boxes["step"]:
    t = st.select_slider(
        text.STEP_LABEL.format(T=T),
        STOPS,
        value=0,
        key="ap_step",
        bind="query-params",
        help=text.STEP_HELP.format(**QUOTED),
    )
with boxes["family"]:
    family = st.radio(
        text.FAMILY_LABEL,
        [text.GMM, text.VAE],
        index=0,
        horizontal=not present,
        key="ap_family",
        bind="query-params",
        help=text.FAMILY_HELP,
    )
    k = st.slider(
        text.K_LABEL, 1, 12, 8, key="ap_k", bind="query-params", disabled=family != text.GMM, help=text.K_HELP
    )
with boxes["data"]:
    source = st.selectbox(
        text.DATA_LABEL_CONTROL,
        [*text.DATA_SETS, text.CSV_OPTION],
        index=0,
        key="ap_data",
        bind="query-params",
        help=text.DATA_HELP.format(**QUOTED),
    )
with boxes["seed"]:
    seed = page.seed_control(key="ap_seed")
upload = None
if source == text.CSV_OPTION:
    with boxes["upload"]:
        upload = st.file_uploader(
            text.UPLOAD_LABEL, type=["csv", "txt"], key="ap_csv", help=text.UPLOAD_HELP.format(**QUOTED)
        )


def show_models(data: tuple, raw: bytes) -> None:
    """The three panels, their numbers and the yardstick table for one data set: ``data = (source, seed, digest)``."""
    ref = cache.scene(scenes.reference)(*data, _raw=raw)
    mixture_fit = cache.scene(scenes.prescribed, spinner=text.SPIN_MIXTURE)
    vae_fit = cache.scene(scenes.prescribed, spinner=text.SPIN_VAE)
    if family == text.GMM:
        shown = mixture_fit(*data, scenes.MIXTURE, k, _raw=raw)
    else:
        shown = vae_fit(*data, scenes.VAE, 0, _raw=raw)  # the VAE does not depend on K: one cache entry
    imp = cache.scene(scenes.implicit, spinner=text.SPIN_IMPLICIT)(*data, _raw=raw)
    dif = cache.scene(scenes.diffusion, spinner=text.SPIN_DIFFUSION)(*data, _raw=raw)

    tops = (figure_col if present else st).columns(3, gap="medium")
    with tops[0]:  # the main figure: the three panels side by side, on shared axes
        page.show(cache.figure(ac.density_panel, shown, style=style), "main-three-approaches", data=ac.samples(shown))
    with tops[1]:
        page.show(cache.figure(ac.samples_panel, imp, style=style), "implicit-samples", data=ac.samples(imp))
    with tops[2]:
        page.show(cache.figure(ac.diffusion_panel, dif, t, style=style), "diffusion-step", data=ac.samples(dif, t))

    numbers = ac.panel_numbers(shown, imp, dif, ref.floor, t, QUOTED)
    if present:  # the three distances in one row under the panels, the rest below the fold
        page.numbers([n[0] for n in numbers] + [n[1] for n in numbers], per_row=3)
        st.info(text.NO_DENSITY, icon=":material/block:")
    else:
        for column, below in zip(st.columns(3, gap="medium"), numbers, strict=True):
            with column:
                page.numbers(below, per_row=1)
    if ref.note:
        st.caption(ref.note)

    st.space("small")
    bottoms = st.columns(3, gap="medium")
    with bottoms[0]:
        page.show(cache.figure(ac.latent_chart, shown, style=style), "prescribed-latent", data=ac.latent_data(shown))
        st.caption(text.LATENT_CAPTION[shown.family].format(mass=shown.mass))
    with bottoms[1]:
        page.show(cache.figure(ac.training_curve, imp, style=style), "implicit-training", data=ac.thin_curve(imp.curve))
        st.caption(text.IMPLICIT_CAPTION.format(**QUOTED))
    with bottoms[2]:
        curve = cache.figure(ac.distance_by_step, dif, t, ref.floor, STOPS, style=style)
        page.show(curve, "diffusion-distance", data=dif.table)
        st.caption(text.DIFFUSION_CAPTION.format(T=T, half=dif.half, rest=T - dif.half))

    st.markdown(text.YARDSTICK_HEADING)
    page.formula()
    mixture = mixture_fit(*data, scenes.MIXTURE, k, _raw=raw)
    vae = vae_fit(*data, scenes.VAE, 0, _raw=raw)
    st.table(ac.yardstick_table(mixture, vae, imp, dif, ref, style=style), hide_index=True)
    reference = text.REFERENCE_LABEL[ref.from_csv]
    st.caption(text.FLOOR_CAPTION.format(reference=reference, floor=ref.floor, n_held_out=ref.n_held, **QUOTED))
    page.notice(**scenes.notice_values(shown, imp, dif, ref, t))


if source == text.CSV_OPTION and upload is None:
    st.info(text.UPLOAD_PROMPT, icon=":material/upload_file:")
else:
    with page.guard():
        if upload is None:
            show_models((text.DATA_SETS[source], seed, ""), b"")
        else:
            show_models((scenes.CSV, seed, hashlib.sha256(upload.getvalue()).hexdigest()), upload.getvalue())

if present:
    st.info(text.SLIDE_NOTE_BOX, icon=":material/edit_note:")
for quiz in range(len(text.TEXT.quizzes)):
    page.quiz(quiz)
page.deeper()
page.end()
