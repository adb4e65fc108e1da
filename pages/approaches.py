"""Different approaches to model p(x): a prescribed latent model, an implicit generator and a diffusion model,
each trained live on the same 2-D data and scored with one common yardstick."""

from __future__ import annotations

import hashlib

import streamlit as st

from lecture import approaches as text
from scenes import approaches as scenes
from ui import cache, frame
from ui.charts import approaches as ac

page = frame.start("approaches")
style = page.style
T, QUOTED = scenes.STEPS, scenes.QUOTED

data_col, seed_col, upload_col = st.columns([2, 1, 3])
with data_col:
    source = st.selectbox(
        text.DATA_LABEL,
        [*text.DATA_SETS, text.CSV_OPTION],
        index=0,
        key="ap_data",
        bind="query-params",
        help=text.DATA_HELP.format(**QUOTED),
    )
with seed_col:
    seed = page.seed_control(key="ap_seed")
upload = None
with upload_col:
    if source == text.CSV_OPTION:
        upload = st.file_uploader(
            text.UPLOAD_LABEL, type=["csv", "txt"], key="ap_csv", help=text.UPLOAD_HELP.format(**QUOTED)
        )

heads = st.columns(3, gap="medium")
for head, title, story in zip(heads, text.HEADS, text.STORIES, strict=True):
    head.subheader(title, anchor=False)
    head.latex(story)
with heads[0]:
    family = st.radio(
        text.FAMILY_LABEL,
        [text.GMM, text.VAE],
        index=0,
        horizontal=True,
        key="ap_family",
        bind="query-params",
        help=text.FAMILY_HELP,
    )
    k = st.slider(
        text.K_LABEL, 1, 12, 8, key="ap_k", bind="query-params", disabled=family != text.GMM, help=text.K_HELP
    )
heads[1].info(text.NO_DENSITY, icon=":material/block:")
with heads[2]:
    done = st.slider(
        text.STEP_LABEL.format(T=T), 0, T, T, key="ap_step", bind="query-params", help=text.STEP_HELP.format(T=T)
    )


def show_models(data: tuple, raw: bytes) -> None:
    """The three panels, their numbers and the yardstick table for one data set: ``data = (source, seed, digest)``."""
    ref = cache.scene(scenes.reference)(*data, _raw=raw)
    if ref.note:
        st.caption(ref.note)
    mixture_fit = cache.scene(scenes.prescribed, spinner=text.SPIN_MIXTURE)
    vae_fit = cache.scene(scenes.prescribed, spinner=text.SPIN_VAE)
    if family == text.GMM:
        shown = mixture_fit(*data, scenes.MIXTURE, k, _raw=raw)
    else:
        shown = vae_fit(*data, scenes.VAE, 0, _raw=raw)  # the VAE does not depend on K: one cache entry
    imp = cache.scene(scenes.implicit, spinner=text.SPIN_IMPLICIT)(*data, _raw=raw)
    dif = cache.scene(scenes.diffusion, spinner=text.SPIN_DIFFUSION)(*data, _raw=raw)
    t = T - done

    tops = st.columns(3, gap="medium")
    with tops[0]:
        page.show(cache.figure(ac.density_panel, shown, style=style), "prescribed-density")
    with tops[1]:
        page.show(cache.figure(ac.samples_panel, imp, style=style), "implicit-samples")
    with tops[2]:
        page.show(cache.figure(ac.diffusion_panel, dif, t, style=style), "diffusion-step")

    # the numbers right under their pictures, one per line so that no label or value is cut off at 1366 px
    distance_help = text.DISTANCE_HELP.format(floor=ref.floor, **QUOTED)
    loglik_help = text.LOGLIK_HELP.format(**QUOTED)
    gain = text.GAIN_VALUE.format(first=dif.distance[-2], last=dif.distance[0])
    numbers = (
        (
            frame.Number(text.DISTANCE_LABEL, shown.distance, help=distance_help),
            frame.Number(text.LOGLIK_LABEL[shown.family], shown.loglik, "bits/point", loglik_help, digits=2),
        ),
        (
            frame.Number(text.DISTANCE_LABEL, imp.distance, help=distance_help),
            frame.Number(text.IMPLICIT_LOGLIK_LABEL, text.NOT_DEFINED, help=text.IMPLICIT_LOGLIK_HELP),
        ),
        (
            frame.Number(text.STEP_DISTANCE_LABEL.format(t=t), float(dif.distance[t]), help=text.STEP_DISTANCE_HELP),
            frame.Number(text.GAIN_LABEL, gain, help=text.GAIN_HELP.format(T=T)),
        ),
    )
    for column, below in zip(st.columns(3, gap="medium"), numbers, strict=True):
        with column:
            page.numbers(below, per_row=1)

    st.space("small")
    bottoms = st.columns(3, gap="medium")
    with bottoms[0]:
        page.show(cache.figure(ac.latent_chart, shown, style=style), "prescribed-latent")
        st.caption(text.LATENT_CAPTION[shown.family].format(mass=shown.mass))
    with bottoms[1]:
        page.show(cache.figure(ac.training_curve, imp, style=style), "implicit-training", data=ac.thin_curve(imp.curve))
        st.caption(text.IMPLICIT_CAPTION.format(**QUOTED))
    with bottoms[2]:
        curve = cache.figure(ac.distance_by_step, dif, t, ref.floor, style=style)
        page.show(curve, "diffusion-distance", data=dif.table)
        st.caption(text.DIFFUSION_CAPTION)

    st.markdown(text.YARDSTICK_HEADING)
    page.formula()
    mixture = mixture_fit(*data, scenes.MIXTURE, k, _raw=raw)
    vae = vae_fit(*data, scenes.VAE, 0, _raw=raw)
    st.table(ac.yardstick_table(mixture, vae, imp, dif, ref, style=style), hide_index=True)
    reference = text.REFERENCE_LABEL[ref.from_csv]
    st.caption(text.FLOOR_CAPTION.format(reference=reference, floor=ref.floor, n_held_out=ref.n_held, **QUOTED))


if source == text.CSV_OPTION and upload is None:
    st.info(text.UPLOAD_PROMPT, icon=":material/upload_file:")
else:
    with page.guard():
        if upload is None:
            show_models((text.DATA_SETS[source], seed, ""), b"")
        else:
            payload = upload.getvalue()
            show_models((scenes.CSV, seed, hashlib.sha256(payload).hexdigest()), payload)

page.notice()
page.quiz()
page.deeper()
page.end()
