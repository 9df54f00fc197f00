"""Audit of reads as well as writes; the head's browsing of the log; a log nobody can
change or delete — not the program, and not the database either."""

from __future__ import annotations

import ast
import json
import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError

import opsdesk
from opsdesk import clock
from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import AuditEntry
from opsdesk.models.enums import AuditAction
from opsdesk.schema import HEAD_REVISION, current_revision
from opsdesk.services import desk, people, users
from opsdesk.services.audit import write_audit
from opsdesk.services.audit_log import (
    AuditFilter,
    audit_entities,
    audit_workers,
    browse_audit,
    describe,
)
from opsdesk.services.people import PersonForm
from opsdesk.startup import open_database
from tests import factories
from tests.migration_helpers import step_back_past_0004

PACKAGE = Path(opsdesk.__file__).parent
APPEND_ONLY = "Dziennik zdarzeń można tylko uzupełniać"


@pytest.fixture
def person(db, staff) -> int:
    return factories.person(db, staff, PersonForm(first_name="Zofia", last_name="Wróbel",
                                                  pesel="85030412362"))


def _entries(db, **where):
    stmt = select(AuditEntry).order_by(AuditEntry.id)
    for key, value in where.items():
        stmt = stmt.where(getattr(AuditEntry, key) == value)
    return db.read(lambda s: s.scalars(stmt).all())


# --- reads, prints and exports are recorded -------------------------------------------------

def test_opening_a_file_inside_a_read_is_committed_with_who_and_when(db, staff, person):
    before = clock.now() - timedelta(seconds=1)
    db.read(lambda s: people.open_person(s, person, actor=staff.benefits))
    reads = _entries(db, action=AuditAction.READ, entity="Person")
    assert [(e.user_id, e.entity_id) for e in reads] == [(staff.benefits.id, person)]
    assert before <= reads[0].at <= clock.now()


def test_printing_a_certificate_inside_a_read_is_committed(db, staff, person):
    cert = db.write(lambda s: desk.issue_certificate(
        s, actor=staff.desk, person_id=person, purpose="do sądu",
        content="Figuruje w kartotece ośrodka."))
    pdf = db.read(lambda s: desk.certificate_pdf(s, cert, actor=staff.desk))
    assert pdf.startswith(b"%PDF")
    prints = _entries(db, action=AuditAction.PRINT)
    assert [(e.user_id, e.entity, e.entity_id) for e in prints] == [
        (staff.desk.id, "Certificate", cert)]


def test_a_refused_read_is_audited_as_denied_with_a_polish_message(db, staff):
    with pytest.raises(PermissionDenied, match="Twoja rola nie pozwala na tę czynność."):
        db.read(lambda s: browse_audit(s, actor=staff.admin))
    denied = _entries(db, action=AuditAction.DENIED, user_id=staff.admin.id)
    assert [json.loads(e.details) for e in denied] == [{"operation": "audit_log.browse_audit"}]


# --- the head browses and filters the log ----------------------------------------------------

def test_the_head_sees_a_read_with_the_workers_name(db, staff, person):
    db.read(lambda s: people.open_person(s, person, actor=staff.social))
    page = db.read(lambda s: browse_audit(s, actor=staff.head, flt=AuditFilter(
        action=AuditAction.READ, entity="Person")))
    assert [(r.worker, r.entity_label, r.entity_id) for r in page.rows] == [
        ("Józef Ćwikła", "osoba", person)]
    assert page.total == 1


def test_filters_by_worker_action_record_and_dates(db, staff, person):
    db.read(lambda s: people.open_person(s, person, actor=staff.benefits))
    db.read(lambda s: people.open_person(s, person, actor=staff.social))

    def browse(**kw):
        return db.read(lambda s: browse_audit(s, actor=staff.head, flt=AuditFilter(**kw)))

    mine = browse(worker_id=staff.desk.id)
    assert {r.worker for r in mine.rows} == {"Żaneta Łęcka"}
    assert {(r.action, r.entity) for r in mine.rows} >= {(AuditAction.CREATE, "Person"),
                                                         (AuditAction.LOGIN, "User")}
    reads = browse(action=AuditAction.READ, entity="Person")
    assert [r.worker for r in reads.rows] == ["Józef Ćwikła", "Anna Nowak"]  # newest first
    today = clock.today()
    assert browse(date_from=today, date_to=today).total == browse().total - 1  # minus a read
    assert browse(date_to=today - timedelta(days=1)).total == 0
    assert browse(date_from=today + timedelta(days=1)).total == 0
    with pytest.raises(ValidationError, match="Data „od” jest późniejsza"):
        browse(date_from=today, date_to=today - timedelta(days=1))


def test_the_log_is_paged_newest_first(db, staff, person):
    for _ in range(7):
        db.read(lambda s: people.open_person(s, person, actor=staff.benefits))
    flt = AuditFilter(action=AuditAction.READ, entity="Person")
    first = db.read(lambda s: browse_audit(s, actor=staff.head, flt=flt, page_size=3))
    last = db.read(lambda s: browse_audit(s, actor=staff.head, flt=flt, page=2, page_size=3))
    assert (first.total, first.pages, len(first.rows), len(last.rows)) == (7, 3, 3, 1)
    assert first.rows[0].id > first.rows[-1].id > last.rows[0].id


def test_browsing_the_log_is_itself_recorded(db, staff):
    db.read(lambda s: browse_audit(s, actor=staff.head, flt=AuditFilter(
        action=AuditAction.DENIED), page=1))
    logged = _entries(db, entity="AuditLog")
    assert [(e.user_id, e.action, json.loads(e.details)) for e in logged] == [
        (staff.head.id, AuditAction.READ, {"action": "DENIED", "page": 2})]


def test_a_worker_who_left_keeps_the_name_in_the_history(db, staff, person):
    db.read(lambda s: people.open_person(s, person, actor=staff.social))
    db.write(lambda s: users.deactivate_worker(s, staff.social.id, actor=staff.head))
    page = db.read(lambda s: browse_audit(s, actor=staff.head, flt=AuditFilter(
        worker_id=staff.social.id)))
    assert page.rows and {r.worker for r in page.rows} == {"Józef Ćwikła"}
    choices = db.read(lambda s: audit_workers(s, actor=staff.head))
    assert ("Józef Ćwikła", False) in [(w.full_name, w.active) for w in choices]


def test_record_kinds_are_offered_by_their_polish_names(db, staff, person):
    kinds = dict(db.read(lambda s: audit_entities(s, actor=staff.head)))
    assert kinds["Person"] == "osoba" and kinds["User"] == "pracownik"


def test_details_read_as_a_line():
    assert describe(json.dumps({"city": [None, "Zbąszynek"], "phone": ["1", "2"]})) == (
        "city: — → Zbąszynek; phone: 1 → 2")
    assert describe(json.dumps({"operation": "desk.hand_over"})) == "operation: desk.hand_over"
    assert describe("") == ""
    created = json.dumps({"first_name": [None, "Zofia"], "phone": [None, ""], "sex": [None, None]})
    assert describe(created, AuditAction.CREATE) == "first_name: Zofia"


# --- nobody changes or deletes an entry -------------------------------------------------------

def test_the_database_refuses_to_change_an_entry(db, staff):
    with db.engine.begin() as conn, pytest.raises(DBAPIError, match=APPEND_ONLY):
        conn.execute(text("UPDATE audit_log SET details = '{}'"))
    with pytest.raises(DBAPIError, match=APPEND_ONLY):
        db.write(lambda s: s.execute(update(AuditEntry).values(user_id=None)))


def test_the_database_refuses_to_delete_an_entry(db, staff):
    count = len(_entries(db))

    def delete_first(s):
        s.delete(s.scalars(select(AuditEntry).limit(1)).one())
        s.flush()

    with pytest.raises(DBAPIError, match=APPEND_ONLY):
        db.write(delete_first)
    with db.engine.begin() as conn, pytest.raises(DBAPIError, match=APPEND_ONLY):
        conn.execute(text("DELETE FROM audit_log"))
    assert len(_entries(db)) == count


def test_a_database_from_before_the_triggers_gets_them(tmp_path, migrated_template):
    """An office database made by the first release (schema 0001) is upgraded."""
    path = tmp_path / "old.sqlite"
    shutil.copyfile(migrated_template, path)
    with open_database(str(path)).engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        step_back_past_0004(conn)
        conn.execute(text("DROP TABLE case_deadlines"))  # added by 0004
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    db = open_database(str(path))
    try:
        with db.engine.connect() as conn:
            assert current_revision(conn) == HEAD_REVISION
        db.write(lambda s: write_audit(s, None, AuditAction.LOGIN_FAILED, "User", None, {}))
        with db.engine.begin() as conn, pytest.raises(DBAPIError, match=APPEND_ONLY):
            conn.execute(text("DELETE FROM audit_log"))
    finally:
        db.dispose()


_WRITES_TO_LOG = re.compile(r"(UPDATE\s+audit_log|DELETE\s+FROM\s+audit_log|"
                            r"TRUNCATE\s+(TABLE\s+)?audit_log|DROP\s+TABLE\s+audit_log)",
                            re.IGNORECASE)


def _mentions_audit(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id == "AuditEntry"
               or isinstance(n, ast.Constant) and n.value == "audit_log"
               for n in ast.walk(node))


def _offences(source: str) -> list[str]:
    """update(AuditEntry…), delete(AuditEntry…), AuditEntry.__table__.update()/.delete()
    or SQL doing the same."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and _WRITES_TO_LOG.search(node.value):
            found.append(f"{node.lineno} SQL")
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else (
            func.attr if isinstance(func, ast.Attribute) else "")
        if name in ("update", "delete") and (
                any(_mentions_audit(a) for a in node.args)
                or isinstance(func, ast.Attribute) and _mentions_audit(func.value)):
            found.append(f"{node.lineno} {name}")
    return found


def test_the_scan_finds_what_it_looks_for():
    assert len(_offences(
        "s.execute(update(AuditEntry).values(x=1))\n"
        "s.execute(delete(AuditEntry.__table__))\n"
        "s.execute(AuditEntry.__table__.delete())\n"
        "s.execute(text('delete from audit_log where id = 1'))\n")) == 4
    assert _offences("s.execute(insert(AuditEntry.__table__))\nd.update(a=1)\n") == []


def test_no_code_in_the_program_changes_or_deletes_an_entry():
    """Anywhere in the package but the migrations that guard the log."""
    offences = [f"{path.relative_to(PACKAGE)}:{o}" for path in PACKAGE.rglob("*.py")
                if "migrations" not in path.parts
                for o in _offences(path.read_text(encoding="utf-8"))]
    assert offences == []


# --- the head's screen -----------------------------------------------------------------------

def test_the_audit_view_shows_a_read_and_filters_it(qtbot, db, staff, person, make_ctx):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from opsdesk.ui.admin_tab import AdminTab
    from opsdesk.ui.audit_view import AuditView

    db.read(lambda s: people.open_person(s, person, actor=staff.benefits))
    tab = AdminTab(make_ctx(staff.head))
    qtbot.addWidget(tab)
    view = tab.findChild(AuditView)
    assert view is not None and view.last_page is None  # nothing read until it is shown
    tab.show()
    assert view.last_page is None  # on its own page of the tab
    tab.show_page("Dziennik zdarzeń")
    qtbot.waitUntil(lambda: view.last_page is not None)
    qtmodel = view.model
    texts = [[qtmodel.index(r, c).data() for c in range(qtmodel.columnCount())]
             for r in range(qtmodel.rowCount())]
    assert any(row[1:5] == ["Anna Nowak", "odczyt", "osoba", str(person)] for row in texts)

    view.worker.setCurrentIndex(view.worker.findText("Anna Nowak"))
    view.action.setCurrentIndex(view.action.findText("odczyt"))
    QTest.mouseClick(view.findChild(type(view.newer), "auditShow"), Qt.MouseButton.LeftButton)
    assert [(r.worker, r.entity, r.entity_id) for r in view.model.rows()] == [
        ("Anna Nowak", "Person", person)]
    assert view.page_label.text() == "Strona 1 z 1 · wpisów: 1"
    assert not view.older.isEnabled() and not view.newer.isEnabled()


def test_the_log_box_is_the_heads_only(qtbot, db, staff, make_ctx):
    from PySide6.QtWidgets import QGroupBox

    from opsdesk.ui.admin_tab import AdminTab
    from opsdesk.ui.audit_view import AuditView

    tab = AdminTab(make_ctx(staff.admin))
    qtbot.addWidget(tab)
    assert tab.findChild(AuditView) is None
    assert "Dziennik zdarzeń" not in [b.title() for b in tab.findChildren(QGroupBox)]


def test_the_audit_model_passes_the_model_tester(qtbot, qtmodeltester, db, staff, person,
                                                  make_ctx):
    from opsdesk.ui.audit_view import AuditView

    db.read(lambda s: people.open_person(s, person, actor=staff.benefits))
    view = AuditView(make_ctx(staff.head))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.last_page is not None)
    qtmodeltester.check(view.model)


def test_the_detail_reads_of_a_proceeding_are_audited(db, staff):
    """Incomes, a decision and a person's payouts are read only with a trace."""
    from opsdesk.services import decisions, interviews, payouts
    from tests.factories import WORKDAY, grant, single_case

    pid, case_id = single_case(db, staff, "0")
    interview_id = db.read(lambda s: interviews.interviews_of_case(
        s, case_id, actor=staff.benefits))[0].id
    decision_id = db.write(lambda s: decisions.save_draft(
        s, grant(case_id, amount="505.00"), actor=staff.benefits, today=WORKDAY))
    db.read(lambda s: interviews.interview_detail(s, interview_id, actor=staff.head))
    db.read(lambda s: decisions.decision_detail(s, decision_id, actor=staff.head))
    db.read(lambda s: payouts.payouts_of_person(s, pid, actor=staff.head))
    reads = db.read(lambda s: s.execute(select(AuditEntry.entity).where(
        AuditEntry.action == AuditAction.READ, AuditEntry.user_id == staff.head.id)).scalars()
        .all())
    assert {"Interview", "Decision", "Payout"} <= set(reads)
