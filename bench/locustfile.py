"""The load run's visitors (bench/load.py writes their plan and starts locust on this file).

Four kinds of people at once: anonymous visitors of the public register and its API, and
signed-in workers, commissioners and union representatives, each with a session made directly
(no sign-in form, so a second factor some roles may need later does not matter). Each request is
named by who asked and what for, so the figures come out per kind of request.
"""

from __future__ import annotations

import json
import os
import random
from typing import Any

from locust import HttpUser, between, task

PLAN: dict[str, Any] = json.loads(os.environ.get("LLAIS_LOAD_PLAN", "{}") or "{}")


class _Visitor(HttpUser):
    abstract = True
    role = ""
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        plan = PLAN[self.role]
        cookie = plan.get("session")
        if cookie:
            self.client.cookies.set(plan["cookie_name"], cookie)
        self.pages: dict[str, str] = plan["pages"]

    @task
    def browse(self) -> None:
        name, path = random.choice(list(self.pages.items()))
        with self.client.get(path, name=f"{self.role}: {name}", catch_response=True) as reply:
            if reply.status_code != 200:
                reply.failure(f"HTTP {reply.status_code}")
            elif "/sign-in/" in reply.url:
                reply.failure("sent to sign in")


class Anonymous(_Visitor):
    role = "anonymous"
    weight = 4


class Worker(_Visitor):
    role = "worker"
    weight = 2


class Commissioner(_Visitor):
    role = "commissioner"
    weight = 1


class UnionRepresentative(_Visitor):
    role = "union_rep"
    weight = 1
