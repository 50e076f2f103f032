"""After the workshop in the admin: the evaluation and the public composition (mounted in wagtail_hooks).

One page per case: hand out the questionnaire (participants' e-mails, a printed sheet of codes,
links for the MdB's team), the aggregated results of both roles with the comments (admin only,
never published), publishing them, and the funnel pool → invited → accepted → attended by
cohort and sex with the button that publishes it. Codes are shown once, in the response to the
POST that made them (never cached), and never stored in plain text.
"""

from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from .. import pdf, publishing
from ..logic import codes
from ..services import evaluation
from ..services.audit import RecruitmentError
from .base import CaseTemplateView, PostOnlyMixin, case_slug, case_url, private_download


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def _count(request, default=1):
    """The number of codes asked for, or None if it is not a number from 1 to MAX_TOKENS."""
    try:
        count = int(request.POST.get("count", default))
    except (TypeError, ValueError):
        return None
    return count if 1 <= count <= evaluation.MAX_TOKENS else None


def funnel_rows(data):
    """The funnel as table rows: per cohort one row per stage, cells by sex and a total."""
    if data is None:
        return []
    rows = []
    for cohort in data["cohorts"]:
        stages = []
        for stage in evaluation.STAGES:
            by_sex = cohort["stages"][stage]["by_sex"]
            stages.append({"label": evaluation.STAGE_LABELS[stage],
                           "cells": [by_sex[sex] if by_sex is not None else None for sex in evaluation.SEXES],
                           "total": cohort["stages"][stage]["total"]})
        rows.append({"label": cohort["label"], "seats": cohort["seats"], "stages": stages})
    return rows


class EvaluationView(CaseTemplateView):
    template_name = "recruitment/evaluation.html"
    action_label = _("Evaluation und Zusammensetzung")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        council = case.council
        results = evaluation.aggregate(case)
        for role, counts in evaluation.token_counts(case).items():
            results[role]["tokens"] = counts
        record = publishing.record_of(case)
        data = evaluation.funnel(case)
        context.update({
            "council": council,
            "public_url": council.get_url(self.request) if council and council.live else None,
            "held": evaluation.workshop_held(case),
            "due": evaluation.evaluation_due(case),
            "attendance": evaluation.attendance(case),
            "mailing": evaluation.last_mailing(case),
            "results": [results[role] for role in evaluation.QUESTIONS],
            "scale": [(value, gettext(label)) for value, label in evaluation.SCALE],
            "min_responses": evaluation.MIN_RESPONSES,
            "max_tokens": evaluation.MAX_TOKENS,
            "entry_url": evaluation.entry_url(),
            "record": record,
            "funnel": data,
            "funnel_rows": funnel_rows(data),
            "sexes": [evaluation.SEX_LABELS[sex] for sex in evaluation.SEXES],
        })
        return context

    def back(self):
        return redirect(case_url("evaluation", self.case))

    def count_error(self):
        messages.error(self.request, _("Bitte eine Anzahl von 1 bis %(max)d angeben.")
                       % {"max": evaluation.MAX_TOKENS})
        return self.back()


class ReportView(EvaluationView):
    """The evaluation report as a tagged PDF (PDF/UA-1): results of both roles (no comments) and the
    funnel, in German, set in the shipped fonts."""

    def get(self, request, *args, **kwargs):
        with translation.override("de"):
            context = self.get_context_data(**kwargs)
            council = context["council"]
            context.update({"language": "de", "title": council.title if council else self.case.title,
                            "today": timezone.localdate()})
            data = pdf.render_tagged_pdf("recruitment/pdf/evaluation_report.html", context,
                                         stylesheets=["pdf/report.css"])
        return private_download(data, f"evaluationsbericht-{case_slug(self.case)}.pdf")


class SendView(PostOnlyMixin, EvaluationView):
    """E-mails with a fresh code to every participant who came and gave an address (once)."""

    def post(self, request, *args, **kwargs):
        try:
            result = evaluation.send_participant_invitations(self.case, request.user)
        except RecruitmentError as exc:
            messages.error(request, str(exc))
            return self.back()
        messages.success(request, _("E-Mails verschickt: %(sent)d. Nicht zustellbar: %(failed)d. Ohne "
                                    "E-Mail-Adresse: %(without)d (für sie: Zugangscodes drucken).")
                         % {"sent": result["sent"], "failed": result["failed"],
                            "without": result["without_email"]})
        return self.back()


class PrintView(PostOnlyMixin, EvaluationView):
    """A printable sheet of codes (one slip each) for participants without e-mail."""

    def post(self, request, *args, **kwargs):
        count = _count(request)
        if count is None:
            return self.count_error()
        tokens = evaluation.issue_print_tokens(self.case, count, request.user)
        council = self.case.council
        return _no_store(render(request, "recruitment/evaluation_print.html", {
            "case": self.case, "title": council.title if council else self.case.title,
            "entry_url": evaluation.entry_url("de"),
            "slips": [{"code": codes.formatted(code), "link": evaluation.form_url(code, "de")}
                      for code in tokens],
        }))


class TeamLinksView(PostOnlyMixin, EvaluationView):
    """Links for the MdB's team: shown once on the evaluation page."""

    def post(self, request, *args, **kwargs):
        count = _count(request)
        if count is None:
            return self.count_error()
        tokens = evaluation.issue_team_tokens(self.case, count, request.user)
        context = self.get_context_data(**kwargs)
        context["new_links"] = [evaluation.form_url(code, "de") for code in tokens]
        return _no_store(self.render_to_response(context))


class PublishView(PostOnlyMixin, EvaluationView):
    def post(self, request, *args, **kwargs):
        try:
            evaluation.publish(self.case, request.user)
            messages.success(request, _("Die Ergebnisse der Evaluation stehen jetzt auf der Seite des "
                                        "Wahlkreisrats (ohne Kommentare)."))
        except RecruitmentError as exc:
            messages.error(request, str(exc))
        return self.back()


class UnpublishView(PostOnlyMixin, EvaluationView):
    def post(self, request, *args, **kwargs):
        evaluation.unpublish(self.case, request.user)
        messages.success(request, _("Die Ergebnisse der Evaluation sind nicht mehr öffentlich."))
        return self.back()


class CompositionView(PostOnlyMixin, EvaluationView):
    def post(self, request, *args, **kwargs):
        try:
            record = evaluation.publish_composition(self.case, request.user)
            messages.success(request, _("Zusammensetzung veröffentlicht: %(count)d Teilnehmende (kleine "
                                        "Zahlen blendet die Seite aus).")
                             % {"count": record.participant_count})
        except RecruitmentError as exc:
            messages.error(request, str(exc))
        return self.back()
