"""Word-level tokenizer with a closed vocabulary, written as a Hugging Face tokenizers JSON.

`encode` and the JSON describe the same pipeline, so DJL's tokenizers give the same ids.
The text is lowercased and split on `\\w+|[^\\w\\s]+` (the `Whitespace` pre-tokenizer).
Words map to ids, with `<unk>` for unknown words. The ids are truncated to max_length − 2,
framed by `<bos>` and `<eos>`, and padded with `<pad>` to exactly max_length.
"""

import json
import re
from pathlib import Path
from typing import Dict, Iterable, List, Sequence

PAD, UNK, BOS, EOS = "<pad>", "<unk>", "<bos>", "<eos>"
SPECIAL_TOKENS = (PAD, UNK, BOS, EOS)  # ids 0, 1, 2, 3
PROMPT_WORDS = ("center", "surrounding", ":", ";", ",", ".")

_WORD_PATTERN = re.compile(r"\w+|[^\w\s]+")


def pre_tokenize(text: str) -> List[str]:
    return _WORD_PATTERN.findall(text.lower())


def total_prompt(center: str, surrounding: str) -> str:
    """Return the total prompt that conditions the `total` branch."""
    return f"Center: {center}; Surrounding: {surrounding}"


class WordTokenizer:
    def __init__(self, words: Sequence[str], max_length: int):
        if max_length < 3:
            raise ValueError(f"max_length must be at least 3 (bos, one word, eos), got {max_length}")
        unique = sorted(set(words) - set(SPECIAL_TOKENS))
        self.vocab: Dict[str, int] = {token: i for i, token in enumerate(SPECIAL_TOKENS)}
        for word in unique:
            self.vocab[word] = len(self.vocab)
        self.max_length = max_length

    @property
    def vocab_size(self) -> int:
        return len(self.vocab)

    @property
    def pad_id(self) -> int:
        return self.vocab[PAD]

    @property
    def known_words(self) -> List[str]:
        return [word for word in self.vocab if word not in SPECIAL_TOKENS]

    @staticmethod
    def from_texts(texts: Iterable[str], max_length: int) -> "WordTokenizer":
        words = set(PROMPT_WORDS)
        for text in texts:
            words.update(pre_tokenize(text))
        return WordTokenizer(sorted(words), max_length)

    @staticmethod
    def from_word_file(path: Path, max_length: int) -> "WordTokenizer":
        """Read one word or short phrase per line (split like a prompt). '#' starts a comment."""
        texts = []
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                texts.append(line)
        return WordTokenizer.from_texts(texts, max_length)

    def encode(self, text: str) -> List[int]:
        """Ids of `text`, always max_length long."""
        unk = self.vocab[UNK]
        ids = [self.vocab.get(word, unk) for word in pre_tokenize(text)]
        ids = [self.vocab[BOS]] + ids[: self.max_length - 2] + [self.vocab[EOS]]
        return ids + [self.pad_id] * (self.max_length - len(ids))

    def encode_batch(self, texts: Sequence[str]) -> List[List[int]]:
        return [self.encode(text) for text in texts]

    def to_huggingface_json(self) -> Dict:
        """Return the tokenizer in the Hugging Face tokenizers file format (tokenizer.json)."""
        added = [{"id": self.vocab[token], "content": token, "single_word": False,
                  "lstrip": False, "rstrip": False, "normalized": False, "special": True}
                 for token in SPECIAL_TOKENS]
        bos, eos = self.vocab[BOS], self.vocab[EOS]
        return {
            "version": "1.0",
            "truncation": {"direction": "Right", "max_length": self.max_length,
                           "strategy": "LongestFirst", "stride": 0},
            "padding": {"strategy": {"Fixed": self.max_length}, "direction": "Right",
                        "pad_to_multiple_of": None, "pad_id": self.pad_id, "pad_type_id": 0,
                        "pad_token": PAD},
            "added_tokens": added,
            "normalizer": {"type": "Lowercase"},
            "pre_tokenizer": {"type": "Whitespace"},
            "post_processor": {
                "type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": BOS, "type_id": 0}},
                           {"Sequence": {"id": "A", "type_id": 0}},
                           {"SpecialToken": {"id": EOS, "type_id": 0}}],
                "pair": [{"SpecialToken": {"id": BOS, "type_id": 0}},
                         {"Sequence": {"id": "A", "type_id": 0}},
                         {"Sequence": {"id": "B", "type_id": 1}},
                         {"SpecialToken": {"id": EOS, "type_id": 0}}],
                "special_tokens": {
                    BOS: {"id": BOS, "ids": [bos], "tokens": [BOS]},
                    EOS: {"id": EOS, "ids": [eos], "tokens": [EOS]},
                },
            },
            "decoder": None,
            "model": {"type": "WordLevel", "vocab": dict(self.vocab), "unk_token": UNK},
        }

    def save(self, path: Path) -> None:
        Path(path).write_text(json.dumps(self.to_huggingface_json(), indent=1, ensure_ascii=False),
                              encoding="utf-8")

    @staticmethod
    def load(path: Path) -> "WordTokenizer":
        """Read a tokenizer.json written by `save`."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("model", {}).get("type") != "WordLevel":
            raise ValueError(f"{path}: expected a WordLevel tokenizer, got "
                             f"{data.get('model', {}).get('type')!r}")
        vocab = data["model"]["vocab"]
        words = [word for word, _ in sorted(vocab.items(), key=lambda item: item[1])]
        tokenizer = WordTokenizer(words, data["truncation"]["max_length"])
        if tokenizer.vocab != vocab:
            raise ValueError(f"{path}: vocabulary ids are not in the order this tokenizer writes")
        return tokenizer

    def state(self) -> Dict:
        return {"kind": "word_level", "words": self.known_words, "max_length": self.max_length}

    @staticmethod
    def from_state(state: Dict) -> "WordTokenizer":
        return WordTokenizer(state["words"], state["max_length"])


def tokenizer_from_state(state: Dict):
    """Rebuild the tokenizer saved in a checkpoint, word-level or CLIP BPE."""
    kind = state.get("kind", "word_level")
    if kind == "word_level":
        return WordTokenizer.from_state(state)
    if kind == "clip_bpe":
        from .clip_tokenizer import ClipTokenizer
        return ClipTokenizer.from_state(state)
    raise ValueError(f"unknown tokenizer kind {kind!r} in checkpoint")
