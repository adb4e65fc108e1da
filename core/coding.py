"""Codes that make entropy literal: Huffman and Shannon codes, encoding, decoding, bits counted.

A *prefix-free code* gives each symbol a bit string (codeword) so that no codeword starts another one; a
message is the concatenation of its codewords and decodes without separators. Kraft's inequality
``sum 2^-l(x) <= 1`` says which codeword lengths ``l(x)`` are possible.

- The *Shannon code* gives ``x`` a codeword of ``ceil(-log2 p(x))`` bits: the surprisal, rounded up. Its expected
  length lies in ``[H(p), H(p) + 1)``.
- The *Huffman code* (Huffman 1952) repeatedly merges the two least likely symbols; no prefix-free code has a
  shorter expected length. Also within ``[H(p), H(p) + 1)``.
- Coding *blocks* of ``n`` symbols as one super-symbol spreads the rounding loss over ``n`` symbols: bits per
  symbol ``< H(p) + 1/n``, so they fall to ``H(p)`` as ``n`` grows (Shannon's source coding theorem).
- A Shannon code built for a model ``q`` and used on symbols from ``p`` costs between ``H(p, q) = H(p) + KL(p || q)``
  and ``H(p, q) + 1`` bits per symbol (``H(p, q) + 1/n`` for blocks of ``n``). A Huffman code built for ``q`` can
  cost less than ``H(p, q)`` under ``p`` (see :func:`block_coding`), but never less than ``H(p)``.

Symbols with probability 0 get no codeword (length 0 in the length arrays below). Codewords are built
*canonically* from the lengths (shorter first, ties in symbol order), so the same lengths always give the same code.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from core import info

#: Block codes are built over at most this many block symbols (K ** n), to keep them quick to build.
MAX_BLOCK_SYMBOLS = 20_000


def _probabilities(p: info.ArrayLike) -> np.ndarray:
    arr = info._as_distribution(p)
    if arr.ndim != 1:
        raise ValueError(f"give one distribution (a flat list of probabilities), not shape {arr.shape}")
    return arr


def _symbols(symbols: Sequence[Hashable] | str | None, k: int) -> list[Hashable]:
    out = list(range(k)) if symbols is None else list(symbols)
    if len(out) != k:
        raise ValueError(f"there are {k} probabilities but {len(out)} symbols; give one symbol per probability")
    if len(set(out)) != k:
        raise ValueError("a symbol appears twice; give each symbol once")
    return out


# ---------------------------------------------------------------------------------------------- code lengths


def huffman_code_lengths(p: info.ArrayLike) -> np.ndarray:
    """Codeword lengths of a Huffman code for ``p`` (bits; 0 = no codeword because ``p(x) = 0``).

    Huffman's algorithm: put every symbol in a pool; repeatedly take the two least likely, join them under a new
    node whose probability is their sum; a symbol's codeword length is its depth in the final tree. The only
    possible symbol of a one-outcome source gets 1 bit here, so that every symbol sent leaves a mark in the bits.
    That code is not optimal: the best code for a certain source gives its one symbol the empty codeword (0
    bits; the receiver only needs the message length), so ``L = H = 0``, whereas 1 bit is ``L = H + 1``, outside
    the strict bound ``L < H + 1`` that optimal codes meet.

    Examples
    --------
    >>> huffman_code_lengths([0.5, 0.25, 0.125, 0.125]).tolist()
    [1, 2, 3, 3]
    >>> huffman_code_lengths([0.4, 0.6, 0.0]).tolist()
    [1, 1, 0]
    """
    p = _probabilities(p)
    k = len(p)
    lengths = np.zeros(k, dtype=int)
    live = np.flatnonzero(p > 0)
    if len(live) == 1:
        lengths[live] = 1
        return lengths
    heap = [(float(p[i]), int(i)) for i in live]
    heapq.heapify(heap)
    parent = np.full(2 * k, -1, dtype=int)
    node = k
    while len(heap) > 1:
        w1, a = heapq.heappop(heap)
        w2, b = heapq.heappop(heap)
        parent[a] = parent[b] = node
        heapq.heappush(heap, (w1 + w2, node))
        node += 1
    depth = np.zeros(2 * k, dtype=int)
    for child in range(node - 2, -1, -1):  # parents have larger ids than their children: walk root-down
        if parent[child] >= 0:
            depth[child] = depth[parent[child]] + 1
    lengths[live] = depth[live]
    return lengths


def shannon_code_lengths(p: info.ArrayLike) -> np.ndarray:
    """Codeword lengths of the Shannon code: ``l(x) = ceil(-log2 p(x))`` bits, at least 1 (0 = no codeword).

    The surprisal rounded up to whole bits; it always satisfies Kraft's inequality.

    Examples
    --------
    >>> shannon_code_lengths([0.5, 0.25, 0.25]).tolist()
    [1, 2, 2]
    >>> shannon_code_lengths([0.6, 0.3, 0.1, 0.0]).tolist()
    [1, 2, 4, 0]
    """
    p = _probabilities(p)
    with np.errstate(divide="ignore"):
        surprisal = -np.log2(np.where(p > 0, p, 1.0))
    lengths = np.maximum(np.ceil(surprisal - 1e-9), 1).astype(int)  # 1e-9: 0.25 must give 2, not 3
    return np.where(p > 0, lengths, 0)


def expected_length(p: info.ArrayLike, lengths: Sequence[int] | np.ndarray) -> float:
    """Expected codeword length ``L = sum_x p(x) l(x)`` in bits per symbol; ``inf`` if a likely symbol has none.

    Examples
    --------
    >>> expected_length([0.5, 0.25, 0.25], [1, 2, 2])
    1.5
    >>> expected_length([0.5, 0.5], [1, 0])
    inf
    """
    p = _probabilities(p)
    lengths = np.asarray(lengths)
    if lengths.shape != p.shape:
        raise ValueError(f"need one length per probability: {len(p)} probabilities, {lengths.size} lengths")
    if np.any((p > 0) & (lengths <= 0)):
        return math.inf
    return float(np.sum(p * lengths))


# ---------------------------------------------------------------------------------------------- codewords


def canonical_code(lengths: Sequence[int] | np.ndarray, symbols: Sequence[Hashable] | str | None = None) -> dict:
    """Build prefix-free codewords from codeword lengths (canonical code; length 0 = no codeword).

    Sort symbols by (length, position); each codeword is the previous one plus 1, shifted left when the length
    grows. Works for any lengths that satisfy Kraft's inequality ``sum 2^-l <= 1``.

    Examples
    --------
    >>> canonical_code([2, 1, 3, 3], "abcd")
    {'b': '0', 'a': '10', 'c': '110', 'd': '111'}
    """
    lengths = np.asarray(lengths, dtype=int)
    names = _symbols(symbols, len(lengths))
    if np.any(lengths < 0):
        raise ValueError("codeword lengths cannot be negative")
    used = np.flatnonzero(lengths > 0)
    if len(used) == 0:
        raise ValueError("no symbol has a codeword: at least one length must be positive")
    kraft = sum(2.0 ** -int(length) for length in lengths[used])
    if kraft > 1 + 1e-12:
        raise ValueError(f"these lengths break Kraft's inequality (sum 2^-l = {kraft:.4g} > 1): no prefix code")
    code: dict = {}
    value, previous = 0, int(lengths[used].min())
    for i in sorted(used, key=lambda j: (lengths[j], j)):
        value <<= int(lengths[i]) - previous
        previous = int(lengths[i])
        code[names[i]] = format(value, f"0{previous}b")
        value += 1
    return code


def huffman_code(p: info.ArrayLike, symbols: Sequence[Hashable] | str | None = None) -> dict:
    """Huffman code for ``p``: ``{symbol: codeword}``, prefix-free, shortest possible expected length.

    ``symbols`` name the outcomes in order (default ``0 .. K-1``). Outcomes with ``p = 0`` get no codeword.

    Examples
    --------
    >>> huffman_code([0.5, 0.25, 0.125, 0.125], "abcd")
    {'a': '0', 'b': '10', 'c': '110', 'd': '111'}
    """
    return canonical_code(huffman_code_lengths(p), symbols)


def shannon_code(p: info.ArrayLike, symbols: Sequence[Hashable] | str | None = None) -> dict:
    """Shannon code for ``p``: codeword lengths ``ceil(-log2 p(x))``, built canonically.

    Examples
    --------
    >>> shannon_code([0.6, 0.3, 0.1], "xyz")
    {'x': '0', 'y': '10', 'z': '1100'}
    """
    return canonical_code(shannon_code_lengths(p), symbols)


def encode(message: Iterable[Hashable], code: Mapping) -> str:
    """Concatenate the codewords of the message's symbols into one bit string.

    Examples
    --------
    >>> encode("abad", {'a': '0', 'b': '10', 'c': '110', 'd': '111'})
    '0100111'
    """
    try:
        return "".join(code[s] for s in message)
    except KeyError as err:
        raise ValueError(
            f"symbol {err.args[0]!r} has no codeword in this code: it is not in the code's alphabet, or the "
            "code was built for a distribution that gives it probability 0"
        ) from None


def decode(bits: str, code: Mapping) -> list:
    """Read a bit string back into symbols with a prefix-free code: ``decode(encode(m, c), c) == list(m)``.

    Examples
    --------
    >>> "".join(decode("0100111", {'a': '0', 'b': '10', 'c': '110', 'd': '111'}))
    'abad'
    """
    if set(bits) - {"0", "1"}:
        raise ValueError("the encoded message may only contain the characters 0 and 1")
    lookup = {word: symbol for symbol, word in code.items()}
    if len(lookup) != len(code) or "" in lookup:
        raise ValueError("the code gives two symbols the same codeword (or an empty one); it cannot be decoded")
    words = sorted(lookup)
    for shorter, longer in zip(words, words[1:], strict=False):
        if longer.startswith(shorter):
            raise ValueError(f"the code is not prefix-free: {shorter!r} starts {longer!r}")
    out, current = [], ""
    for bit in bits:
        current += bit
        if current in lookup:
            out.append(lookup[current])
            current = ""
    if current:
        raise ValueError(f"the bits end in the middle of a codeword ({current!r} is left over)")
    return out


def bits_per_symbol(message: Sequence[Hashable] | str, code: Mapping) -> float:
    """Measured cost of sending ``message`` with ``code``: ``len(encode(message, code)) / len(message)``.

    Examples
    --------
    >>> bits_per_symbol("aab", {'a': '0', 'b': '10'})
    1.3333333333333333
    """
    if len(message) == 0:
        raise ValueError("the message is empty: there is nothing to encode")
    return len(encode(message, code)) / len(message)


# ---------------------------------------------------------------------------------------------- arithmetic code

#: Model probabilities are rounded to integer frequencies out of 2 ** ARITHMETIC_PRECISION for exact arithmetic.
ARITHMETIC_PRECISION = 16


def quantise(q: info.ArrayLike, precision: int = ARITHMETIC_PRECISION) -> np.ndarray:
    """Integer frequencies summing to ``2 ** precision``, proportional to ``q``; every ``q > 0`` keeps at least 1.

    Examples
    --------
    >>> quantise([0.5, 0.25, 0.25], precision=4).tolist()
    [8, 4, 4]
    """
    q = _probabilities(q)
    total = 1 << precision
    if np.count_nonzero(q) > total:
        raise ValueError(f"too many outcomes for {precision}-bit frequencies")
    freq = np.where(q > 0, np.maximum(np.floor(q * total), 1), 0).astype(np.int64)
    freq[int(np.argmax(freq))] += total - int(freq.sum())
    return freq


def arithmetic_encode(message: Sequence[int] | np.ndarray, q: info.ArrayLike) -> str:
    """Encode a whole message of symbol indices as ONE number: an arithmetic code built for ``q``.

    Each symbol narrows an interval in [0, 1) to the fraction ``q(x)`` of its width, so after the message the
    width is ``q(x1) q(x2) ... q(xN)``; sending one binary number inside it takes about
    ``-log2 q(message) = sum_i -log2 q(x_i)`` bits, at most one more. Per symbol that is the cross entropy of
    the message under ``q``, with no rounding to whole bits per symbol (unlike Huffman or Shannon codes). Exact
    integer arithmetic (``q`` rounded to 16-bit frequencies); the receiver must know the message length.

    Examples
    --------
    >>> arithmetic_encode([0, 0, 1], [0.5, 0.5])     # a fair coin: one bit per symbol
    '001'
    """
    freq = quantise(q)
    cum = np.concatenate([[0], np.cumsum(freq)]).tolist()
    freq_list = freq.tolist()
    low, width = 0, 1  # the interval [low, low + width) in units of 2^-(PRECISION * i)
    for s in message:
        f = freq_list[int(s)] if 0 <= int(s) < len(freq_list) else 0
        if f == 0:
            raise ValueError(
                f"symbol {int(s)} has probability 0 under the model: no arithmetic code can send it "
                "(the cost would be infinite)"
            )
        low = (low << ARITHMETIC_PRECISION) + width * cum[int(s)]
        width *= f
    scale = ARITHMETIC_PRECISION * len(message)
    k = max(0, scale - width.bit_length())
    while True:  # the fewest bits k such that some k-bit binary fraction lies inside the interval
        shift = scale - k
        v = -((-low) >> shift)  # ceil(low / 2^shift)
        if (v << shift) < low + width:
            return format(v, f"0{k}b") if k else ""
        k += 1


def arithmetic_decode(bits: str, q: info.ArrayLike, n: int) -> list[int]:
    """Read ``n`` symbol indices back from an arithmetic code built for ``q`` (inverse of ``arithmetic_encode``).

    Examples
    --------
    >>> arithmetic_decode(arithmetic_encode([2, 0, 1, 2], [0.2, 0.3, 0.5]), [0.2, 0.3, 0.5], 4)
    [2, 0, 1, 2]
    """
    if set(bits) - {"0", "1"}:
        raise ValueError("the encoded message may only contain the characters 0 and 1")
    freq = quantise(q)
    cum = np.concatenate([[0], np.cumsum(freq)]).tolist()
    freq_list = freq.tolist()
    scale = ARITHMETIC_PRECISION * int(n)
    if len(bits) > scale:
        raise ValueError(f"{len(bits)} bits is more than a {n}-symbol message can need")
    value = int(bits, 2) << (scale - len(bits)) if bits else 0
    out, low, width = [], 0, 1
    for i in range(int(n)):
        x = value >> (scale - ARITHMETIC_PRECISION * (i + 1))
        low <<= ARITHMETIC_PRECISION
        s = bisect_right(cum, (x - low) // width) - 1
        if not 0 <= s < len(freq_list) or freq_list[s] == 0:
            raise ValueError("these bits are not a message of this code")
        out.append(s)
        low += width * cum[s]
        width *= freq_list[s]
    return out


# ---------------------------------------------------------------------------------------------- messages, blocks


def sample_message(p: info.ArrayLike, n: int, seed: int = 0) -> np.ndarray:
    """``n`` symbol indices drawn independently from ``p`` (reproducible from ``seed``).

    Examples
    --------
    >>> sample_message([0.0, 1.0], 3).tolist()
    [1, 1, 1]
    """
    p = _probabilities(p)
    if int(n) < 1:
        raise ValueError(f"the message needs at least one symbol (n = {n})")
    return np.random.default_rng(seed).choice(len(p), size=int(n), p=p)


def block_distribution(p: info.ArrayLike, n: int) -> np.ndarray:
    """Distribution of blocks of ``n`` independent symbols: ``p(x1 ... xn) = p(x1) ... p(xn)``, ``K ** n`` entries.

    Blocks are in lexicographic order (block index = ``x1 K^(n-1) + ... + xn``). ``H`` of it is ``n H(p)``.

    Examples
    --------
    >>> block_distribution([0.9, 0.1], 2).round(2).tolist()
    [0.81, 0.09, 0.09, 0.01]
    """
    p = _probabilities(p)
    if int(n) < 1:
        raise ValueError(f"the block length must be at least 1 (got {n})")
    if len(p) ** int(n) > MAX_BLOCK_SYMBOLS:
        raise ValueError(
            f"blocks of {n} symbols over {len(p)} outcomes give {len(p) ** n:,} block symbols; the limit is "
            f"{MAX_BLOCK_SYMBOLS:,}: use shorter blocks"
        )
    out = p
    for _ in range(int(n) - 1):
        out = np.multiply.outer(out, p).ravel()
    return out / out.sum()


def max_block_length(k: int, limit: int = MAX_BLOCK_SYMBOLS) -> int:
    """The longest block length ``n`` with ``k ** n <= limit`` (at least 1).

    Examples
    --------
    >>> max_block_length(2), max_block_length(26)
    (14, 3)
    """
    if k <= 1:
        return 1
    return max(1, int(math.floor(math.log(limit) / math.log(k) + 1e-12)))


def _block_indices(message: np.ndarray, n: int, k: int) -> np.ndarray:
    usable = (len(message) // n) * n
    blocks = message[:usable].reshape(-1, n)
    return blocks @ (k ** np.arange(n - 1, -1, -1))


@dataclass(frozen=True)
class BlockCoding:
    """Bits per symbol of block codes of length ``block_lengths``, built for ``q`` and used on symbols from ``p``.

    ``expected`` is ``E_p[l(block)] / n``; ``measured`` is the bit count of an actual encoded message of
    ``message_length`` symbols (cut to whole blocks) divided by its number of symbols. ``entropy`` is ``H(p)`` and
    ``cross_entropy`` is ``H(p, q)`` (equal when the code is built for ``p``), both in bits per symbol.
    """

    block_lengths: np.ndarray
    expected: np.ndarray
    measured: np.ndarray
    entropy: float
    cross_entropy: float
    message_length: int
    kind: str


def block_coding(
    p: info.ArrayLike,
    q: info.ArrayLike | None = None,
    max_block: int = 6,
    message_length: int = 2000,
    seed: int = 0,
    kind: str = "huffman",
) -> BlockCoding:
    """Code blocks of 1, 2, ..., ``max_block`` symbols with a code built for ``q`` (default: ``p`` itself).

    The source coding theorem, live: with ``q = p`` the expected bits per symbol obey ``H <= L_n / n < H + 1/n``
    and fall toward ``H(p)``. With a wrong model ``q``, a Shannon code (``kind="shannon"``) obeys
    ``H(p, q) <= L_n / n < H(p, q) + 1/n``: it falls toward ``H(p, q)``, never lower. A Huffman code built for
    ``q`` is not bound by ``H(p, q)``: under ``p`` it can cost less (below, 1 bit per symbol against
    ``H(p, q) = 1.737``), though never less than ``H(p)``, which no prefix code beats. Block lengths stop where
    ``K ** n`` would exceed ``MAX_BLOCK_SYMBOLS``.

    Parameters
    ----------
    kind
        ``"huffman"`` or ``"shannon"`` (lengths ``ceil(-log2 q(block))``).

    Examples
    --------
    >>> res = block_coding([0.9, 0.1], max_block=4)
    >>> res.expected.round(3).tolist()               # H = 0.469 bits
    [1.0, 0.645, 0.533, 0.493]
    >>> wrong = block_coding([0.5, 0.5], [0.9, 0.1], max_block=2)      # Huffman for q, symbols from p
    >>> round(wrong.cross_entropy, 3), wrong.expected.round(3).tolist()  # below H(p, q), not below H(p) = 1
    (1.737, [1.0, 1.125])
    >>> block_coding([0.5, 0.5], [0.9, 0.1], max_block=2, kind="shannon").expected.round(3).tolist()
    [2.5, 2.0]
    """
    p = _probabilities(p)
    q = p if q is None else _probabilities(q)
    if len(q) != len(p):
        raise ValueError(f"p and q must be over the same outcomes ({len(p)} vs {len(q)})")
    if kind not in ("huffman", "shannon"):
        raise ValueError(f"kind must be 'huffman' or 'shannon' (got {kind!r})")
    h_pq = info.cross_entropy(p, q)
    if math.isinf(h_pq):
        raise ValueError(
            "the model q gives probability 0 to an outcome that p produces: the code built for q has no codeword "
            "for it, so H(p, q) = KL(p || q) = infinity"
        )
    k = len(p)
    top = min(int(max_block), max_block_length(k))
    if top < 1:
        raise ValueError("max_block must be at least 1")
    if int(message_length) < top:
        raise ValueError(f"the message needs at least {top} symbols to fill one block of {top}")
    message = sample_message(p, message_length, seed)
    builder = huffman_code_lengths if kind == "huffman" else shannon_code_lengths
    expected, measured = [], []
    for n in range(1, top + 1):
        pn, qn = block_distribution(p, n), block_distribution(q, n)
        lengths = builder(qn)
        expected.append(expected_length(pn, lengths) / n)
        blocks = _block_indices(message, n, k)
        measured.append(float(lengths[blocks].sum()) / (len(blocks) * n) if len(blocks) else math.nan)
    return BlockCoding(
        block_lengths=np.arange(1, top + 1),
        expected=np.array(expected),
        measured=np.array(measured),
        entropy=float(info.entropy(p)),
        cross_entropy=float(h_pq),
        message_length=int(message_length),
        kind=kind,
    )
