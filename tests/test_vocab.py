"""The paper's names, declared once: each family complete, ordered as the paper orders it, and
no name used for two concepts."""

from __future__ import annotations

import csv
from pathlib import Path

from livekit import vocab

DATA = Path(__file__).resolve().parent.parent / "data"


def _column(table: str, name: str) -> list[str]:
    with (DATA / f"{table}.csv").open(encoding="utf-8") as f:
        return [row[name] for row in csv.DictReader(f)]


def test_the_path_walks_the_four_modules_of_table_1_in_order():
    assert vocab.STAGES == vocab.MODULES
    assert list(vocab.MODULE_NAMES) == list(vocab.MODULES)
    assert _column("value_modules", "module") == list(vocab.MODULES)


def test_the_canvas_has_nine_blocks_each_in_one_module():
    assert len(vocab.BLOCKS) == len(set(vocab.BLOCKS)) == 9
    assert sorted(_column("canvas_blocks", "block")) == sorted(vocab.BLOCKS)
    assert set(_column("canvas_blocks", "module")) == set(vocab.MODULES)


def test_the_tiers_are_named_apart_from_the_papers_classes():
    assert len(vocab.SELLER_CLASSES) == len(vocab.TIERS) == 4
    assert not set(vocab.SELLER_CLASSES) & set(vocab.TIERS)
    assert not any(c in t for c in vocab.SELLER_CLASSES for t in vocab.TIERS)
    assert vocab.CLASS_NAMES == {"quadrant": vocab.SELLER_CLASSES, "tiered": vocab.TIERS}
    assert tuple(vocab.CLASS_NAMES) == vocab.CLASS_MODELS


def test_each_name_means_one_concept():
    families = [
        vocab.MODULES,
        vocab.BLOCKS,
        vocab.CHAINS,
        vocab.SELLER_CLASSES,
        vocab.TIERS,
        vocab.CLASS_MODELS,
        vocab.SWITCHES,
    ]
    names = [n for family in families for n in family]
    assert len(names) == len(set(names))
    # a stage-map row of kind "revenue" or "cost" is an item of that chain: the same concept
    assert set(vocab.STAGE_KINDS) & set(names) == set(vocab.CHAINS)
    assert list(vocab.BUSINESS_MODEL_NAMES) == list(vocab.BUSINESS_MODELS)


def test_every_declared_name_is_exported():
    public = {n for n in dir(vocab) if n.isupper()}
    assert public == set(vocab.__all__)
