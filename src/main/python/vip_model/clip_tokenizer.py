"""CLIP's byte-level BPE tokenizer (Stable Diffusion's text tokenizer), read from the
`vocab.json` and `merges.txt` of a diffusers `tokenizer/` folder, and written as a Hugging Face
tokenizers JSON with the same normalizer, pre-tokenizer, model and post-processor settings as
openai/clip-vit-large-patch14's `tokenizer.json`.

NOTE: Python's `re` has no \\p{L}/\\p{N}; letters are matched as `[^\\W\\d_]` and numbers as
`\\d`, so rare Unicode numerals (², ½) split differently from the Rust tokenizer. ftfy text
repair, which transformers' slow CLIPTokenizer applies, is not applied here or in the JSON.
"""

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

BOS, EOS = "<|startoftext|>", "<|endoftext|>"
_SPLIT_REGEX_RUST = (r"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|"
                     r"[\p{N}]|[^\s\p{L}\p{N}]+")
_SPLIT_PYTHON = re.compile(r"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|"
                           r"[^\W\d_]+|\d|(?:[^\s\w]|_)+")


@lru_cache()
def bytes_to_unicode() -> Dict[int, str]:
    """GPT-2's reversible map from bytes to printable characters (ByteLevel pre-tokenizer)."""
    printable = (list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1))
                 + list(range(ord("®"), ord("ÿ") + 1)))
    mapping = {byte: chr(byte) for byte in printable}
    extra = 0
    for byte in range(256):
        if byte not in mapping:
            mapping[byte] = chr(256 + extra)
            extra += 1
    return mapping


class ClipTokenizer:
    def __init__(self, vocab: Dict[str, int], merges: Sequence[Tuple[str, str]], max_length: int):
        for token in (BOS, EOS):
            if token not in vocab:
                raise ValueError(f"CLIP vocabulary is missing the special token {token}")
        self.vocab = dict(vocab)
        self.merges = [tuple(pair) for pair in merges]
        self.ranks = {pair: rank for rank, pair in enumerate(self.merges)}
        self.max_length = max_length
        self.byte_map = bytes_to_unicode()
        self.cache: Dict[str, List[str]] = {}

    @staticmethod
    def from_folder(folder: Path, max_length: int = 77) -> "ClipTokenizer":
        folder = Path(folder)
        vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        lines = (folder / "merges.txt").read_text(encoding="utf-8").splitlines()
        merges = [tuple(line.split()) for line in lines
                  if line and not line.startswith("#version")]
        return ClipTokenizer(vocab, merges, max_length)

    @property
    def pad_id(self) -> int:
        return self.vocab[EOS]  # Stable Diffusion pads with <|endoftext|>

    @property
    def known_words(self) -> Optional[List[str]]:
        return None  # open vocabulary

    def _bpe(self, token: str) -> List[str]:
        if token in self.cache:
            return self.cache[token]
        symbols = list(token[:-1]) + [token[-1] + "</w>"]
        while len(symbols) > 1:
            pairs = [(self.ranks.get(pair, float("inf")), index, pair)
                     for index, pair in enumerate(zip(symbols, symbols[1:]))]
            rank, _, best = min(pairs)
            if rank == float("inf"):
                break
            merged, index = [], 0
            while index < len(symbols):
                if index < len(symbols) - 1 and (symbols[index], symbols[index + 1]) == best:
                    merged.append(symbols[index] + symbols[index + 1])
                    index += 2
                else:
                    merged.append(symbols[index])
                    index += 1
            symbols = merged
        self.cache[token] = symbols
        return symbols

    def tokenize(self, text: str) -> List[str]:
        text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).lower()
        pieces = []
        for word in _SPLIT_PYTHON.findall(text):
            mapped = "".join(self.byte_map[byte] for byte in word.encode("utf-8"))
            pieces.extend(self._bpe(mapped))
        return pieces

    def encode(self, text: str) -> List[int]:
        unk = self.vocab[EOS]
        ids = [self.vocab.get(piece, unk) for piece in self.tokenize(text)]
        ids = [self.vocab[BOS]] + ids[: self.max_length - 2] + [self.vocab[EOS]]
        return ids + [self.pad_id] * (self.max_length - len(ids))

    def encode_batch(self, texts: Sequence[str]) -> List[List[int]]:
        return [self.encode(text) for text in texts]

    def to_huggingface_json(self) -> Dict:
        specials = [{"id": self.vocab[token], "content": token, "single_word": False,
                     "lstrip": False, "rstrip": False, "normalized": token == BOS,
                     "special": True} for token in (BOS, EOS)]
        return {
            "version": "1.0",
            "truncation": {"direction": "Right", "max_length": self.max_length,
                           "strategy": "LongestFirst", "stride": 0},
            "padding": {"strategy": {"Fixed": self.max_length}, "direction": "Right",
                        "pad_to_multiple_of": None, "pad_id": self.pad_id, "pad_type_id": 0,
                        "pad_token": EOS},
            "added_tokens": specials,
            "normalizer": {"type": "Sequence", "normalizers": [
                {"type": "NFC"},
                {"type": "Replace", "pattern": {"Regex": r"\s+"}, "content": " "},
                {"type": "Lowercase"}]},
            "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
                {"type": "Split", "pattern": {"Regex": _SPLIT_REGEX_RUST},
                 "behavior": "Removed", "invert": True},
                {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
                 "use_regex": False}]},
            "post_processor": {"type": "RobertaProcessing", "sep": [EOS, self.vocab[EOS]],
                               "cls": [BOS, self.vocab[BOS]], "trim_offsets": False,
                               "add_prefix_space": False},
            "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True,
                        "use_regex": True},
            "model": {"type": "BPE", "dropout": None, "unk_token": EOS,
                      "continuing_subword_prefix": "", "end_of_word_suffix": "</w>",
                      "fuse_unk": False, "byte_fallback": False, "vocab": self.vocab,
                      "merges": [" ".join(pair) for pair in self.merges]},
        }

    def save(self, path: Path) -> None:
        Path(path).write_text(json.dumps(self.to_huggingface_json(), ensure_ascii=False),
                              encoding="utf-8")

    def state(self) -> Dict:
        return {"kind": "clip_bpe", "vocab": self.vocab,
                "merges": [list(pair) for pair in self.merges], "max_length": self.max_length}

    @staticmethod
    def from_state(state: Dict) -> "ClipTokenizer":
        return ClipTokenizer(state["vocab"], state["merges"], state["max_length"])
