"""The fixed texts of the documents, kept by the head: dated versions, fields from a list,
and the check that what kpa art. 107 § 1 requires is still said.

What is editable: the decision's title line, its legal-basis line (the citations stay those
of the draft and the acts' table), the words before its ruling and the ruling's formulas,
the rygor and "in full" sentences, the paragraphs of its POUCZENIE (and one the kolegium may
ask for), the law's boilerplate of the justifications a draft starts from, the certificate's
body (kpa art. 217), the art. 36 notice's body and its ponaglenie instruction, the bodies of
the letters to other institutions, the notes under a worker's information and the
consequences printed in a kontrakt socjalny. Each text offers the office's fields and its
own (``fields_of``); nothing else can be filled in. The program's wording
(``reports/texts.py``) is in the table as the first version of each text (migration
0017tpl), so a later release never changes what an old document says. A new version is
written by one person and approved by another before its date; it switches over by itself
on that date, and an approved version is never changed — a document printed again says
what it said the day it was issued.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from opsdesk import clock
from opsdesk.errors import NotFound, ValidationError
from opsdesk.models import DocumentText, User
from opsdesk.models.enums import AuditAction
from opsdesk.reports import texts as T
from opsdesk.reports.views import OfficeView
from opsdesk.services.audit import write_audit
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

# What can be put in a letter's or a decision's text, and what it becomes on a document
# (from the office's identity in force on the document's date).
PLACEHOLDERS: dict[str, str] = {
    "organ": "organ w mianowniku (Burmistrz Zbąszynka)",
    "organ_dopelniacz": "organ w dopełniaczu (Burmistrza Zbąszynka)",
    "jednostka": "nazwa jednostki (Gminny Ośrodek Pomocy Społecznej w …)",
    "jednostka_dopelniacz": "nazwa jednostki w dopełniaczu",
    "kolegium": "kolegium w mianowniku",
    "kolegium_dopelniacz": "kolegium w dopełniaczu (do kogo odwołanie)",
    "za_posrednictwem": "za czyim pośrednictwem (Kierownika Gminnego Ośrodka …)",
    "miejscowosc": "miejscowość",
}

_BENEFIT = {"swiadczenie_dopelniacz": "nazwa świadczenia w dopełniaczu (zasiłku okresowego)"}
_NOTICE = {"strona_biernik": "do kogo: Panią / Pana (puste, gdy nieznane)",
           "sprawa": "w sprawie czego (w sprawie przyznania zasiłku …)",
           "znak_sprawy": "znak sprawy", "termin": "pierwotny termin załatwienia sprawy"}
_LETTER = {"w_odpowiedzi": "W odpowiedzi na pismo z dnia … (znak: …)",
           "osoba": "osoba, której dotyczy pismo, z adresem",
           "ustalenia": "ustalenia wpisane przez pracownika"}
_WHO, _FOUND = "kogo dotyczy pismo", "ustalenia pracownika"
_GRANTED = _BENEFIT | {"od_dnia": "od kiedy", "numer_decyzji": "numer decyzji przyznającej",
                      "data_decyzji": "data decyzji przyznającej"}
_PAID = {"co": "co i od kiedy jest wypłacane (Świadczenie będzie wypłacane co miesiąc)"}
_RULING, _WHAT = "rozstrzygnięcie (art. 107 § 1 pkt 5 kpa)", "jakie świadczenie"
_FROM, _WHICH, _HOW = "od kiedy", "której decyzji dotyczy", "co jest wypłacane"
_APPEAL_TO = (("kolegium_dopelniacz", "do kogo służy odwołanie (art. 107 § 1 pkt 7 kpa)"),
              ("za_posrednictwem", "za czyim pośrednictwem (art. 129 § 1 kpa)"))


@dataclass(frozen=True)
class TextKind:
    """An editable text: its title, its own fields beside the office's, and what it must
    keep saying — fields and phrases (lower case, a word's stem), each with the element of
    the document it carries, named in Polish when it is missing."""

    title: str
    key: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    needs_fields: tuple[tuple[str, str], ...] = ()
    phrases: tuple[tuple[str, str], ...] = ()
    required: bool = True
    office_fields: bool = True  # texts filled where no office is at hand take none

    @property
    def default(self) -> str:
        return T.DEFAULTS[self.key]


def _kinds(*kinds: TextKind) -> dict[str, TextKind]:
    return {k.key: k for k in kinds}


KINDS: dict[str, TextKind] = _kinds(
    TextKind("Decyzja — pouczenie o odwołaniu", key="decision.appeal",
             needs_fields=_APPEAL_TO,
             phrases=(("14 dni", "termin na odwołanie (art. 129 § 2 kpa)"),
                      ("odwołani", "czy służy odwołanie (art. 107 § 1 pkt 7 kpa)"))),
    TextKind("Decyzja — zrzeczenie się odwołania", key="decision.waiver",
             phrases=(("zrzec", "prawo do zrzeczenia się odwołania (art. 107 § 1 pkt 7 kpa)"),
                      ("ostateczn", "skutek zrzeczenia się: decyzja ostateczna "
                                    "(art. 127a § 2 kpa)"))),
    TextKind("Decyzja — obowiązek informowania (art. 109 ups)", key="decision.art109",
             phrases=(("109", "podstawa obowiązku informowania (art. 109 ups)"),)),
    TextKind("Decyzja — dodatkowe pouczenie (np. na prośbę kolegium)", key="decision.extra",
             required=False),
    TextKind("Decyzja — tytuł", key="decision.title",
             phrases=(("decyzj", "oznaczenie pisma jako decyzji (art. 107 § 1 kpa)"),)),
    TextKind("Decyzja — podstawa prawna (przepisy z aktów prawnych)", key="decision.basis",
             fields={"przepisy": "przepisy i akty (z tabeli aktów prawnych, z projektu)",
                     "tryb": "po rozpatrzeniu wniosku … / z urzędu"},
             needs_fields=(("przepisy", "podstawa prawna (art. 107 § 1 pkt 4 kpa)"),)),
    TextKind("Decyzja — na wniosek", key="decision.on_application",
             fields=_BENEFIT | {"data_wniosku": "data złożenia wniosku"},
             needs_fields=(("data_wniosku", "który wniosek rozpatrzono"),),
             office_fields=False),
    TextKind("Decyzja — z urzędu", key="decision.ex_officio",
             phrases=(("z urzędu", "wszczęcie postępowania z urzędu"),), office_fields=False),
    TextKind("Decyzja — słowa przed rozstrzygnięciem", key="decision.orzekam",
             phrases=(("orzekam", "rozstrzygnięcie (art. 107 § 1 pkt 5 kpa)"),)),
    TextKind("Decyzja — rygor natychmiastowej wykonalności", key="decision.rygor",
             phrases=(("rygor", "nadanie rygoru natychmiastowej wykonalności"),
                      ("108", "podstawa rygoru (art. 108 § 1 kpa)"))),
    TextKind("Decyzja — wstęp do przyczyn rygoru", key="decision.rygor_reasons",
             phrases=(("przyczyn", "uzasadnienie rygoru (art. 108 § 1 kpa)"),)),
    TextKind("Decyzja — uwzględnienie żądania w całości", key="decision.in_full",
             phrases=(("w całości", "uwzględnienie żądania w całości (art. 107 § 4 kpa)"),)),
    TextKind("Rozstrzygnięcie — odmowa", key="ruling.refusing", fields=_BENEFIT,
             needs_fields=(("swiadczenie_dopelniacz", _WHAT),),
             phrases=(("odmawiam", _RULING),), office_fields=False),
    TextKind("Rozstrzygnięcie — uchylenie", key="ruling.revoking", fields=_GRANTED | {
                 "decyzja": "decyzję nr … z dnia … w sprawie przyznania …"},
             needs_fields=(("decyzja", "którą decyzję uchylono"), ("od_dnia", _FROM)),
             phrases=(("uchylam", _RULING),), office_fields=False),
    TextKind("Rozstrzygnięcie — wstrzymanie wypłaty", key="ruling.suspending", fields=_GRANTED,
             needs_fields=(("numer_decyzji", _WHICH), ("od_dnia", _FROM)),
             phrases=(("wstrzymuj", _RULING),), office_fields=False),
    TextKind("Rozstrzygnięcie — wznowienie wypłaty", key="ruling.resuming", fields=_GRANTED,
             needs_fields=(("numer_decyzji", _WHICH), ("od_dnia", _FROM)),
             phrases=(("wznawiam", _RULING),), office_fields=False),
    TextKind("Rozstrzygnięcie — wypłata przelewem", key="ruling.transfer", fields=_PAID | {
                 "rachunek": "numer rachunku strony"},
             needs_fields=(("co", _HOW), ("rachunek", "na jaki rachunek")),
             office_fields=False),
    TextKind("Rozstrzygnięcie — wypłata w kasie", key="ruling.cash", fields=_PAID | {
                 "pokoj": "numer pokoju kasy (z danych ośrodka)"},
             needs_fields=(("co", _HOW),), office_fields=False),
    TextKind("Rozstrzygnięcie — zasiłek zwrotny (art. 41 pkt 2 ups)", key="ruling.returnable",
             fields={"termin_zwrotu": "dzień, do którego zasiłek ma być zwrócony"},
             needs_fields=(("termin_zwrotu", "termin zwrotu"),), office_fields=False),
    TextKind("Rozstrzygnięcie — gdzie wpłacić zwrot (art. 98 ups)",
             key="ruling.repayment_account",
             fields={"rachunek": "numer rachunku ośrodka (z danych ośrodka)"},
             needs_fields=(("rachunek", "na jaki rachunek wpłacić"),), office_fields=False),
    TextKind("Uzasadnienie — odmowa: dochód ponad kryterium",
             key="justification.refusal_income", fields=_BENEFIT | {
                 "przepis": "przepis, którego warunek nie jest spełniony"},
             needs_fields=(("przepis", "podstawa prawna odmowy (art. 107 § 3 kpa)"),),
             office_fields=False),
    TextKind("Uzasadnienie — odmowa: odmowa wywiadu", key="justification.refusal_interview",
             fields=_BENEFIT, phrases=(("107 ust. 4a", "podstawa prawna odmowy "
                                                       "(art. 107 ust. 4a ups)"),),
             office_fields=False),
    TextKind("Uzasadnienie — odmowa: art. 11 ust. 2 ups", key="justification.refusal_art11",
             phrases=(("art. 11", "podstawa prawna odmowy (art. 11 ust. 2 ups)"),),
             office_fields=False),
    TextKind("Uzasadnienie — wstrzymanie wypłaty", key="justification.suspending",
             phrases=(("art. 11", "podstawa prawna wstrzymania (art. 11 ust. 2 ups)"),),
             office_fields=False),
    TextKind("Uzasadnienie — zwrot nienależnie pobranego świadczenia",
             key="justification.repayment",
             phrases=(("art. 98", "podstawa prawna zwrotu (art. 98 ust. 1 ups)"),),
             office_fields=False),
    TextKind("Uzasadnienie — zmiana lub uchylenie decyzji", key="justification.change",
             phrases=(("106 ust. 5", "podstawa prawna zmiany (art. 106 ust. 5 ups)"),),
             office_fields=False),
    TextKind("Zaświadczenie — podstawa prawna", key="certificate.basis",
             phrases=(("217", "podstawa wydania zaświadczenia (art. 217 kpa)"),)),
    TextKind("Zaświadczenie — kto zaświadcza", key="certificate.intro",
             phrases=(("zaświadcza", "treść zaświadczenia (art. 217 § 1 kpa)"),)),
    TextKind("Zaświadczenie — na czyj wniosek", key="certificate.on_request"),
    TextKind("Zawiadomienie — treść (art. 36 kpa)", key="notice.body", fields=_NOTICE,
             needs_fields=(("termin", "termin, w którym sprawa nie zostanie załatwiona"),
                           ("sprawa", "której sprawy dotyczy zawiadomienie")),
             phrases=(("36", "podstawa zawiadomienia (art. 36 § 1 kpa)"),)),
    TextKind("Zawiadomienie po upływie terminu — treść (art. 36 kpa)", key="notice.body_past",
             fields=_NOTICE,
             needs_fields=(("termin", "termin, który upłynął"),
                           ("sprawa", "której sprawy dotyczy zawiadomienie")),
             phrases=(("36", "podstawa zawiadomienia (art. 36 § 1 kpa)"),)),
    TextKind("Zawiadomienie — nowy termin", key="notice.new_deadline",
             fields={"nowy_termin": "nowy termin załatwienia sprawy"},
             needs_fields=(("nowy_termin", "nowy termin załatwienia sprawy (art. 36 § 1 kpa)"),)),
    TextKind("Zawiadomienie — pouczenie o ponagleniu", key="notice.ponaglenie",
             needs_fields=_APPEAL_TO,
             phrases=(("ponaglen", "prawo do wniesienia ponaglenia (art. 36 § 1, art. 37 kpa)"),)),
    TextKind("Pismo — przekazanie wywiadu innemu ośrodkowi", key="letter.interview",
             fields=_LETTER | {"data_wywiadu": "dzień przeprowadzenia wywiadu"},
             needs_fields=(("osoba", _WHO), ("ustalenia", _FOUND)), office_fields=False),
    TextKind("Pismo — skierowanie do domu pomocy społecznej", key="letter.dps",
             fields=_LETTER | {"dom": "nazwa domu pomocy społecznej",
                               "umieszczenie": "zdanie o dniu umieszczenia (gdy znany)"},
             needs_fields=(("osoba", _WHO), ("ustalenia", _FOUND)), office_fields=False),
    TextKind("Pismo — kandydat na opiekuna (do sądu)", key="letter.guardian",
             fields=_LETTER | {"opieka_nad": "nad kim opieka (małoletniego, ubezwłasnowolnionego)"},
             needs_fields=(("osoba", _WHO), ("ustalenia", _FOUND)), office_fields=False),
    TextKind("Pismo — potwierdzenie opieki faktycznej", key="letter.actual_care",
             fields=_LETTER, needs_fields=(("osoba", _WHO), ("ustalenia", _FOUND)),
             office_fields=False),
    TextKind("Pismo — ustalenia postępowania przygotowawczego", key="letter.preparatory",
             fields=_LETTER | {"swiadczenie": "świadczenie, którego dotyczy postępowanie"},
             needs_fields=(("osoba", _WHO), ("ustalenia", _FOUND)), office_fields=False),
    TextKind("Informacja pracownika — dopisek o dowodzie", key="message.evidence",
             phrases=(("75", "charakter dowodu (art. 75 § 1 kpa)"),)),
    TextKind("Informacja sporządzona przez program — dopisek", key="message.automatic"),
    TextKind("Kontrakt socjalny — skutki niedotrzymania", key="contract.consequences",
             phrases=(("11 ust. 2", "podstawa skutków (art. 11 ust. 2 ups)"),
                      ("odmow", "odmowa przyznania świadczenia"),
                      ("wstrzyma", "wstrzymanie świadczeń pieniężnych"))),
)
assert set(KINDS) == set(T.DEFAULTS), "every shipped text is editable"

# Before this date no document was printed by the program: its shipped wording is the first
# version of every text, in force from it.
SHIPPED_FROM = date(2000, 1, 1)


def fields_of(key: str) -> dict[str, str]:
    """The fields the editor's list offers for ``key``."""
    kind = KINDS[key]
    return (dict(PLACEHOLDERS) if kind.office_fields else {}) | kind.fields


@dataclass(frozen=True)
class VersionRow:
    id: int
    key: str
    valid_from: date
    text: str
    approved: bool
    written_by: str = ""  # "tekst programu" for the program's own wording
    approved_by: str = ""
    written_by_id: int | None = None


def check_text(key: str, text: str) -> str:
    """The text as saved, or a refusal naming what is missing or not allowed."""
    kind = KINDS.get(key)
    if kind is None:
        raise ValidationError("Nieznany rodzaj tekstu.", field="key")
    value = text.strip()
    if kind.required and not value:
        raise ValidationError("Ten tekst nie może być pusty.", field="text")
    if len(value) > 4000:
        raise ValidationError("Tekst jest za długi (najwyżej 4000 znaków).", field="text")
    used = T.FIELD_RE.findall(value)
    allowed = fields_of(key)
    unknown = sorted({name for name in used if name not in allowed})
    if unknown:
        raise ValidationError("Nieznane pola: " + ", ".join(f"{{{n}}}" for n in unknown)
                              + ". Wstaw pole z listy.", field="text")
    bare = T.FIELD_RE.sub("", value)
    if "{" in bare or "}" in bare:
        raise ValidationError("Nawias klamrowy bez pola: pola wstawia się z listy.",
                              field="text")
    missing = [f"{why} — pole {{{name}}}"
               for name, why in kind.needs_fields if name not in used]
    missing += [why for phrase, why in kind.phrases if phrase not in value.lower()]
    if missing and value:
        raise ValidationError(f"Brakuje elementów wymaganych {required_by(key)}: "
                              + "; ".join(missing) + ".", field="text")
    return value


_REQUIRED_BY = {"decision": "przez art. 107 § 1 kpa", "ruling": "przez art. 107 § 1 kpa",
                "justification": "przez art. 107 § 3 kpa", "notice": "przez art. 36 § 1 kpa",
                "certificate": "przez art. 217 kpa"}


def required_by(key: str) -> str:
    """What requires the elements of ``key`` ("przez art. 107 § 1 kpa" for a decision)."""
    return _REQUIRED_BY.get(key.split(".")[0], "w tym piśmie")


def _approved_on(session: Session, on: date, keys: list[str] | None = None,
                 prefix: str = "") -> dict[str, str]:
    """The approved version of each text in force on ``on``; later dates win."""
    stmt = select(DocumentText.key, DocumentText.text).where(
        DocumentText.valid_from <= on, DocumentText.approved_at.is_not(None))
    if keys is not None:
        stmt = stmt.where(DocumentText.key.in_(keys))
    if prefix:
        stmt = stmt.where(DocumentText.key.startswith(prefix, autoescape=True))
    return {key: value for key, value in session.execute(stmt.order_by(DocumentText.valid_from))}


def texts_in_force(session: Session, prefix: str, on: date) -> dict[str, str]:
    """The texts (unfilled) whose keys start with ``prefix`` for a document dated ``on``;
    a text with no version in the table prints the program's wording."""
    return {key: value for key, value in _approved_on(session, on, prefix=prefix).items()
            if key in KINDS}


def text_in_force(session: Session, key: str, on: date) -> str:
    """The text a document dated ``on`` uses (an approved version or the program's own)."""
    return _approved_on(session, on, keys=[key]).get(key, KINDS[key].default)


def decision_instructions(session: Session, on: date, office: OfficeView) -> tuple[str, ...]:
    """The POUCZENIE of a decision dated ``on``: the versions in force that day, filled."""
    texts = texts_in_force(session, "decision.", on)
    filled = [T.text(texts, key, office) for key in T.INSTRUCTION_KEYS]
    return tuple(t for t in filled if t.strip())


def versions(session: Session, key: str) -> list[VersionRow]:
    author, approver = aliased(User), aliased(User)
    rows = session.execute(
        select(DocumentText, author.full_name, approver.full_name)
        .outerjoin(author, DocumentText.written_by == author.id)
        .outerjoin(approver, DocumentText.approved_by == approver.id)
        .where(DocumentText.key == key).order_by(DocumentText.valid_from))
    return [_row(v, written or "", approved or "") for v, written, approved in rows]


def _row(v: DocumentText, written: str, approved: str) -> VersionRow:
    return VersionRow(v.id, v.key, v.valid_from, v.text, v.approved_at is not None,
                      written or ("tekst programu" if v.written_by is None else ""),
                      approved, v.written_by)


def _refuse_not_ahead(valid_from: date) -> None:
    if valid_from <= clock.today():
        raise ValidationError("Nowa wersja może obowiązywać najwcześniej od jutra: pisma "
                              "wydane dzisiaj i wcześniej zachowują swoje brzmienie.",
                              field="valid_from")


@operation(Permission.OFFICE_SETTINGS)
def save_version(session: Session, key: str, valid_from: date, text: str, *, actor: Actor
                 ) -> VersionRow:
    """A draft from ``valid_from`` (tomorrow or later); a draft of the same day is
    rewritten (and its author is who rewrote it), an approved one never."""
    value = check_text(key, text)
    _refuse_not_ahead(valid_from)
    version = session.scalar(select(DocumentText).where(
        DocumentText.key == key, DocumentText.valid_from == valid_from))
    if version is not None and version.approved_at is not None:
        raise ValidationError("Wersja z tego dnia jest już zatwierdzona; przygotuj wersję "
                              "od innego dnia.", field="valid_from")
    if version is None:
        version = DocumentText(key=key, valid_from=valid_from, text=value,
                               written_by=actor.id)
        session.add(version)
    else:
        version.text, version.written_by = value, actor.id
    session.flush()
    write_audit(session, actor.id, AuditAction.UPDATE, "DocumentText", version.id,
                {"key": key, "valid_from": valid_from.isoformat()})
    return _row(version, actor.full_name, "")


@operation(Permission.DECISION_APPROVE)
def approve_version(session: Session, version_id: int, *, actor: Actor) -> VersionRow:
    """Approve a draft: from its date the documents use it (the switch needs no one). The
    approver is another person than its author — a second head or a worker authorised to
    sign decisions — so no one alone changes what the organ's documents say."""
    version = session.get(DocumentText, version_id)
    if version is None:
        raise NotFound("Nie ma takiej wersji tekstu.")
    if version.approved_at is not None:
        raise ValidationError("Ta wersja jest już zatwierdzona.")
    if version.written_by == actor.id:
        raise ValidationError("Wersję zatwierdza inna osoba niż jej autor: drugi kierownik "
                              "albo pracownik upoważniony do podpisywania decyzji.")
    if version.valid_from <= clock.today():
        raise ValidationError("Tej wersji nie można już zatwierdzić: obowiązywałaby od dnia, "
                              "który już nastał. Zapisz ją od jutra lub później.")
    check_text(version.key, version.text)
    version.approved_by, version.approved_at = actor.id, clock.now()
    session.flush()
    write_audit(session, actor.id, AuditAction.UPDATE, "DocumentText", version.id,
                {"approved": True})
    author = session.get(User, version.written_by) if version.written_by else None
    return _row(version, author.full_name if author else "", actor.full_name)


def seed_rows() -> list[dict[str, object]]:
    """The program's wording as the first approved version of each text (for a migration:
    no author, approved when the database took it)."""
    return [{"key": key, "valid_from": SHIPPED_FROM, "text": value}
            for key, value in T.DEFAULTS.items() if value]
