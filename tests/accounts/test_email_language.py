"""E-mails are written in the language of the page the reader asked from."""

import pytest
from django.core import mail

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "subject", "line"),
    [
        ("", "Lá Lành", "Nếu không phải bạn"),
        ("/fr", "Réinitialiser votre mot de passe Lá Lành", "Si ce n'était pas vous"),
        ("/ar", "إعادة تعيين كلمة مرورك في Lá Lành", "إن لم تكن أنت"),
    ],
)
def test_the_password_reset_mail_follows_the_page_language(client, prefix, subject, line):
    UserFactory(email="reader@example.org")
    response = client.post(f"{prefix}/accounts/password/reset/", {"email": "reader@example.org"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert subject in message.subject
    assert line in message.body
