from __future__ import annotations

from infoquest.chunking import chunk_text


def words(text: str) -> int:
    return len(text.split())


def test_chunks_respect_the_budget_and_keep_every_word():
    text = "\n".join(f"Line {i} says something about work number {i}." for i in range(200))
    chunks = chunk_text(text, words, 50)
    assert all(words(c) <= 50 for c in chunks)
    assert " ".join(chunks).split() == " ".join(text.split()).split()
    assert len(chunks) > 1


def test_a_single_huge_line_is_cut_by_words():
    text = "word " * 1000
    chunks = chunk_text(text, words, 100)
    assert all(words(c) <= 100 for c in chunks)
    assert sum(words(c) for c in chunks) == 1000


def test_blank_text_has_no_chunks():
    assert chunk_text("  \n\n ", words, 100) == []
