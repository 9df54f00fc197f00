"""The names copied onto the long lists' rows (services/name_copies.py) are the persons'
at every moment: a new row carries its person's name, a changed name shows on every list
in the same transaction."""

from __future__ import annotations

from dataclasses import replace

from opsdesk.models import Case
from opsdesk.services import evaluation, people, socialwork
from tests.factories import KASIA, MONDAY, application, person, refer


def test_a_referred_client_carries_name_and_sign_until_the_name_changes(db, staff):
    pid = person(db, staff, KASIA)
    case_id = application(db, staff, pid)
    refer(db, staff, case_id)
    waiting = db.read(lambda s: socialwork.caseload(s, actor=staff.head, scope="waiting",
                                                     today=MONDAY))
    sign = db.read(lambda s: s.get(Case, case_id).sign)
    assert [(r.person_name, r.case_sign) for r in waiting] == [("Żółkiewska Katarzyna", sign)]

    file = db.read(lambda s: people.open_person(s, pid, actor=staff.desk))
    db.write(lambda s: people.update_person(s, pid, replace(file.form, last_name="Nowicka"),
                                            actor=staff.desk, expected_version=file.version))
    waiting = db.read(lambda s: socialwork.caseload(s, actor=staff.head, scope="waiting",
                                                     today=MONDAY))
    assert [r.person_name for r in waiting] == ["Nowicka Katarzyna"]
    centre = db.read(lambda s: evaluation.centre_deadlines(s, actor=staff.head, today=MONDAY))
    assert "Nowicka Katarzyna" in {d.person_name for d in centre}
    assert "Żółkiewska Katarzyna" not in {d.person_name for d in centre}
