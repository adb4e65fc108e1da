"""Scenes of the KL page: the two directions of KL between discrete distributions, two Gaussians (closed form
against Monte Carlo), and one Gaussian fitted to two modes by forward and by reverse KL."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core import info
from lecture import kl as text

#: Named pairs (symbols, p, q): the truth and a model that differs from it.
PAIRS: dict[str, tuple[tuple[str, ...], tuple[float, ...], tuple[float, ...]]] = {
    "Two different dice": (
        tuple("123456"),
        (0.1, 0.1, 0.1, 0.1, 0.1, 0.5),
        (0.25, 0.25, 0.2, 0.1, 0.1, 0.1),
    ),
    "q misses an outcome": (
        ("sun", "cloud", "rain"),
        (0.5, 0.3, 0.2),
        (0.6, 0.4, 0.0),
    ),
    "Broad p, narrow q": (
        tuple("123456"),
        (1 / 6,) * 6,
        (0.02, 0.02, 0.02, 0.02, 0.02, 0.9),
    ),
}
SAMPLE_SIZES = (10, 30, 100, 300, 1000, 3000, 10000)
DENSITY_POINTS = 300
MODE_SD = 0.8  # both modes of the target have this standard deviation
FIT_POINTS = 400
MAX_SEPARATION = 8.0  # the largest distance between the modes: the fit panel's window holds it at every setting
FIT_WINDOW = (-MAX_SEPARATION / 2 - 4.5, MAX_SEPARATION / 2 + 4.5)


# ----------------------------------------------------------------------------------------------- asymmetry


@dataclass(frozen=True)
class Asymmetry:
    """p, the model q moved toward p, both KL directions and their per-outcome terms (bits).

    ``zero``: the outcomes p can produce and q rules out (they make KL(p‖q) infinite).
    """

    symbols: tuple[str, ...]
    p: np.ndarray
    q: np.ndarray
    kl_pq: float
    kl_qp: float
    h_p: float
    h_pq: float
    terms_pq: np.ndarray
    terms_qp: np.ndarray
    zero: tuple[str, ...]
    table: pd.DataFrame

    @property
    def same(self) -> bool:
        """True when q is p: every term of both divergences is 0."""
        return bool(np.array_equal(self.p, self.q))

    @property
    def largest(self) -> int:
        """Index of the outcome with the largest term of KL(p‖q) (an infinite term counts as largest)."""
        return int(np.argmax(np.where(np.isfinite(self.terms_pq), self.terms_pq, np.inf)))


def asymmetry(pair: str, t: float) -> Asymmetry:
    """The named pair with q moved a share ``t`` of the way toward p: q ← (1 − t)·q + t·p."""
    symbols, p0, q0 = PAIRS[pair]
    p = np.array(p0)
    q = info.interpolate(p0, q0, t)
    terms_pq, terms_qp = info.kl_terms(p, q), info.kl_terms(q, p)
    return Asymmetry(
        symbols=symbols,
        p=p,
        q=q,
        kl_pq=float(info.kl_divergence(p, q)),
        kl_qp=float(info.kl_divergence(q, p)),
        h_p=float(info.entropy(p)),
        h_pq=float(info.cross_entropy(p, q)),
        terms_pq=terms_pq,
        terms_qp=terms_qp,
        zero=tuple(str(s) for s, a, b in zip(symbols, p, q, strict=True) if a > 0 and b == 0),
        table=pd.DataFrame({"outcome": symbols, "p": p, "q": q, "term_pq": terms_pq, "term_qp": terms_qp}),
    )


# ----------------------------------------------------------------------------------------------- two Gaussians


def _gauss_pdf(x: np.ndarray, mu: float, sd: float) -> np.ndarray:
    return np.exp(info.mixture_logpdf(x, [1.0], [mu], [sd]))


@dataclass(frozen=True)
class Densities:
    """p = N(μ_p, σ_p²) and q = N(μ_q, σ_q²) on a grid covering both, and KL in both directions (bits)."""

    x: np.ndarray
    pdf_p: np.ndarray
    pdf_q: np.ndarray
    kl_pq: float
    kl_qp: float
    mu_p: float
    sd_p: float
    mu_q: float
    sd_q: float
    table: pd.DataFrame


def densities(mu_p: float, sd_p: float, mu_q: float, sd_q: float) -> Densities:
    lo = min(mu_p - 4 * sd_p, mu_q - 4 * sd_q)
    hi = max(mu_p + 4 * sd_p, mu_q + 4 * sd_q)
    x = np.linspace(lo, hi, DENSITY_POINTS)
    pdf_p, pdf_q = _gauss_pdf(x, mu_p, sd_p), _gauss_pdf(x, mu_q, sd_q)
    return Densities(
        x=x,
        pdf_p=pdf_p,
        pdf_q=pdf_q,
        kl_pq=info.kl_gaussians(mu_p, sd_p**2, mu_q, sd_q**2),
        kl_qp=info.kl_gaussians(mu_q, sd_q**2, mu_p, sd_p**2),
        mu_p=float(mu_p),
        sd_p=float(sd_p),
        mu_q=float(mu_q),
        sd_q=float(sd_q),
        table=pd.DataFrame({"x": x, "p": pdf_p, "q": pdf_q}),
    )


@dataclass(frozen=True)
class MonteCarlo:
    """Monte Carlo estimates of KL(p‖q) (bits) for each of ``sample_sizes``, with standard errors.

    ``exact``: the closed form; ``estimate``, ``se``: the estimate for the chosen ``n``.
    """

    sample_sizes: np.ndarray
    estimates: np.ndarray
    ses: np.ndarray
    exact: float
    n: int
    estimate: float
    se: float
    table: pd.DataFrame


def monte_carlo(mu_p: float, sd_p: float, mu_q: float, sd_q: float, n: int, seed: int) -> MonteCarlo:
    """One estimate per sample size, each from its own draw (seed ``seed + i`` for the i-th size)."""
    results = [
        info.kl_monte_carlo_gaussians(mu_p, sd_p**2, mu_q, sd_q**2, n=m, seed=seed + i)
        for i, m in enumerate(SAMPLE_SIZES)
    ]
    estimates, ses = np.array([e for e, _ in results]), np.array([s for _, s in results])
    estimate, se = dict(zip(SAMPLE_SIZES, results, strict=True))[n]
    return MonteCarlo(
        sample_sizes=np.array(SAMPLE_SIZES),
        estimates=estimates,
        ses=ses,
        exact=info.kl_gaussians(mu_p, sd_p**2, mu_q, sd_q**2),
        n=int(n),
        estimate=estimate,
        se=se,
        table=pd.DataFrame({"n": SAMPLE_SIZES, "estimate": estimates, "standard_error": ses}),
    )


# ----------------------------------------------------------------------------------------------- fitting q


@dataclass(frozen=True)
class Fits:
    """One Gaussian fitted to a two-mode mixture by forward KL(p‖q) and by reverse KL(q‖p).

    ``fwd_at_f``: forward KL of the forward fit (its minimum), ``fwd_at_r``: forward KL of the reverse fit;
    ``rev_at_r`` and ``rev_at_f`` likewise for reverse KL (bits).
    """

    x: np.ndarray
    target: np.ndarray
    forward: np.ndarray
    reverse: np.ndarray
    mu_f: float
    sd_f: float
    mu_r: float
    sd_r: float
    fwd_at_f: float
    fwd_at_r: float
    rev_at_r: float
    rev_at_f: float
    separation: float
    table: pd.DataFrame

    @property
    def seeks(self) -> bool:
        """True when the reverse fit sits on one mode: the modes stand apart and it is about as narrow as one."""
        return self.separation >= 2 * MODE_SD and self.sd_r < 1.2 * MODE_SD


def mode_fits(separation: float, weight: float) -> Fits:
    """Target: ``weight``·N(−separation/2, MODE_SD²) + (1 − weight)·N(separation/2, MODE_SD²)."""
    w, m, s = [weight, 1.0 - weight], [-separation / 2, separation / 2], [MODE_SD, MODE_SD]
    mu_f, sd_f = info.fit_gaussian_forward_kl(w, m, s)
    mu_r, sd_r = info.fit_gaussian_reverse_kl(w, m, s)
    x = np.linspace(*FIT_WINDOW, FIT_POINTS)  # one window for every separation: the modes move, the axes stay
    target, forward, reverse = (
        np.exp(info.mixture_logpdf(x, w, m, s)),
        _gauss_pdf(x, mu_f, sd_f),
        _gauss_pdf(x, mu_r, sd_r),
    )
    return Fits(
        x=x,
        target=target,
        forward=forward,
        reverse=reverse,
        mu_f=mu_f,
        sd_f=sd_f,
        mu_r=mu_r,
        sd_r=sd_r,
        fwd_at_f=info.kl_mixture_to_gaussian(w, m, s, mu_f, sd_f),
        fwd_at_r=info.kl_mixture_to_gaussian(w, m, s, mu_r, sd_r),
        rev_at_r=info.kl_gaussian_to_mixture(mu_r, sd_r, w, m, s),
        rev_at_f=info.kl_gaussian_to_mixture(mu_f, sd_f, w, m, s),
        separation=float(separation),
        table=pd.DataFrame({"x": x, "target": target, "forward": forward, "reverse": reverse}),
    )


# ----------------------------------------------------------------------------------------------- what to notice


def _bits(value: float) -> str:
    return "∞" if np.isinf(value) else f"{value:.3f}"


def asymmetry_notice(view: Asymmetry, t: float) -> tuple[str, ...]:
    """The asymmetry tab's "what to notice", filled from the pair on screen."""
    if view.same:
        return text.NOTICE_ASYMMETRY["SAME"]
    i = view.largest
    term = view.terms_pq[i]
    values = {
        "kl_pq": _bits(view.kl_pq),
        "kl_qp": _bits(view.kl_qp),
        "x": view.symbols[i],
        "px": view.p[i],
        "qx": view.q[i],
        "term": "∞" if np.isinf(term) else f"{term:+.2f}",
        "t": t,
    }
    return tuple(s.format(**values) for s in text.NOTICE_ASYMMETRY["ASYMMETRY"])


def gaussians_notice(dens: Densities, mc: MonteCarlo) -> tuple[str, ...]:
    """The Gaussians tab's "what to notice"."""
    values = {"kl_pq": dens.kl_pq, "kl_qp": dens.kl_qp, "n": mc.n, "estimate": mc.estimate, "se": mc.se}
    return tuple(s.format(**values) for s in text.NOTICE_GAUSSIANS)


def fit_notice(fits: Fits) -> tuple[str, ...]:
    """The fitting tab's "what to notice": the reverse fit seeks one mode or covers a single bump."""
    values = {
        "mu_f": round(fits.mu_f, 2) + 0.0,
        "sd_f": fits.sd_f,
        "mu_r": round(fits.mu_r, 2) + 0.0,
        "sd_r": fits.sd_r,
        "side": text.SIDES[int(fits.mu_r > 0)],
        "fwd_at_f": fits.fwd_at_f,
        "fwd_at_r": fits.fwd_at_r,
        "rev_at_r": fits.rev_at_r,
        "rev_at_f": fits.rev_at_f,
    }
    keys = ("FORWARD", "SEEKS" if fits.seeks else "COVERS", "SCORES")
    return tuple(text.NOTICE_FIT[k].format(**values) for k in keys)
