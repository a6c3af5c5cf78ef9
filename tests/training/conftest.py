import pytest
from django.test import Client

from tests.factories.accounts import StaffFactory
from tests.factories.training import class_make


@pytest.fixture
def klass(db):
    return class_make()


@pytest.fixture
def staff_client(db):
    """A second browser: the participant's `client` keeps its own cookies."""
    staff = Client()
    staff.force_login(StaffFactory())
    return staff


APPLICANT = {
    "full_name": "Nguyễn Thị Thúy",
    "date_of_birth": "1990-05-17",
    "organisation": "UBND phường Hòa Khánh",
    "position": "Cộng tác viên",
    "phone": "0905 123 456",
    "email": "thuy@example.org",
    "consent": "on",
}


@pytest.fixture(autouse=True)
def _applicant_commune(db):
    """The shipped list of units (places.0002) gives the form's ward; its id is only
    known once the test database exists."""
    from places.models import Commune

    commune = Commune.objects.current().get(name="Phường Ninh Kiều")
    APPLICANT["commune"] = str(commune.pk)
