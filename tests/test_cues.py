"""The scheme's cue features: what they detect, and the scikit-learn estimator contract."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.utils import estimator_checks

from newstag.cues import FLAG_NAMES, LEXICONS, CueAnalyzer, CueFlags, cue_sequence, load_lexicons
from newstag.features import cue_tfidf, scheme


def flags(text: str) -> set[str]:
    row = CueFlags().fit([text]).transform([text]).toarray()[0]
    return {name for name, value in zip(FLAG_NAMES, row) if value}


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "Officials said at least 17 people were killed in the blast.",
            {"qty_near_harm", "qty_people_harm", "speech"},
            {"hedge"},
        ),
        ("No civilians were harmed in the strike, the army said.", {"zero_count"}, set()),
        (
            "Residents said the convoy included about 30 trucks.",
            {"qty_near_thing"},
            {"qty_near_harm"},
        ),
        ("A 19-year-old was arrested on Monday.", {"age"}, set()),
        ("The rebels reportedly seized the airport.", {"hedge"}, {"noun_hedge_only"}),
        ("Suspected militants attacked a checkpoint.", {"noun_hedge_only"}, {"hedge"}),
        ("It was not immediately clear who fired first.", {"unclear", "hedge"}, set()),
        ("The army denied reports that it had shelled the camp.", {"deny_reports"}, set()),
        (
            "The interior ministry ordered all checkpoints closed.",
            {"authority", "decision", "auth_near_decision"},
            {"appeal_no_decision"},
        ),
        (
            "The envoy urged both sides to return to talks.",
            {"appeal", "appeal_no_decision"},
            {"decision"},
        ),
        ("The fighting could spread to the south.", {"forecast"}, {"hedge"}),
        (
            '"We will not take them back," the minister said.',
            {"quote", "starts_with_quote", "we_will"},
            set(),
        ),
        ("Eight killed in car bomb", {"no_final_stop", "short", "qty_near_harm"}, set()),
        (
            "The minister said the government would close the border crossings.",
            {"commitment", "auth_near_commitment", "speech_and_commitment"},
            set(),
        ),
        (
            "Villagers vowed to rebuild the mosque.",
            {"commitment"},
            {"auth_near_commitment", "speech_and_commitment"},
        ),
        ("The minister said talks were going well.", {"speech"}, {"commitment"}),
        ("14:05 GMT - Shelling resumed.", {"timestamp"}, set()),
        ("reporter: the town is quiet tonight.", {"speaker_turn", "all_lower"}, set()),
    ],
)
def test_flags_fire_on_their_cue(text, present, absent):
    found = flags(text)
    assert present <= found, present - found
    assert not absent & found, absent & found


def test_cue_sequence_abstracts_words_into_classes():
    text = "The army said 23 suspects were detained."
    assert cue_sequence(text) == ["_", "AUTH", "SPEECH", "NUM", "PEOPLE", "_", "HARM"]
    analyzer = pickle.loads(pickle.dumps(CueAnalyzer((1, 2))))
    assert "NUM PEOPLE" in analyzer(text)


def test_lexicons_come_from_config_directory(tmp_path):
    for name in LEXICONS:
        (tmp_path / f"{name}.txt").write_text("# empty\n")
    (tmp_path / "harm.txt").write_text("zapped\n")
    assert load_lexicons(str(tmp_path))["zapped"] == {("zapped",): "HARM"}
    assert cue_sequence("Ten were zapped.", str(tmp_path)) == ["_", "HARM"]
    (tmp_path / "speech.txt").unlink()
    load_lexicons.cache_clear()
    with pytest.raises(FileNotFoundError, match="speech.txt: lexicon file missing"):
        load_lexicons(str(tmp_path))


def test_scheme_features_fit_in_a_pipeline(tiny_rows):
    texts = [r["text"] for r in tiny_rows]
    matrix = scheme().fit_transform(texts)
    assert matrix.shape[0] == len(texts) and matrix.shape[1] > len(FLAG_NAMES)
    cues = cue_tfidf(min_df=1).fit(texts)
    assert "QTY PEOPLE HARM" in cues.vocabulary_ or "NUM PEOPLE" in cues.vocabulary_


def test_flags_reject_non_text():
    with pytest.raises(ValueError, match="expects strings"):
        CueFlags().fit([1.0, 2.0])
    with pytest.raises(ValueError, match="not a single string"):
        CueFlags().fit("one sentence")


# scikit-learn runs no checks at all for estimators whose input is text (it skips
# TfidfVectorizer too); these are the API checks that do not need numeric input.
API_CHECKS = [
    estimator_checks.check_no_attributes_set_in_init,
    estimator_checks.check_parameters_default_constructible,
    estimator_checks.check_get_params_invariance,
    estimator_checks.check_set_params,
    estimator_checks.check_estimator_cloneable,
    estimator_checks.check_estimator_repr,
    estimator_checks.check_valid_tag_types,
]


@pytest.mark.parametrize("check", API_CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("estimator", [CueFlags(), CueFlags(window=2, scale=0.5)], ids=repr)
def test_estimator_contract(estimator, check):
    check(type(estimator).__name__, estimator)


def test_clone_refit_gives_same_output():
    texts = ["Two were killed.", "The court ruled.", "He said so."]
    first = CueFlags(window=3).fit(texts).transform(texts).toarray()
    second = clone(CueFlags(window=3)).fit(texts).transform(texts).toarray()
    assert (first == second).all()


def test_transform_is_stateless_and_shaped():
    model = CueFlags().fit(["One was killed."])
    out = model.transform(["Two were killed.", "The court ruled."]).toarray()
    assert out.shape == (2, len(FLAG_NAMES)) and np.isin(out, [0, 1]).all()
    assert list(model.get_feature_names_out())[:2] == ["cue_number", "cue_qty_near_harm"]
