import pytest

from tests.partnerships import factories as partners
from tests.pressroom import factories as press

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/en/search/?q=canal", "/en/search/?q=canal&kind=press-release&page=1"]
)
def test_the_number_of_queries_does_not_grow_with_the_results(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    for n in range(3):
        press.release(title=f"Canal {n}")
    partners.partnership(city=partners.city("Canal City"))
    few = count()
    for n in range(3, 60):
        press.release(title=f"Canal {n}")
    for n in range(5):
        partners.partnership(city=partners.city(f"Canal {n}"))

    assert count() == few
    assert few <= 4
