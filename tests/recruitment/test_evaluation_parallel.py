"""One evaluation token sent from two tabs at the same moment (PostgreSQL, real transactions).

Not marked django_db: the two threads must see committed rows, so this works on the committed demo
data and cleans up after itself.
"""

import threading

import pytest
from django.db import connection, connections

from recruitment.models import EvaluationResponse, EvaluationToken
from recruitment.services import audit, evaluation

from .conftest import demo_case


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="needs PostgreSQL: SQLite has one writer at a time (the sequential tests cover it)")
def test_one_token_sent_twice_at_the_same_moment_counts_once(django_db_setup, django_db_blocker):
    """Two tabs submit the same questionnaire at once: one response is stored, the other refused."""
    with django_db_blocker.unblock():
        case = demo_case()
        (token,) = evaluation.issue_tokens(case, evaluation.PARTICIPANT, 1)
        barrier, stored, refused, errors = threading.Barrier(2), [], [], []

        def work():
            try:
                barrier.wait(timeout=10)
                stored.append(evaluation.submit(token, {"heard": 4}).pk)
            except audit.RecruitmentError as exc:
                refused.append(str(exc))
            except Exception as exc:
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=work) for _ in range(2)]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            assert not errors, errors
            assert (len(stored), len(refused)) == (1, 1), refused
            assert EvaluationResponse.objects.filter(case=case).count() == 1
        finally:
            EvaluationResponse.objects.filter(case=case).delete()
            EvaluationToken.objects.filter(case=case).delete()
