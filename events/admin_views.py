"""Admin views for an event's organisers: registrations (list, CSV, XLSX), small groups (form, print,
reassign), challenge moderation and the priority ballot. Each view checks `organisers.organises`;
every view of personal data writes an audit entry with counts (events/audit.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import audit, engagement, exports, organisers
from .models import Challenge, EventPage, Registration, SmallGroup, Topic
from .services import EventError, cancel, fill_places


class EventsIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "events/admin/index.html"
    page_title = gettext_lazy("Veranstaltungen: Anmeldungen")
    header_icon = "date"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for event in organisers.organised_events(self.request.user):
            counts = {status: 0 for status, _label in Registration.STATUSES}
            for status in Registration.objects.filter(event=event).values_list("status", flat=True):
                counts[status] += 1
            rows.append({"event": event, **counts})
        context["rows"] = rows
        return context


class EventView(WagtailAdminTemplateMixin, TemplateView):
    """Base: the event of the URL, in the default language, if the user organises it."""

    header_icon = "date"

    def dispatch(self, request, pk, *args, **kwargs):
        self.event = get_object_or_404(EventPage, pk=pk).canonical
        if not organisers.organises(request.user, self.event):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.event.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        return context

    def back(self, name):
        return redirect(reverse(name, args=[self.event.pk]))


class RegistrationsView(EventView):
    template_name = "events/admin/registrations.html"
    page_title = gettext_lazy("Anmeldungen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        regs = list(Registration.objects.filter(event=self.event).select_related("group"))
        audit.audit(self.event, audit.ACTION_VIEW, self.request.user, count=len(regs))
        context["registrations"] = regs
        context["confirmed"] = sum(r.status == Registration.CONFIRMED for r in regs)
        context["waiting"] = sum(r.status == Registration.WAITING for r in regs)
        return context

    def post(self, request, *args, **kwargs):
        """Cancel for someone who called in (the first waiting person moves up), or mark or unmark a
        confirmed person as a moderator."""
        reg = get_object_or_404(Registration, pk=request.POST.get("registration"), event=self.event)
        if request.POST.get("action") == "cancel":
            moved = cancel(reg, request)
            audit.audit(self.event, audit.ACTION_CANCEL, request.user, count=1)
            messages.success(request, _("Abgesagt.") + (" " + _("Die erste Person der Warteliste ist nachgerückt.")
                                                        if moved else ""))
        else:
            reg.is_moderator = request.POST.get("moderator") == "1"
            reg.save(update_fields=["is_moderator"])
        return self.back("events_registrations")


def _export(request, pk, kind):
    event = get_object_or_404(EventPage, pk=pk).canonical
    if not organisers.organises(request.user, event):
        raise PermissionDenied
    if kind == "csv":
        body, count = exports.as_csv(event)
        response = HttpResponse(body.encode("utf-8"), content_type="text/csv; charset=utf-8")
        action = audit.ACTION_EXPORT_CSV
    else:
        body, count = exports.as_xlsx(event)
        response = HttpResponse(
            body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        action = audit.ACTION_EXPORT_XLSX
    response["Content-Disposition"] = f'attachment; filename="anmeldungen-{event.pk}.{kind}"'
    response["Cache-Control"] = "no-store"
    audit.audit(event, action, request.user, count=count)
    return response


def export_csv(request, pk):
    return _export(request, pk, "csv")


def export_xlsx(request, pk):
    return _export(request, pk, "xlsx")


class GroupsView(EventView):
    template_name = "events/admin/groups.html"
    page_title = gettext_lazy("Kleingruppen")
    print_version = False

    def get_template_names(self):
        return ["events/admin/groups_print.html"] if self.print_version else [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = list(SmallGroup.objects.filter(event=self.event).prefetch_related("members", "challenges"))
        members = [m for g in groups for m in g.members.all()]
        unassigned = list(Registration.objects.filter(event=self.event, status=Registration.CONFIRMED,
                                                      group__isnull=True))
        audit.audit(self.event, audit.ACTION_GROUP_LIST, self.request.user, count=len(members) + len(unassigned))
        context.update({"groups": groups, "unassigned": unassigned,
                        "confirmed": [m for m in members if m.status == Registration.CONFIRMED] + unassigned,
                        "modes": EventPage.GROUPINGS})
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "form":
            try:
                size = int(request.POST.get("size") or self.event.group_size)
            except ValueError:
                size = self.event.group_size
            mode = request.POST.get("mode") or self.event.grouping
            groups = engagement.form_groups(self.event, request.POST.get("seed", ""), request.user,
                                            size=max(size, 2), mode=mode)
            messages.success(request, _("%(count)s Kleingruppen gebildet.") % {"count": len(groups)})
        elif request.POST.get("action") == "result":
            group = get_object_or_404(SmallGroup, pk=request.POST.get("group"), event=self.event)
            group.topic = request.POST.get("topic", "")[:200]
            group.result = request.POST.get("result", "")
            group.save(update_fields=["topic", "result"])
            messages.success(request, _("Thema und Ergebnis gespeichert."))
        elif request.POST.get("action") == "reassign":
            reg = get_object_or_404(Registration, pk=request.POST.get("registration"), event=self.event)
            group = SmallGroup.objects.filter(pk=request.POST.get("group") or 0, event=self.event).first()
            engagement.reassign(reg, group, request.user)
            messages.success(request, _("Zuordnung geändert."))
        return self.back("events_groups")


class ChallengesView(EventView):
    template_name = "events/admin/challenges.html"
    page_title = gettext_lazy("Lokale Herausforderungen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["challenges"] = Challenge.objects.filter(event=self.event).prefetch_related("groups", "matches")
        context["groups"] = SmallGroup.objects.filter(event=self.event)
        context["offers"] = Challenge.objects.filter(event=self.event, kind=Challenge.OFFER)
        return context

    def post(self, request, *args, **kwargs):
        challenge = get_object_or_404(Challenge, pk=request.POST.get("challenge"), event=self.event)
        action = request.POST.get("action")
        if action in ("approve", "reject"):
            engagement.moderate(challenge, action == "approve", request.user)
        elif action == "link":
            challenge.groups.set(SmallGroup.objects.filter(event=self.event, pk__in=request.POST.getlist("groups")))
            if challenge.kind == Challenge.PROBLEM:
                challenge.matches.set(Challenge.objects.filter(event=self.event, kind=Challenge.OFFER,
                                                               pk__in=request.POST.getlist("matches")))
        return self.back("events_challenges")


class BallotView(EventView):
    template_name = "events/admin/ballot.html"
    page_title = gettext_lazy("Prioritätenliste")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"], context["ballots"] = engagement.results(self.event)
        context["topics"] = Topic.objects.filter(event=self.event)
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "topic" and request.POST.get("title", "").strip():
            Topic.objects.create(event=self.event, title=request.POST["title"].strip()[:200],
                                 description=request.POST.get("description", ""),
                                 sort_order=Topic.objects.filter(event=self.event).count())
        elif action == "publish":
            try:
                engagement.publish_results(self.event, request.user)
                messages.success(request, _("Das Ergebnis ist auf der Veranstaltungsseite veröffentlicht."))
            except EventError as error:
                messages.error(request, str(error))
        return self.back("events_ballot")


def fill_from_waiting_list(request, pk):
    """After raising the capacity: move people up from the waiting list."""
    event = get_object_or_404(EventPage, pk=pk).canonical
    if not organisers.organises(request.user, event) or request.method != "POST":
        raise PermissionDenied
    fill_places(event, request)
    return redirect(reverse("events_registrations", args=[event.pk]))
