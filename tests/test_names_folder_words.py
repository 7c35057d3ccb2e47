"""Folder-wide grouping: words that are not a person's surname stay apart, and the
folder's own spelling of a surname wins over one used once."""

from __future__ import annotations

from normalize.document import Document
from normalize.entities import MentionTable, collect_mentions
from normalize.grouping import Listed, group


def _entities(texts: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Each spelling -> (its entity's canonical form, its relation)."""
    table = MentionTable.merge(collect_mentions(Document.from_text(t, p))
                               for p, t in texts.items())
    return {form.text: (" ".join(e.canonical), relation)
            for e in group(table, Listed()) for form, relation in e.members}


def test_a_noun_for_people_is_no_transliterated_surname():
    found = _entities({
        "a.txt": "The runner Fionnualla Britton won in Dublin.\n",
        "b.txt": "The Briton took the title. Briton Joe Bloggs was second.\n",
    })
    assert found["Briton"] == ("Briton", "same")


def test_a_place_is_no_transliterated_surname():
    found = _entities({
        "a.txt": "The Spaniard Jordi Arrese lost in Paris.\n",
        "b.txt": "Fiat will close the plant at Arese, near Milan.\n",
    })
    assert found["Arese"] == ("Arese", "same")


def test_a_transliterated_surname_still_joins_its_person():
    found = _entities({
        "a.txt": "The Polish director Pawel Pawlikowski won.\n",
        "b.txt": "Films by Pavlikowsky were shown.\n",
    })
    assert found["Pavlikowsky"] == ("Pawel Pawlikowski", "surname")


def test_the_surname_the_folder_uses_most_is_the_canonical_one():
    found = _entities({
        "a.txt": "Grigoris Ioanidis, the coach, spoke. Ioanidis said more.\n",
        "b.txt": "Ioannidis said the team was ready. Later Ioannidis left.\n",
        "c.txt": "The coach Ioannidis was pleased.\n",
    })
    assert found["Grigoris Ioanidis"][0] == "Grigoris Ioannidis"
    assert found["Ioannidis"] == ("Grigoris Ioannidis", "surname")
