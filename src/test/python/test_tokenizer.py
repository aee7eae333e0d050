import json

import pytest

from vip_model.tokenizer import WordTokenizer, total_prompt


@pytest.fixture
def tokenizer():
    return WordTokenizer.from_texts(["a red house", "blue sky, green grass"], max_length=8)


def test_vocabulary_has_specials_first(tokenizer):
    assert list(tokenizer.vocab)[:4] == ["<pad>", "<unk>", "<bos>", "<eos>"]
    assert tokenizer.pad_id == 0
    assert "center" in tokenizer.vocab
    assert ";" in tokenizer.vocab


def test_encode_pads_to_max_length(tokenizer):
    ids = tokenizer.encode("A Red house")
    vocab = tokenizer.vocab
    assert ids == [2, vocab["a"], vocab["red"], vocab["house"], 3, 0, 0, 0]


def test_encode_empty_text(tokenizer):
    assert tokenizer.encode("") == [2, 3, 0, 0, 0, 0, 0, 0]


def test_encode_unknown_words_and_punctuation(tokenizer):
    vocab = tokenizer.vocab
    assert tokenizer.encode("zebra, sky!") == [2, 1, vocab[","], vocab["sky"], 1, 3, 0, 0]


def test_encode_truncates_keeping_eos(tokenizer):
    ids = tokenizer.encode("sky " * 20)
    assert len(ids) == 8
    assert ids[0] == 2
    assert ids[-1] == 3
    assert ids[1:7] == [tokenizer.vocab["sky"]] * 6


def test_total_prompt_tokens(tokenizer):
    vocab = tokenizer.vocab
    text = total_prompt("red house", "sky")
    assert text == "Center: red house; Surrounding: sky"
    assert tokenizer.encode(text) == [2, vocab["center"], vocab[":"], vocab["red"],
                                      vocab["house"], vocab[";"], vocab["surrounding"], 3]


def test_huggingface_json_sections(tokenizer, tmp_path):
    path = tmp_path / "tokenizer.json"
    tokenizer.save(path)
    data = json.loads(path.read_text())
    assert data["truncation"]["max_length"] == 8
    assert data["padding"]["strategy"] == {"Fixed": 8}
    assert data["padding"]["pad_id"] == 0
    assert data["model"]["type"] == "WordLevel"
    assert data["model"]["unk_token"] == "<unk>"
    assert data["pre_tokenizer"] == {"type": "Whitespace"}
    assert data["post_processor"]["special_tokens"]["<eos>"]["ids"] == [3]
    assert WordTokenizer.load(path).vocab == tokenizer.vocab


def test_state_round_trip(tokenizer):
    restored = WordTokenizer.from_state(tokenizer.state())
    assert restored.vocab == tokenizer.vocab
    assert restored.max_length == tokenizer.max_length
