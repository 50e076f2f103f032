"""Background tasks of the private side (django-tasks, backend alias "recruitment").

Arguments and results carry ids only: the queue (a database table in production) never holds
personal data, and failures are recorded on the ImportJob without the exception's message.
"""

from django_tasks import task

from .models import ImportJob
from .services import imports


@task(backend="recruitment")
def import_registry_task(job_id: str) -> None:
    imports.run_import_job_by_id(job_id)


def enqueue_import(job):
    """Queue the import of an uploaded extract (runs at once with the immediate backend)."""
    job.status, job.progress, job.stage = ImportJob.QUEUED, 0, ""
    job.save(update_fields=["status", "progress", "stage"])
    import_registry_task.enqueue(str(job.pk))
