"""The load balancers' health endpoint: ok when every shared part answers, 503 naming only the part."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

DB_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
            "recruitment": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

pytestmark = pytest.mark.django_db


def test_healthy_instance_answers_ok_and_nothing_else(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "storage": "ok",
                                                          "tasks": "ok"}}
    assert "no-cache" in response["Cache-Control"]


@override_settings(TASKS=DB_TASKS)
def test_a_register_import_waiting_too_long_means_no_worker(client):
    assert client.get("/health/").status_code == 200  # nothing queued
    task = DBTaskResult.objects.create(args_kwargs={"args": [], "kwargs": {}}, task_path="recruitment.tasks.x",
                                       backend_name="recruitment", run_after=timezone.now())
    assert client.get("/health/").status_code == 200  # just queued: the worker has time
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - datetime.timedelta(hours=1))
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["tasks"] == "fail"
    assert "recruitment.tasks" not in response.content.decode()
