"""HC_VOCABULARY_IRI names the hc: namespace of every deployment: the check refuses what is no namespace."""

import pytest
from django.test import override_settings

from tests.test_settings_checks import check_errors


@pytest.mark.parametrize("value", ["w3id.org/hipcontent/vocab#", "https://w3id.org/hipcontent/vocab", None])
def test_a_malformed_vocabulary_iri_fails_the_check(value):
    with override_settings(HC_VOCABULARY_IRI=value):
        [error] = check_errors()
    assert error.startswith("?: (hipcontent.E006) HC_VOCABULARY_IRI: ")


@pytest.mark.parametrize("value", ["https://w3id.org/hipcontent/vocab#", "http://example.org/terms/"])
def test_a_namespace_iri_passes(value):
    with override_settings(HC_VOCABULARY_IRI=value):
        assert check_errors() == []
