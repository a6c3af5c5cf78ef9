import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from tests.factories.accounts import StaffFactory, UserFactory


@pytest.fixture(autouse=True)
def _english_messages():
    """Direct calls (block.clean, forms) give English messages; requests still pick their
    language from the URL."""
    with translation.override("en"):
        yield


@pytest.fixture
def centre_editor(db):
    """Centre staff in the "Centre editors" group the cms data migration creates."""
    user = StaffFactory(username="editor")
    user.groups.add(Group.objects.get(name="Centre editors"))
    return user


@pytest.fixture
def contributor(db):
    user = UserFactory(username="contributor")
    user.groups.add(Group.objects.get(name="Material contributors"))
    return user
