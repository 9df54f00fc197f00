"""The account as it is now, not as it was at login: switching a worker off or taking a
role away takes effect at the worker's next action."""

import json

import pytest
from sqlalchemy import select

from opsdesk.errors import AccountClosed, PermissionDenied, UserFacingError
from opsdesk.models import AuditEntry, User
from opsdesk.models.enums import AuditAction, Relation, Role
from opsdesk.services import interviews, people, users
from opsdesk.services.interviews import MemberEntry
from tests.factories import WORKDAY, application, done_interview, interview_form, person


def _version(db, user_id):
    return db.read(lambda s: s.get(User, user_id).version)


def test_a_switched_off_worker_cannot_read_or_write_at_the_next_action(db, staff):
    pid = person(db, staff)
    assert db.read(lambda s: people.open_person(s, pid, actor=staff.desk)).id == pid
    db.write(lambda s: users.deactivate_worker(s, staff.desk.id, actor=staff.head))
    with pytest.raises(AccountClosed, match="Twoje konto zostało wyłączone"):
        db.read(lambda s: people.open_person(s, pid, actor=staff.desk))
    with pytest.raises(AccountClosed):
        db.write(lambda s: people.register_person(
            s, people.PersonForm(first_name="Ewa", last_name="Nowa", pesel="",
                                 no_pesel_reason="brak"), actor=staff.desk))
    denied = db.read(lambda s: s.scalars(select(AuditEntry.details).where(
        AuditEntry.action == AuditAction.DENIED, AuditEntry.user_id == staff.desk.id)).all())
    assert [json.loads(d)["operation"] for d in denied] == ["account closed"] * 2


def test_a_removed_role_stops_reading_at_once(db, staff):
    pid = person(db, staff)
    case_id = application(db, staff, pid)
    iid = done_interview(db, staff, case_id, interview_form((MemberEntry(pid, Relation.HEAD),)))

    def read(s):
        return interviews.interview_detail(s, iid, actor=staff.benefits, today=WORKDAY)
    assert db.read(read).id == iid
    db.write(lambda s: users.set_roles(s, staff.benefits.id, {Role.FIRST_CONTACT},
                                       actor=staff.head,
                                       expected_version=_version(db, staff.benefits.id)))
    with pytest.raises(PermissionDenied):
        db.read(read)


def test_a_granted_role_works_without_logging_in_again(db, staff):
    pid = person(db, staff)
    case_id = application(db, staff, pid)
    with pytest.raises(PermissionDenied):
        db.write(lambda s: interviews.start_interview(s, case_id, actor=staff.desk, today=WORKDAY))
    db.write(lambda s: users.set_roles(s, staff.desk.id, {Role.FIRST_CONTACT, Role.BENEFITS},
                                       actor=staff.head,
                                       expected_version=_version(db, staff.desk.id)))
    assert db.write(lambda s: interviews.start_interview(s, case_id, actor=staff.desk,
                                                         today=WORKDAY))


def test_the_window_of_a_switched_off_worker_says_why_and_closes(qtbot, db, staff, make_ctx,
                                                                 ui_env, monkeypatch):
    from opsdesk.ui import main_window
    from opsdesk.ui.main_window import MainWindow
    from tests.ui_helpers import Modal

    # The window closes; the program's own event loop (not running in a test) is left alone.
    monkeypatch.setattr(main_window, "quit_application", lambda w: w.close())
    window = MainWindow(make_ctx(staff.desk), database_label="x", shared=False)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    db.write(lambda s: users.deactivate_worker(s, staff.desk.id, actor=staff.head))
    seen: list[str] = []
    modal = Modal(qtbot)
    modal(lambda box: (seen.append(box.text()), box.accept()))
    assert window.ctx.read(window, lambda s: people.search_persons(
        s, "Zofia", actor=staff.desk)) is None
    modal.check()
    assert "Twoje konto zostało wyłączone" in seen[0]
    qtbot.waitUntil(lambda: not window.isVisible())


# --- separation of duties ------------------------------------------------------------------


def test_the_administrator_cannot_make_himself_head(db, staff):
    with pytest.raises(PermissionDenied, match="Rolę kierownika nadaje i odbiera tylko"):
        db.write(lambda s: users.set_roles(s, staff.admin.id, {Role.ADMIN, Role.HEAD},
                                           actor=staff.admin,
                                           expected_version=_version(db, staff.admin.id)))
    with pytest.raises(PermissionDenied, match="Rolę kierownika nadaje i odbiera tylko"):
        db.write(lambda s: users.add_worker(s, actor=staff.admin, login="drugi", password="x" * 9,
                                            full_name="Drugi Kierownik", roles={Role.HEAD}))
    assert db.read(lambda s: s.get(User, staff.admin.id).role_set) == {Role.ADMIN}


def test_the_administrator_cannot_touch_the_heads_account(db, staff):
    with pytest.raises(UserFacingError, match="jedyne aktywne konto kierownika"):
        db.write(lambda s: users.deactivate_worker(s, staff.head.id, actor=staff.admin))
    with pytest.raises(PermissionDenied, match="tylko kierownik"):
        db.write(lambda s: users.reset_password(s, staff.head.id, "nowe-haslo-9",
                                                actor=staff.admin))
    with pytest.raises(PermissionDenied, match="tylko kierownik"):
        db.write(lambda s: users.set_roles(s, staff.head.id, {Role.HEAD}, actor=staff.admin,
                                           may_sign_decisions=False,
                                           expected_version=_version(db, staff.head.id)))
    assert db.read(lambda s: s.get(User, staff.head.id).active)


def test_only_the_head_grants_the_heads_role_and_one_head_always_stays(db, staff):
    db.write(lambda s: users.set_roles(s, staff.benefits.id, {Role.BENEFITS, Role.HEAD},
                                       actor=staff.head,
                                       expected_version=_version(db, staff.benefits.id)))
    # With two heads, one may hand over: the new head takes the role from the old one …
    db.write(lambda s: users.set_roles(s, staff.head.id, {Role.BENEFITS}, actor=staff.benefits,
                                       expected_version=_version(db, staff.head.id)))
    # … who, no longer head, cannot take it back, and the last head keeps it.
    with pytest.raises(PermissionDenied):
        db.write(lambda s: users.set_roles(s, staff.head.id, {Role.HEAD}, actor=staff.head,
                                           expected_version=_version(db, staff.head.id)))
    with pytest.raises(UserFacingError, match="Nie możesz odebrać sobie roli kierownika"):
        db.write(lambda s: users.set_roles(s, staff.benefits.id, {Role.BENEFITS},
                                           actor=staff.benefits,
                                           expected_version=_version(db, staff.benefits.id)))


def test_the_administrators_account_changes_are_shown_to_the_head(db, staff):
    from opsdesk.services.audit_log import AuditFilter, browse_audit

    db.write(lambda s: users.set_roles(s, staff.desk.id, {Role.FIRST_CONTACT, Role.BENEFITS},
                                       actor=staff.admin,
                                       expected_version=_version(db, staff.desk.id)))
    db.write(lambda s: users.deactivate_worker(s, staff.social.id, actor=staff.admin))
    page = db.read(lambda s: browse_audit(s, actor=staff.head, flt=AuditFilter(
        worker_id=staff.admin.id, entity="User")))
    seen = [(r.worker, r.entity_id, r.details) for r in page.rows]
    assert ("Piotr Żak", staff.desk.id,
            "roles: FIRST_CONTACT → BENEFITS, FIRST_CONTACT; may_sign_decisions: False → False"
            ) in seen
    assert ("Piotr Żak", staff.social.id, "active: True → False") in seen
