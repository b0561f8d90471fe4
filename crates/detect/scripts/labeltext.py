"""Text helpers shared by the label samplers (crates/detect/scripts and crates/events/scripts).

fnv1a: FNV-1a 32-bit of a string's UTF-8 bytes; the corpus splits articles by it (id mod 5 == 0
is the test side), so every sampler must compute the very same number.
norm: the form in which sentences are compared against the ones already labelled: Arabic
diacritics and tatweel removed, alef forms, alef maqsura and ta marbuta folded.
"""
import re

_DIACRITICS = re.compile("[\u064b-\u0652\u0640]")
_FOLD = str.maketrans("أإآىة", "ااايه")


def fnv1a(s):
    h = 0x811C9DC5
    for b in s.encode():
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def norm(s):
    return _DIACRITICS.sub("", s).translate(_FOLD)
