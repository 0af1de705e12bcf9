"""The static encoder: the shipped model loads from plain arrays, checks its stamp, and matches model2vec's recipe."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from infoquest.errors import ModelError
from infoquest.static_encoder import StaticEncoder


@pytest.fixture(scope="module")
def encoder() -> StaticEncoder:
    return StaticEncoder()


def test_vectors_are_unit_length_and_batch_independent(encoder: StaticEncoder) -> None:
    texts = ["How do people in your work handle burnout?", "night shifts", "What is the outlook?"]
    together = encoder.encode(texts)
    assert together.dtype == np.float32 and together.shape == (3, encoder.dimension)
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, rtol=1e-5)
    alone = np.vstack([encoder.encode([t]) for t in texts])
    np.testing.assert_array_equal(together, alone)  # bit for bit: a profile's vectors never depend on its batch


def test_texts_of_every_length_match_the_reference_in_any_batch(encoder: StaticEncoder) -> None:
    # Short texts are summed together, one word piece position at a time; a text past 512 pieces on its own.
    tokenizer, table, unk, _ = encoder._load()
    words = ["nurse", "burnout", "shifts", "pricing", "bids", "cash", "flow", "hiring", "apprenticeship", "Cantonese"]
    texts = [" ".join(words[: 1 + i % len(words)] * (1 + i)) for i in range(12)] + [" ".join(words * 80), ""]
    out = encoder.encode(texts)
    for text, row in zip(texts, out, strict=True):
        ids = [i for i in tokenizer.encode(text, add_special_tokens=False).ids if i != unk]
        reference = table[ids].astype(np.float64).mean(axis=0) if ids else np.zeros(table.shape[1])
        norm = np.linalg.norm(reference)
        np.testing.assert_allclose(row, reference / norm if norm else reference, atol=1e-6)
    assert len(tokenizer.encode(texts[-2], add_special_tokens=False).ids) > 512
    np.testing.assert_array_equal(encoder.encode(texts[::-1]), out[::-1])
    np.testing.assert_array_equal(encoder.encode(texts[5:7]), out[5:7])


def test_word_piece_counts_match_the_tokenizer_exactly(encoder: StaticEncoder) -> None:
    # Plain text is counted from the vocabulary, word by word; anything else goes through the tokenizer.
    tokenizer, _, unk, _ = encoder._load()
    texts = [
        "Charge nurse, PICU (2019–2023): led 12-bed unit; cut falls 30%.",
        "José’s résumé — “naïve” café owner · bilingual in Cantonese…",
        "C++/Python e-mail __init__ #1 U.S. don't",
        "[CLS] a [UNK] b [SEP] [cls] [ MASK ]",  # the tokenizer's own tokens, matched before splitting
        "İstanbul ıı ſ × ÷",  # capitals that lower to two characters
        "tab\tand\x0bcontrol\x00characters\u00a0nbsp\u2028line",
        "中文 and Ærø",
        "x" * 120 + " " + "é" * 101,  # longer than a word may be: unknown
        "",
        "   ",
    ]
    expected = [sum(1 for i in tokenizer.encode(t, add_special_tokens=False).ids if i != unk) for t in texts]
    assert encoder.count_tokens_many(texts) == expected
    assert [encoder.count_tokens(t) for t in texts] == expected
    counter = encoder._counter()
    assert counter is not None
    assert counter.pieces(texts[0]) is not None and counter.pieces(texts[1]) is not None  # the fast path ran
    assert counter.pieces(texts[5]) is None and counter.pieces(texts[6]) is None  # the tokenizer's


def test_a_tokenizer_that_is_not_bert_s_is_counted_by_the_tokenizer(tmp_path: Path, encoder: StaticEncoder) -> None:
    from tokenizers import Tokenizer, models, pre_tokenizers

    tokenizer = Tokenizer(models.WordLevel({"[UNK]": 0, "nurse": 1, "burnout": 2}, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.save(str(tmp_path / "tokenizer.json"))
    custom = StaticEncoder.from_table(np.eye(3, 4, dtype=np.float32), tmp_path / "tokenizer.json")
    assert custom._counter() is None
    assert custom.count_tokens_many(["nurse burnout", "nurse, unknown!"]) == [2, 1]


def test_a_text_with_no_known_word_is_a_zero_row(encoder: StaticEncoder) -> None:
    out = encoder.encode(["", "   ", "burnout"])
    assert not out[0].any() and not out[1].any() and out[2].any()
    assert encoder.encode([]).shape == (0, encoder.dimension)


def test_the_mean_of_word_vectors_is_what_it_computes(encoder: StaticEncoder) -> None:
    # Brute-force reference: look up each word piece's row and average, then normalise.
    tokenizer, table, unk, _ = encoder._load()
    text = "Does being bilingual in Cantonese help?"
    ids = [i for i in tokenizer.encode(text, add_special_tokens=False).ids if i != unk]
    reference = table[ids].astype(np.float64).mean(axis=0)  # the table is stored as float16
    reference /= np.linalg.norm(reference)
    np.testing.assert_allclose(encoder.encode([text])[0], reference, atol=1e-6)


def test_related_texts_are_closer_than_unrelated_ones(encoder: StaticEncoder) -> None:
    burnout, exhausted, tax = encoder.encode(["burnout", "feeling exhausted from long shifts", "corporate tax law"])
    assert burnout @ exhausted > burnout @ tax


def test_a_damaged_model_is_a_clear_error(tmp_path: Path, encoder: StaticEncoder) -> None:
    folder = tmp_path / "static"
    shutil.copytree(encoder.folder, folder)
    table = np.load(folder / "embeddings.npy")
    buffer = io.BytesIO()
    np.save(buffer, table[:-1])  # one row short: its checksum no longer matches
    (folder / "embeddings.npy").write_bytes(buffer.getvalue())
    with pytest.raises(ModelError, match="checksum"):
        StaticEncoder(folder).encode(["x"])
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "format": 99}))
    with pytest.raises(ModelError, match="config format"):
        StaticEncoder(folder).encode(["x"])


def test_the_table_stays_float16_and_memory_mapped(encoder: StaticEncoder) -> None:
    # A float32 copy of the whole table would add about 45 MB to every cold command.
    _, table, _, _ = encoder._load()
    assert table.dtype == np.float16
    assert isinstance(table, np.memmap)
    assert encoder.encode(["night shifts"]).dtype == np.float32
