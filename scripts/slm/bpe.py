"""A tiny byte-level BPE: trainer, encoder and Hugging Face tokenizer.json writer.

The encoder reproduces what the Hugging Face `tokenizers` Rust library does for the
tokenizer.json written here (added tokens split out first, ByteLevel pre-tokenizer with the
GPT-2 split regex and no prefix space, BPE merges by rank, no normalizer, no post-processor),
so reference token ids computed in Python equal the ids the Java side gets through DJL.

Only the standard library is used: Debian's python3 has no `regex` module, so the GPT-2 split
pattern is implemented by hand below (with unicodedata categories for \\p{L} and \\p{N}).
"""

import unicodedata
from collections import Counter


def bytes_to_unicode():
    """GPT-2's reversible byte -> printable unicode character table (same as HF ByteLevel)."""
    bs = (
        list(range(ord("!"), ord("~") + 1))
        + list(range(ord("¡"), ord("¬") + 1))
        + list(range(ord("®"), ord("ÿ") + 1))
    )
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


BYTE_TO_CHAR = bytes_to_unicode()
CHAR_TO_BYTE = {c: b for b, c in BYTE_TO_CHAR.items()}

CONTRACTIONS = ("'s", "'t", "'re", "'ve", "'m", "'ll", "'d")


def _is_letter(c):
    return unicodedata.category(c).startswith("L")


def _is_number(c):
    return unicodedata.category(c).startswith("N")


def _is_space(c):
    return c.isspace()


def _is_other(c):
    return not (_is_space(c) or _is_letter(c) or _is_number(c))


def split_words(text):
    """The GPT-2 pattern `'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+`.

    Alternatives are tried in order at each position, as the regex engine does.
    """
    out = []
    i = 0
    n = len(text)
    while i < n:
        m = _match_at(text, i)
        out.append(text[i:m])
        i = m
    return out


def _run(text, i, pred):
    j = i
    while j < len(text) and pred(text[j]):
        j += 1
    return j


def _match_at(text, i):
    n = len(text)
    for c in CONTRACTIONS:
        if text.startswith(c, i):
            return i + len(c)
    for pred in (_is_letter, _is_number, _is_other):
        start = i + 1 if (text[i] == " " and i + 1 < n and pred(text[i + 1])) else i
        j = _run(text, start, pred)
        if j > start:
            return j
    # \s+(?!\S): the whitespace run, backing off one char when a non-space follows.
    j = _run(text, i, _is_space)
    if j > i:
        if j == n:
            return j
        if j - 1 > i:
            return j - 1
        return j  # \s+ fallback: a single whitespace char before a non-space
    raise AssertionError("unreachable")


def word_symbols(word):
    return [BYTE_TO_CHAR[b] for b in word.encode("utf-8")]


def train(corpus_texts, num_merges):
    """Classic BPE training over byte-level words; ties broken by the pair's strings."""
    counts = Counter()
    for t in corpus_texts:
        for w in split_words(t):
            counts[tuple(word_symbols(w))] += 1
    words = [list(w) for w in counts]
    freqs = [counts[w] for w in counts]
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for w, f in zip(words, freqs):
            for a, b in zip(w, w[1:]):
                pairs[(a, b)] += f
        if not pairs:
            break
        best = min(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        merges.append(best)
        a, b = best
        for w in words:
            k = 0
            while k < len(w) - 1:
                if w[k] == a and w[k + 1] == b:
                    w[k : k + 2] = [a + b]
                k += 1
    return merges


class Tokenizer:
    def __init__(self, vocab, merges, added):
        self.vocab = vocab  # str -> id (model vocab, includes specials)
        self.ranks = {m: r for r, m in enumerate(merges)}
        self.merges = merges
        self.added = added  # list of (content, id)
        self._added_sorted = sorted(added, key=lambda t: -len(t[0]))

    def bpe(self, word):
        syms = word_symbols(word)
        while len(syms) > 1:
            best = None
            for k in range(len(syms) - 1):
                r = self.ranks.get((syms[k], syms[k + 1]))
                if r is not None and (best is None or r < best[0]):
                    best = (r, k)
            if best is None:
                break
            k = best[1]
            syms[k : k + 2] = [syms[k] + syms[k + 1]]
        return [self.vocab[s] for s in syms]

    def encode(self, text):
        ids = []
        seg = []
        i = 0
        while i < len(text):
            for content, tid in self._added_sorted:
                if text.startswith(content, i):
                    if seg:
                        ids.extend(self._encode_plain("".join(seg)))
                        seg = []
                    ids.append(tid)
                    i += len(content)
                    break
            else:
                seg.append(text[i])
                i += 1
        if seg:
            ids.extend(self._encode_plain("".join(seg)))
        return ids

    def _encode_plain(self, text):
        ids = []
        for w in split_words(text):
            ids.extend(self.bpe(w))
        return ids

    def to_json(self):
        added_tokens = [
            {
                "id": tid,
                "content": content,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": False,
                "special": True,
            }
            for content, tid in sorted(self.added, key=lambda t: t[1])
        ]
        byte_level = {
            "type": "ByteLevel",
            "add_prefix_space": False,
            "trim_offsets": True,
            "use_regex": True,
        }
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": added_tokens,
            "normalizer": None,
            "pre_tokenizer": byte_level,
            "post_processor": None,
            "decoder": byte_level,
            "model": {
                "type": "BPE",
                "dropout": None,
                "unk_token": None,
                "continuing_subword_prefix": None,
                "end_of_word_suffix": None,
                "fuse_unk": False,
                "byte_fallback": False,
                "vocab": dict(sorted(self.vocab.items(), key=lambda kv: kv[1])),
                "merges": [a + " " + b for a, b in self.merges],
            },
        }


def build(corpus_texts, specials_head, specials_tail, vocab_size):
    """Vocab layout: specials_head, 256 byte chars, merged tokens, specials_tail."""
    vocab = {}
    for s in specials_head:
        vocab[s] = len(vocab)
    for b in range(256):
        vocab[BYTE_TO_CHAR[b]] = len(vocab)
    target_merged = vocab_size - len(vocab) - len(specials_tail)
    # Train more merges than needed, keep merges until enough distinct new tokens exist.
    merges_all = train(corpus_texts, target_merged + 50)
    merges = []
    for a, b in merges_all:
        if len(vocab) >= vocab_size - len(specials_tail):
            break
        merges.append((a, b))
        if a + b not in vocab:
            vocab[a + b] = len(vocab)
    if len(vocab) != vocab_size - len(specials_tail):
        raise SystemExit("corpus too small for the requested vocab size")
    for s in specials_tail:
        vocab[s] = len(vocab)
    added = [(s, vocab[s]) for s in list(specials_head) + list(specials_tail)]
    return Tokenizer(vocab, merges, added)
