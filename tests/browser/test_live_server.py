from .conftest import OneRequestAtATime


def test_the_live_server_answers_one_request_at_a_time(live_server):
    assert isinstance(live_server.thread.httpd, OneRequestAtATime)
