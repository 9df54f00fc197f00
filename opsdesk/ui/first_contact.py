"""Stanowisko pierwszego kontaktu: intakes and their routing, applications, certificates,
appointments, and "Do odbioru" — documents waiting for clients at the desk (room 122)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.formatting import format_date
from opsdesk.labels import label
from opsdesk.models.enums import BenefitKind, Channel, ReporterKind
from opsdesk.services import desk, intake, users
from opsdesk.services.desk import CertificateRow, HandoverRow
from opsdesk.services.documents import document_pdf
from opsdesk.services.intake import ApplicationForm, IntakeForm, IntakeRow
from opsdesk.services.people import PersonRow
from opsdesk.ui.context import AppContext
from opsdesk.ui.errors import confirm
from opsdesk.ui.export import export_button
from opsdesk.ui.person_dialog import choose_person
from opsdesk.ui.tables import (
    RED,
    Column,
    RowsModel,
    make_table,
    reselect,
    row_actions,
    selected_row,
)
from opsdesk.ui.widgets import (
    FormDialog,
    checkbox,
    date_edit,
    enum_combo,
    html_text,
    line,
    push,
    scrolling,
    text_box,
    to_date,
)


class IntakeDialog(FormDialog):
    """Zgłoszenie: who reports, how, the problem in the worker's words, urgency."""

    def __init__(self, ctx: AppContext, person: PersonRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Nowe zgłoszenie — {person.full_name}", parent)
        self.person = person
        self.add("reporter_kind", "Zgłasza", enum_combo(list(ReporterKind)))
        self.add("reporter_name", "Zgłaszający (gdy nie sama osoba)", line(max_len=200))
        self.add("channel", "Forma zgłoszenia", enum_combo(list(Channel)))
        self.add("problem", "Opis problemu", text_box())
        self.add("urgent", "", checkbox("Sprawa pilna"))
        self.first_field = "problem"  # the person reports themself, in person, as a rule
        self.mark_pristine()

    def submit(self) -> None:
        form = IntakeForm(
            person_id=self.person.id, reporter_kind=self.field("reporter_kind").value(),
            reporter_name=self.field("reporter_name").text(),
            channel=self.field("channel").value(),
            problem=self.field("problem").toPlainText(),
            urgent=self.field("urgent").isChecked())
        self.save(lambda s: intake.register_intake(s, form, actor=self.ctx.actor),
                  changed=Changes.INTAKES)


# The most asked-for first, so the default is the usual case rather than zasiłek stały.
_COMMON = [BenefitKind.ZASILEK_OKRESOWY, BenefitKind.ZASILEK_CELOWY, BenefitKind.ZASILEK_STALY,
           BenefitKind.POSILEK, BenefitKind.USLUGI_OPIEKUNCZE]
APPLICATION_KINDS = _COMMON + [k for k in BenefitKind if k not in _COMMON]


class ApplicationDialog(FormDialog):
    """Wniosek: opens a case with its sign in Świadczenia's queue."""

    def __init__(self, ctx: AppContext, person: PersonRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Nowy wniosek — {person.full_name}", parent)
        self.person = person
        self.add("benefit_kind", "O co wnioskuje", enum_combo(APPLICATION_KINDS))
        self.add("filed_on", "Data złożenia", date_edit(object_name="filed_on"))
        self.add("channel", "Forma", enum_combo([Channel.IN_PERSON, Channel.LETTER]))
        self.add("description", "Treść wniosku", text_box())
        self.add("urgent", "", checkbox("Sprawa pilna (wywiad w ciągu 2 dni roboczych)"))
        self.mark_pristine()

    def submit(self) -> None:
        form = ApplicationForm(person_id=self.person.id,
                               benefit_kind=self.field("benefit_kind").value(),
                               filed_on=to_date(self.field("filed_on")),
                               channel=self.field("channel").value(),
                               description=self.field("description").toPlainText(),
                               urgent=self.field("urgent").isChecked())
        self.save(lambda s: intake.register_application(s, form, actor=self.ctx.actor),
                  changed=Changes.CASES)


class CertificateDialog(FormDialog):
    def __init__(self, ctx: AppContext, person: PersonRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Zaświadczenie — {person.full_name}", parent)
        self.person = person
        self.add("purpose", "Cel (do przedłożenia…)", line(max_len=300))
        # The statement is built from the records (kpa art. 218 § 1); this only adds to it.
        self.add("content", "Uwagi (świadczenia wpisze program z akt)", text_box())
        self.mark_pristine()

    def submit(self) -> None:
        purpose, content = self.field("purpose").text(), self.field("content").toPlainText()
        self.save(lambda s: desk.issue_certificate(
            s, actor=self.ctx.actor, person_id=self.person.id, purpose=purpose,
            content=content), changed=Changes.HANDOVERS)


class AppointmentDialog(FormDialog):
    def __init__(self, ctx: AppContext, person: PersonRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Spotkanie — {person.full_name}", parent)
        self.person = person
        worker = QComboBox()
        for w in ctx.read(self, lambda s: users.list_workers(s)) or []:
            worker.addItem(f"{w.full_name} ({', '.join(label(r) for r in sorted(w.roles))})",
                           w.id)
        self.add("worker", "Z kim", worker)
        when = QDateTimeEdit(QDateTime(clock.now()).addDays(1))
        when.setDisplayFormat("dd.MM.yyyy HH:mm")
        when.setCalendarPopup(True)
        self.add("starts_at", "Termin", when)
        self.add("purpose", "Cel spotkania", line(max_len=300))
        self.mark_pristine()

    def submit(self) -> None:
        starts = self.field("starts_at").dateTime().toPython().replace(second=0, microsecond=0)
        worker_id, purpose = self.field("worker").currentData(), self.field("purpose").text()
        self.save(lambda s: desk.make_appointment(
            s, actor=self.ctx.actor, person_id=self.person.id, worker_id=worker_id,
            starts_at=starts, purpose=purpose), changed=Changes.APPOINTMENTS)


class HandOverDialog(FormDialog):
    """"Wydano": to whom, with which ID document; today is the delivery date."""

    def __init__(self, ctx: AppContext, row: HandoverRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Wydanie: {row.title}", parent)
        self.row = row
        # What "Wydaj" does, said before it is done: the form is the one question asked.
        what = QLabel(f"Wydajesz: <b>{html_text(row.title)}</b> — {html_text(row.person_name)}."
                      f"<br>Data doręczenia: {format_date(clock.today())} (dziś).")
        what.setObjectName("handOverWhat")
        what.setWordWrap(True)
        self.form.addRow(what)
        self.add("handed_to", "Komu wydano", line(row.person_name, max_len=200))
        self.add("id_document", "Dokument tożsamości (seria i numer)", line(max_len=40))
        self.ok_button.setText("Wydaj")
        self.mark_pristine()

    def submit(self) -> None:
        to, doc = self.field("handed_to").text(), self.field("id_document").text()
        self.save(lambda s: desk.hand_over(
            s, self.row.id, actor=self.ctx.actor, handed_to=to, id_document=doc,
            expected_version=self.row.version), changed=Changes.HANDOVERS)


class InformDialog(FormDialog):
    def __init__(self, ctx: AppContext, row: IntakeRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Udzielono informacji — zamknięcie zgłoszenia", parent)
        self.row = row
        self.add("outcome", "Jakiej informacji udzielono", text_box())
        self.mark_pristine()

    def submit(self) -> None:
        text = self.field("outcome").toPlainText()
        self.save(lambda s: intake.close_with_information(
            s, self.row.id, text, actor=self.ctx.actor, expected_version=self.row.version),
            changed=Changes.INTAKES)


INTAKE_COLUMNS: list[Column[IntakeRow]] = [
    Column("Przyjęto", lambda r: r.received_at.strftime("%d.%m.%Y %H:%M"),
           sort_key=lambda r: r.received_at),
    Column("Osoba", lambda r: r.person_name),
    Column("Pilne", lambda r: "PILNE" if r.urgent else "", color=lambda r: RED if r.urgent
           else None),
    Column("Forma", lambda r: label(r.channel)),
    Column("Stan", lambda r: label(r.status)),
    Column("Problem", lambda r: r.problem.replace("\n", " ")[:120]),
]
HANDOVER_COLUMNS: list[Column[HandoverRow]] = [
    Column("Czeka od", lambda r: format_date(r.waiting_since), sort_key=lambda r: r.waiting_since),
    Column("Osoba", lambda r: r.person_name),
    Column("Dokument", lambda r: r.title),
    Column("Wydano", lambda r: f"{format_date(r.handed_on)} — {r.handed_to}" if r.handed_on
           else ""),
]
CERTIFICATE_COLUMNS: list[Column[CertificateRow]] = [
    Column("Numer", lambda r: r.number, sort_key=lambda r: r.id),
    Column("Data", lambda r: format_date(r.issued_on), sort_key=lambda r: r.issued_on),
    Column("Osoba", lambda r: r.person_name),
    Column("Cel", lambda r: r.purpose),
    Column("Wydał(a)", lambda r: r.issued_by),
]
APPOINTMENT_COLUMNS: list[Column[desk.AppointmentRow]] = [
    Column("Termin", lambda r: r.starts_at.strftime("%d.%m.%Y %H:%M"),
           sort_key=lambda r: r.starts_at),
    Column("Osoba", lambda r: r.person_name),
    Column("Pracownik", lambda r: r.worker_name),
    Column("Cel", lambda r: r.purpose),
]


class FirstContactTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("firstContactTab")
        self.intakes: RowsModel[IntakeRow] = RowsModel(INTAKE_COLUMNS, self)
        self.handovers: RowsModel[HandoverRow] = RowsModel(HANDOVER_COLUMNS, self)
        self.certificates: RowsModel[CertificateRow] = RowsModel(CERTIFICATE_COLUMNS, self)
        self.appointments: RowsModel[desk.AppointmentRow] = RowsModel(APPOINTMENT_COLUMNS, self)
        self.intake_view = make_table(self.intakes, object_name="intakeList")
        self.handover_view = make_table(self.handovers, object_name="handoverList")
        self.certificate_view = make_table(self.certificates, object_name="certificateList")
        self.appointment_view = make_table(self.appointments, object_name="appointmentList")
        self.lists = QTabWidget()
        self.lists.setObjectName("deskLists")
        self.lists.addTab(self.intake_view, "Zgłoszenia")
        self.lists.addTab(self.handover_view, "Do odbioru")
        self.lists.addTab(self.certificate_view, "Rejestr zaświadczeń")
        self.lists.addTab(self.appointment_view, "Spotkania")
        self.show_handed = checkbox("pokaż też wydane", object_name="showHanded")
        self.show_handed.toggled.connect(lambda _c: self.refresh())
        # "Do odbioru" searched by the client's name, PESEL or the document's number.
        self.handover_search = line(object_name="handoverSearch")
        self.handover_search.setPlaceholderText("Do odbioru: nazwisko, PESEL, numer…")
        self.handover_search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.search_handovers)
        self.handover_search.textChanged.connect(lambda _t: self._search_timer.start())
        self.handover_search.returnPressed.connect(self.search_handovers)

        self.detail = QLabel("Wybierz pozycję z listy.")
        self.detail.setObjectName("deskDetail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.route_benefits = push("Skieruj do Świadczeń", object_name="routeBenefits",
                                   slot=lambda: self.route(True, False), shortcut="Ctrl+1")
        self.route_social = push("Skieruj do pracy socjalnej", object_name="routeSocial",
                                 slot=lambda: self.route(False, True), shortcut="Ctrl+2")
        self.route_both = push("Skieruj do obu zespołów", object_name="routeBoth",
                               slot=lambda: self.route(True, True), shortcut="Ctrl+3")
        self.inform = push("Udzielono informacji…", object_name="inform", slot=self.close_informed,
                           shortcut="Ctrl+I")
        self.desk_interview = push("Wywiad na stanowisku", object_name="deskInterview",
                                   slot=self.start_desk_interview, shortcut="Ctrl+W")
        self.hand_over_button = push("Wydano…", object_name="handOver", slot=self.hand_over,
                                     shortcut="Ctrl+D")
        self.preview = push("Podgląd", object_name="preview", slot=self.preview_document,
                            shortcut="Ctrl+P")
        self.action_buttons = [self.route_benefits, self.route_social, self.route_both,
                               self.inform, self.desk_interview, self.hand_over_button,
                               self.preview]

        top = QHBoxLayout()
        for text, name, slot, key in (
                ("Nowe zgłoszenie…", "newIntake", self.new_intake, "Ctrl+N"),
                ("Nowy wniosek…", "newApplication", self.new_application, "Ctrl+Shift+N"),
                ("Zaświadczenie…", "newCertificate", self.new_certificate, "Ctrl+Shift+Z"),
                ("Umów spotkanie…", "newAppointment", self.new_appointment, "Ctrl+Shift+S"),
                ("Przyjmij wpłatę…", "takePayment", self.take_payment, "Ctrl+Shift+K")):
            top.addWidget(push(text, object_name=name, slot=slot, shortcut=key))
        top.addStretch(1)
        top.addWidget(self.handover_search)
        top.addWidget(self.show_handed)
        top.addWidget(export_button(ctx, self, lambda: (
            self.lists.currentWidget(), self.lists.tabText(self.lists.currentIndex()))))

        right = QWidget()
        right_layout = QVBoxLayout(right)
        # A long problem or a long list of routes scrolls in its pane; the actions below it
        # stay in place and on the screen (1366×768).
        self.detail_area = scrolling(self.detail)
        self.detail_area.setObjectName("deskDetailArea")
        right_layout.addWidget(self.detail_area, 1)
        for button in self.action_buttons:
            right_layout.addWidget(button)
        splitter = QSplitter()
        splitter.addWidget(self.lists)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        for view in (self.intake_view, self.handover_view, self.certificate_view,
                     self.appointment_view):
            view.selectionModel().selectionChanged.connect(lambda *_: self.update_detail())
            row_actions(view, lambda: self.action_buttons)
        self.lists.currentChanged.connect(lambda _i: self.update_detail())
        ctx.listen(Changes.INTAKES | Changes.HANDOVERS | Changes.CASES | Changes.APPOINTMENTS
                   | Changes.PERSONS | Changes.DECISIONS | Changes.PAYOUTS, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Read the lists again, each keeping its selected row: a colleague's change
        refreshes them while the clerk is looking at one."""
        views = (self.intake_view, self.handover_view, self.certificate_view,
                 self.appointment_view)
        chosen = [(view, selected_row(view)) for view in views]
        a, include = self.ctx.actor, self.show_handed.isChecked()
        self.intakes.set_rows(self.ctx.read(self, lambda s: intake.list_intakes(s, actor=a))
                              or [])
        query = self.handover_search.text()
        self.handovers.set_rows(self.ctx.read(self, lambda s: desk.waiting_documents(
            s, actor=a, include_handed=include, query=query)) or [])
        year = clock.now().year
        self.certificates.set_rows(self.ctx.read(self, lambda s: desk.certificate_register(
            s, actor=a, year=year)) or [])
        self.appointments.set_rows(self.ctx.read(self, lambda s: desk.upcoming_appointments(
            s, actor=a, since=clock.now() - timedelta(hours=1))) or [])
        for view, row in chosen:
            if row is not None:
                reselect(view, lambda r, was=row: r.id == was.id)
        # With nothing selected before or after, the detail keeps what it says ("Skierowano…"
        # after routing, which took the intake off the list).
        if self.current() is not None or any(row is not None for _view, row in chosen):
            self.update_detail()

    def search_handovers(self) -> None:
        """Show "Do odbioru", narrowed to what matches the words typed."""
        self._search_timer.stop()
        self.lists.setCurrentWidget(self.handover_view)
        self.refresh()

    def current(self) -> object:
        view = self.lists.currentWidget()
        return selected_row(view) if view is not None else None

    def update_detail(self) -> None:
        row = self.current()
        is_intake = isinstance(row, IntakeRow)
        is_handover = isinstance(row, HandoverRow) and row.handed_on is None
        # The buttons stay where they are; the row's state only enables them.
        for button in (self.route_benefits, self.route_social, self.route_both, self.inform,
                       self.desk_interview):
            button.setEnabled(is_intake)
        self.hand_over_button.setEnabled(is_handover)
        self.preview.setEnabled(isinstance(row, (HandoverRow, CertificateRow)))
        if isinstance(row, IntakeRow):
            urgent = " — <b style='color:#B34700'>PILNE</b>" if row.urgent else ""
            self.detail.setText(
                f"<h3>Zgłoszenie: {row.person_name}</h3>"
                f"<p>Przyjęto {row.received_at:%d.%m.%Y %H:%M}, {label(row.channel)}"
                f"{urgent}<br>"
                f"Stan: {label(row.status)}</p><p>{html_text(row.problem)}</p>"
                "<p><i>Zasada: najpierw podstawowe potrzeby bytowe — przy skierowaniu do obu "
                "zespołów sprawa trafia do Świadczeń, a praca socjalna dostaje zadanie "
                "do podjęcia.</i></p>")
        elif isinstance(row, HandoverRow):
            state = (f"Wydano {format_date(row.handed_on)}: {row.handed_to}" if row.handed_on
                     else "Czeka na odbiór")
            self.detail.setText(f"<h3>{html_text(row.title)}</h3><p>{row.person_name}<br>"
                                f"Czeka od {format_date(row.waiting_since)}<br>{state}</p>")
        elif isinstance(row, CertificateRow):
            self.detail.setText(f"<h3>Zaświadczenie nr {row.number}</h3><p>{row.person_name}"
                                f"<br>Wydano {format_date(row.issued_on)} ({row.issued_by})<br>"
                                f"Cel: {html_text(row.purpose)}</p>")
        elif isinstance(row, desk.AppointmentRow):
            self.detail.setText(f"<h3>Spotkanie {row.starts_at:%d.%m.%Y %H:%M}</h3>"
                                f"<p>{row.person_name} — {row.worker_name}<br>"
                                f"{html_text(row.purpose)}</p>")
        else:
            self.detail.setText("Wybierz pozycję z listy.")

    def _with_person(self, dialog_type: type[FormDialog]) -> object:
        person = choose_person(self.ctx, self)
        if person is None:
            return None
        dialog = dialog_type(self.ctx, person, self)
        return dialog.result_value if dialog.exec() else None

    def new_intake(self) -> None:
        """The saved intake is selected, the focus on its list: Enter offers its routing."""
        intake_id = self._with_person(IntakeDialog)
        if intake_id is not None:
            self.lists.setCurrentWidget(self.intake_view)
            reselect(self.intake_view, lambda r: r.id == intake_id)
            self.intake_view.setFocus()

    def new_application(self) -> None:
        sign = self._with_person(ApplicationDialog)
        if sign:
            self.detail.setText(f"<h3>Zarejestrowano wniosek</h3><p>Znak sprawy: <b>{sign}</b>"
                                "<br>Sprawa trafiła do kolejki Świadczeń.</p>")

    def new_certificate(self) -> None:
        cert_id = self._with_person(CertificateDialog)
        if cert_id is not None:
            self._show_certificate(int(cert_id))  # type: ignore[call-overload]

    def take_payment(self) -> None:
        """Cash paid at the desk against a debt (issue 19 item 3), with its KP receipt."""
        from opsdesk.ui.benefits.debts_panel import take_payment

        take_payment(self.ctx, self)

    def new_appointment(self) -> None:
        if self._with_person(AppointmentDialog) is not None:
            self.lists.setCurrentWidget(self.appointment_view)

    def route(self, to_benefits: bool, to_social_work: bool) -> None:
        row = self.current()
        if not isinstance(row, IntakeRow):
            return
        teams = " i ".join(t for t, chosen in (("Świadczeń", to_benefits),
                                                ("pracy socjalnej", to_social_work)) if chosen)
        if not confirm(self, f"Skierować zgłoszenie — {row.person_name} — do {teams}?",
                       yes_default=True):
            return
        ok, routing = self.ctx.write(self, lambda s: intake.route_intake(
            s, row.id, actor=self.ctx.actor, to_benefits=to_benefits,
            to_social_work=to_social_work, expected_version=row.version), changed=Changes.INTAKES)
        if ok and routing is not None:
            self.ctx.events.data_changed.emit(Changes.CASES)
            parts = []
            if routing.case_sign:
                parts.append(f"Świadczenia — sprawa <b>{routing.case_sign}</b>")
            if routing.social_work_id:
                parts.append("Praca socjalna i usługi — czeka na przyjęcie przez pracownika")
            self.detail.setText("<h3>Skierowano</h3><p>" + "<br>".join(parts) + "</p>")

    def close_informed(self) -> None:
        row = self.current()
        if isinstance(row, IntakeRow):
            InformDialog(self.ctx, row, self).exec()

    def start_desk_interview(self) -> None:
        row = self.current()
        if isinstance(row, IntakeRow):
            self.ctx.write(self, lambda s: intake.start_desk_interview(
                s, row.id, actor=self.ctx.actor, expected_version=row.version),
                changed=Changes.INTAKES)

    def hand_over(self) -> None:
        row = self.current()
        if isinstance(row, HandoverRow):
            HandOverDialog(self.ctx, row, self).exec()

    def preview_document(self) -> None:
        row = self.current()
        if isinstance(row, CertificateRow):
            self._show_certificate(row.id)
        elif isinstance(row, HandoverRow):
            self.ctx.show_document(self, row.title, lambda s: document_pdf(
                s, row.kind, row.document_id, actor=self.ctx.actor))

    def _show_certificate(self, cert_id: int) -> None:
        self.ctx.show_document(self, "zaswiadczenie", lambda s: desk.certificate_pdf(
            s, cert_id, actor=self.ctx.actor))
