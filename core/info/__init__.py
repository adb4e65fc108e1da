"""Information theory: entropy, cross entropy and KL divergence, as message lengths.

Two topics, one module each; every name is re-exported here, so ``from core import info; info.entropy(...)``
and ``from core.info import kl_gaussians`` both work:

- :mod:`core.info.discrete` - distributions over a finite set of outcomes: surprisal, entropy, cross entropy,
  KL divergence and its per-outcome terms, temperature, counting a text, reading typed probabilities, and the
  cross-entropy loss of a classifier;
- :mod:`core.info.continuous` - densities: the differential entropy of a Gaussian, KL between Gaussians in
  closed form, a Monte Carlo KL estimate with its standard error, and fitting one Gaussian to a two-mode
  mixture by forward KL (mode covering) or reverse KL (mode seeking).

Results are in bits by default (``base=2``); pass ``base=math.e`` for nats. One nat is
:data:`BITS_PER_NAT` ``= 1 / ln 2 = 1.4427`` bits.
"""

from core.gaussian import BITS_PER_NAT
from core.info.continuous import (
    _clip_roundoff,
    fit_gaussian_forward_kl,
    fit_gaussian_reverse_kl,
    gaussian_entropy,
    kl_gaussian_to_mixture,
    kl_gaussians,
    kl_mixture_to_gaussian,
    kl_monte_carlo,
    kl_monte_carlo_gaussians,
    mixture_logpdf,
)
from core.info.discrete import (
    SUM_TOLERANCE,
    ArrayLike,
    _as_distribution,
    _log_base,
    binary_entropy,
    cross_entropy,
    cross_entropy_loss,
    empirical_distribution,
    entropy,
    interpolate,
    kl_divergence,
    kl_terms,
    max_entropy,
    parse_probabilities,
    surprisal,
    temper,
)

__all__ = [
    "BITS_PER_NAT",
    "SUM_TOLERANCE",
    "ArrayLike",
    "binary_entropy",
    "cross_entropy",
    "cross_entropy_loss",
    "empirical_distribution",
    "entropy",
    "fit_gaussian_forward_kl",
    "fit_gaussian_reverse_kl",
    "gaussian_entropy",
    "interpolate",
    "kl_divergence",
    "kl_gaussian_to_mixture",
    "kl_gaussians",
    "kl_mixture_to_gaussian",
    "kl_monte_carlo",
    "kl_monte_carlo_gaussians",
    "kl_terms",
    "max_entropy",
    "mixture_logpdf",
    "parse_probabilities",
    "surprisal",
    "temper",
    # used by core.coding and the tests: the distribution check and the round-off clip
    "_as_distribution",
    "_clip_roundoff",
    "_log_base",
]
