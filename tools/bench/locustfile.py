"""Locust's readers for the benchmark when wrk is not installed.

Each simulated reader asks for BENCH_PATH again and again, without pause, as
wrk's connections do.
"""

import os

from locust import FastHttpUser, constant, task


class Reader(FastHttpUser):
    wait_time = constant(0)

    @task
    def read(self) -> None:
        self.client.get(
            os.environ["BENCH_PATH"],
            name="page",
            headers={"Accept-Encoding": os.environ["BENCH_ENCODING"]},
        )
