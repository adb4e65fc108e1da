"""English letters as an information source: letter frequencies, Shannon's entropies, a sample text.

Shannon (1951, "Prediction and entropy of printed English") measured how many bits a letter of English carries
once you know more and more of the text before it (26 letters, no space):

- ``F0 = log2 26 = 4.70`` bits: every letter equally likely;
- ``F1 = 4.14`` bits: letters with their real frequencies (``e`` common, ``z`` rare);
- ``F2 = 3.56`` bits: each letter predicted from the one before it (``q`` is almost always followed by ``u``),
  counted over the continuous stream of letters, so a word's last letter and the next word's first form a pair.

The more the reader can predict, the fewer bits each letter needs: entropy measures unpredictability.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from core import info

LETTERS = "abcdefghijklmnopqrstuvwxyz"

#: Relative frequency (%) of each letter in English text (a widely reproduced table, e.g. Lewand 2000,
#: "Cryptological Mathematics"; Wikipedia "Letter frequency"). Sums to 100 up to rounding.
LETTER_FREQUENCIES: dict[str, float] = {
    "a": 8.167, "b": 1.492, "c": 2.782, "d": 4.253, "e": 12.702, "f": 2.228, "g": 2.015, "h": 6.094,
    "i": 6.966, "j": 0.153, "k": 0.772, "l": 4.025, "m": 2.406, "n": 6.749, "o": 7.507, "p": 1.929,
    "q": 0.095, "r": 5.987, "s": 6.327, "t": 9.056, "u": 2.758, "v": 0.978, "w": 2.360, "x": 0.150,
    "y": 1.974, "z": 0.074,
}  # fmt: skip

#: Shannon's (1951) entropies of printed English, bits per letter (26 letters).
SHANNON_F: dict[str, float] = {"F0": 4.70, "F1": 4.14, "F2": 3.56}

#: A short English text written for this project (free to use), for the entropy page's default message.
SAMPLE_TEXT = (
    "Every message we send is a choice made among many possible messages. When a friend tells you the sun "
    "rose this morning, you learn almost nothing, because you expected it. When the same friend tells you "
    "that it snowed in the desert, you learn a great deal. Claude Shannon turned this everyday feeling into "
    "a number. The surprise of an event is the logarithm of one over its probability, and the entropy of a "
    "source is the average surprise of the events it produces. Measured in bits, the entropy is the "
    "smallest number of yes or no questions that we need, on average, to find out what happened. It is "
    "also the length of the shortest code that a sender and a receiver can agree on before any message is "
    "sent. Common letters such as e and t should get short codewords and rare letters such as q and z "
    "long ones, just as Morse code gives a single dot to the letter e. A model that learns the data well "
    "assigns high probability to what really happens, so its code is short; a poor model wastes bits on "
    "every symbol, and the waste per symbol is exactly the divergence between the truth and the model."
)


def english_letter_distribution() -> np.ndarray:
    """Probabilities of ``a .. z`` in English text, from ``LETTER_FREQUENCIES`` (explicitly normalised).

    Examples
    --------
    >>> round(info.entropy(english_letter_distribution()), 2)    # close to Shannon's F1 = 4.14
    4.18
    """
    return info.empirical_distribution([LETTER_FREQUENCIES[c] for c in LETTERS])


def letters_only(text: str) -> str:
    """Lower-case ``text`` and keep only the letters ``a .. z`` (spaces, digits, punctuation dropped).

    Examples
    --------
    >>> letters_only("Hello, World 42!")
    'helloworld'
    """
    return "".join(c for c in text.lower() if "a" <= c <= "z")


@dataclass(frozen=True)
class LetterEntropies:
    """Shannon's ``F0, F1, F2`` measured on a text (bits per letter) and how many letters they rest on."""

    F0: float
    F1: float
    F2: float
    n_letters: int
    n_pairs: int


def letter_entropies(text: str) -> LetterEntropies:
    """Measure Shannon's ``F0``, ``F1``, ``F2`` (bits per letter) on the letters ``a .. z`` of ``text``.

    ``F0 = log2(distinct letters used)``; ``F1 = H(letter)`` from the text's own letter frequencies;
    ``F2 = H(letter | previous letter) = H(pair) - H(first letter of pair)`` over adjacent letters of the letter
    stream: spaces and punctuation are dropped first, so pairs run across word boundaries, as in Shannon's 1951
    definition (his 26-letter alphabet has no space). Counting pairs only inside words would give a lower,
    different number: it leaves out the pairs across word boundaries, where the next letter is hardest to
    predict. Plug-in estimates:
    short texts give too-low values (a text of a few hundred letters has seen only a fraction of the possible
    pairs), so compare ``F2`` with Shannon's only for long texts.

    Examples
    --------
    >>> e = letter_entropies("abab abab")
    >>> e.F0, e.F1, e.F2                   # after an a always comes b, after a b an a: the second letter is free
    (1.0, 1.0, 0.0)
    >>> round(letter_entropies("ab ba").F2, 4)  # stream a-b-b-a: pairs ab, bb, ba; log2 3 - H(1/3, 2/3) = 2/3
    0.6667
    """
    letters = letters_only(text)
    if not letters:
        raise ValueError("the text has no letters a-z: type some English words")
    p1 = info.empirical_distribution(letters, alphabet=LETTERS)
    pairs = Counter(letters[i : i + 2] for i in range(len(letters) - 1))
    if pairs:
        first = Counter()
        for pair, count in pairs.items():
            first[pair[0]] += count
        h_pair = info.entropy(info.empirical_distribution(dict(pairs)))
        f2 = float(h_pair - info.entropy(info.empirical_distribution(dict(first))))
    else:
        f2 = 0.0
    return LetterEntropies(
        F0=math.log2(len(set(letters))),
        F1=float(info.entropy(p1)),
        F2=max(f2, 0.0),
        n_letters=len(letters),
        n_pairs=int(sum(pairs.values())),
    )
