import factory

from accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    display_name = factory.Faker("name", locale="vi_VN")
    role = User.Role.PUPIL
    password = factory.PostGenerationMethodCall("set_password", "a-Strong-test-passw0rd")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UserFactory):
    role = User.Role.CENTRE_STAFF
    is_staff = True


class LeaderUserFactory(UserFactory):
    role = User.Role.LEADER
