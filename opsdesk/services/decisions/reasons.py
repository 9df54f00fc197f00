"""The justification a draft starts from, built from the records: the application, the
interview, the household, each income by source with its deductions, the threshold, how
the amount was worked out, the benefit's statutory conditions and the ground of a refusal
or a correction (kpa art. 107 § 3). The worker edits it; what only the worker can supply is
marked ``[uzupełnij: …]`` and a draft with such a mark is not submitted or issued — so
nothing meant for the worker is ever printed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date, format_money, in_month
from opsdesk.labels import label
from opsdesk.models import Application, Decision, Interview, Person
from opsdesk.models.enums import BenefitKind, DecisionKind, DecisionStatus, Relation, Sex
from opsdesk.reports import texts as T
from opsdesk.services import rules
from opsdesk.services.decisions.amounts import join_and
from opsdesk.services.decisions.catalogue import BENEFITS, RefusalGround
from opsdesk.services.interviews import ART7_REASONS, Assessment
from opsdesk.services.templates import texts_in_force

TO_FILL = "[uzupełnij"
UPS = "ustawy o pomocy społecznej"
# ups art. 6 pkt 7: unable to work because of age — 60 years for a woman, 65 for a man
# *(paragraph and ages recalled, unverified)*.
AGE_OF_INABILITY = {Sex.FEMALE: 60, Sex.MALE: 65}


def to_fill(what: str) -> str:
    return f"{TO_FILL}: {what}]"


def refuse_unfilled(text: str) -> None:
    """A draft whose justification still has the worker's marks is not sent on."""
    if TO_FILL in text:
        raise ValidationError("Uzasadnienie zawiera miejsca do uzupełnienia („[uzupełnij: …]”) "
                              "— uzupełnij je albo usuń, zanim decyzja zostanie przekazana "
                              "dalej.", field="justification")


def _d(day: date | None) -> str:
    return f"{format_date(day)} r." if day else ""


def _m(amount: Decimal) -> str:
    return format_money(amount)


def age_on(person: Person, on: date) -> int | None:
    b = person.birth_date
    if b is None:
        return None
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


# The relation as a decision names a member, by the member's sex (from the PESEL).
_RELATION_BY_SEX: dict[Relation, tuple[str, str]] = {
    Relation.SPOUSE: ("żona", "mąż"), Relation.PARTNER: ("partnerka", "partner"),
    Relation.CHILD: ("córka", "syn"), Relation.PARENT: ("matka", "ojciec"),
    Relation.SIBLING: ("siostra", "brat"), Relation.GRANDCHILD: ("wnuczka", "wnuk"),
}


def _relation(relation: Relation, person: Person) -> str:
    forms = _RELATION_BY_SEX.get(relation)
    if forms is None or person.sex is None:
        return label(relation)
    return forms[0] if person.sex is Sex.FEMALE else forms[1]


def household_sentence(interview: Interview, a: Assessment) -> str:
    if a.single:
        return "Strona prowadzi jednoosobowe gospodarstwo domowe (osoba samotnie gospodarująca)."
    members = []
    for m in interview.members:
        who = "strona" if m.person_id == interview.person_id else _relation(m.relation,
                                                                               m.person)
        if m.relation is Relation.HEAD and m.person_id != interview.person_id:
            who = "głowa gospodarstwa"
        members.append(f"{m.person.full_name} ({who})")
    return f"Rodzina strony liczy {a.persons} osoby: {join_and(members)}." if a.persons < 5 \
        else f"Rodzina strony liczy {a.persons} osób: {join_and(members)}."


def income_sentence(session: Session, interview: Interview, a: Assessment) -> str:
    """Each income by source with its deductions (art. 8 ust. 3 ups), then the total."""
    month = in_month(a.income_month) if a.income_month else "w miesiącu poprzedzającym wniosek"
    parts = []
    for inc in interview.incomes:
        person = session.get(Person, inc.person_id)
        deductions = [(inc.tax, "podatek dochodowy"), (inc.contributions,
                                                       "składki na ubezpieczenia"),
                      (inc.alimony_paid, "alimenty świadczone na rzecz innych osób")]
        less = [f"{what} {_m(v)}" for v, what in deductions if v]
        text = f"{person.full_name if person else ''} — {label(inc.source)}: {_m(inc.gross)}"
        if less:
            text += f" pomniejszone o {join_and(less)}, tj. {_m(inc.net)} netto"
        parts.append(text)
    if a.farm_income:
        parts.append(f"gospodarstwo rolne ({interview.farm_hectares} ha przeliczeniowych): "
                     f"{_m(a.farm_income)}")
    if not parts:
        return (f"Strona oświadczyła, a wywiad potwierdził, że {month} ani ona, ani członkowie "
                "jej gospodarstwa domowego nie osiągnęli dochodu (art. 8 ust. 3 "
                f"{UPS}).")
    per = "" if a.single else f", tj. {_m(a.income_per_person)} na osobę w rodzinie"
    return (f"Dochód {'strony' if a.single else 'rodziny'} ustalony zgodnie z art. 8 ust. 3 "
            f"{UPS} {month} wyniósł łącznie {_m(a.family_income)}{per}: "
            f"{'; '.join(parts)}.")


def threshold_sentence(a: Assessment) -> str:
    if a.single:
        limit = (f"Kryterium dochodowe osoby samotnie gospodarującej wynosi {_m(a.threshold)} "
                 f"(art. 8 ust. 1 pkt 1 {UPS}).")
    else:
        limit = (f"Kryterium dochodowe na osobę w rodzinie wynosi {_m(a.threshold)}, a dla "
                 f"rodziny {_m(a.household_threshold)} (art. 8 ust. 1 pkt 2 {UPS}).")
    verdict = ("nie przekracza" if a.within_threshold else
               f"przekracza o {_m(a.family_income - a.household_threshold)}")
    return f"{limit} Dochód {verdict} kryterium dochodowe."


def reasons_sentence(interview: Interview) -> str:
    found = [ART7_REASONS[r] for r in interview.reasons.split(",") if r in ART7_REASONS]
    if not found:
        return ""
    points = join_and([p for p, _ in found])
    return (f"W toku wywiadu ustalono okoliczności uzasadniające udzielenie pomocy: "
            f"{join_and([w for _, w in found])} (art. 7 pkt {points} {UPS}).")


def staly_sentences(session: Session, interview: Interview, a: Assessment,
                    amount: Decimal | None, on: date) -> list[str]:
    person = session.get(Person, interview.person_id)
    lines = []
    age = age_on(person, on) if person else None
    limit = AGE_OF_INABILITY.get(person.sex) if person and person.sex else None
    if age is not None and limit is not None and age >= limit:
        born = _d(person.birth_date) if person else ""
        lines.append(f"Strona, urodzona {born}, ukończyła {age} lat i jest "
                     f"osobą niezdolną do pracy z tytułu wieku (art. 6 pkt 7 {UPS}).")
    else:
        lines.append("Strona jest osobą pełnoletnią całkowicie niezdolną do pracy z powodu "
                     "niepełnosprawności (art. 6 pkt 5 " + UPS + "): "
                     + to_fill("orzeczenie — organ, data, numer, stopień lub treść") + ".")
    figures = rules.figures_on(on)
    base = (a.threshold * figures.staly_factor).quantize(Decimal("0.01"))
    income = a.applicant_income if a.single else a.income_per_person
    what = "dochód strony" if a.single else "dochód na osobę w rodzinie"
    what_ins = "dochodem strony" if a.single else "dochodem na osobę w rodzinie"
    pkt = "1" if a.single else "2"
    text = (f"Zasiłek stały ustala się w wysokości różnicy między {figures.staly_factor:.0%} "
            f"kryterium dochodowego ({_m(base)}) a {what_ins} ({_m(income)}) (art. 37 ust. 2 "
            f"pkt {pkt} {UPS}): {_m(base)} − {_m(income)} = "
            f"{_m(max(base - income, Decimal('0')))}")
    if a.single:
        text += f", nie więcej niż {_m(figures.staly_max)}"
    text += f" i nie mniej niż {_m(figures.staly_min)} (art. 37 ust. 3)"
    if amount is not None:
        text += f"; zasiłek wynosi {_m(amount)} miesięcznie"
    lines.append(text.replace("  ", " ") + ".")
    lines.append(f"{what.capitalize()} jest niższy od kryterium dochodowego (art. 37 ust. 1 "
                 f"pkt {pkt}); z akt sprawy nie wynika, aby strona miała ustalone prawo do renty "
                 "socjalnej, świadczenia pielęgnacyjnego, specjalnego zasiłku opiekuńczego ani "
                 "zasiłku dla opiekuna.")
    return lines


def okresowy_sentences(interview: Interview, a: Assessment, least: Decimal | None,
                       most: Decimal | None, amount: Decimal | None,
                       period: tuple[date | None, date | None]) -> list[str]:
    pkt = "1" if a.single else "2"
    lines = [f"Różnica między kryterium dochodowym ({_m(a.household_threshold)}) a dochodem "
             f"({_m(a.family_income)}) wynosi "
             f"{_m(a.household_threshold - a.family_income)}. Zasiłek okresowy nie może być "
             f"niższy niż {_m(least or Decimal('0'))} (50% różnicy, art. 38 ust. 3 pkt {pkt} "
             f"{UPS}, nie mniej niż 20 zł — ust. 4) ani wyższy niż {_m(most or Decimal('0'))} "
             f"(art. 38 ust. 2 pkt {pkt})."]
    start, end = period
    share = (f"Przyznano zasiłek w wysokości {_m(amount)} miesięcznie" if amount is not None
             else "Przyznano zasiłek")
    span = f" na okres od {_d(start)} do {_d(end)}" if start and end else ""
    found = [x for x in (_segment(interview.needs, "ustalone w wywiadzie potrzeby strony"),
                         _segment(interview.plan, "plan pomocy")) if x]
    why = join_and(found) if found else ""
    lines.append(f"{share}{span}".rstrip(".") + ". Wysokość i okres ustalono na podstawie "
                 "okoliczności "
                 "sprawy (art. 38 ust. 5)"
                 + (f", biorąc pod uwagę {why}" if why else ": "
                    + to_fill("dlaczego ta część różnicy i ten okres")) + ".")
    return lines


def _segment(text: str, what: str) -> str:
    """A segment of the interview quoted in the reasons: "potrzeby strony („…”)"."""
    text = " ".join(text.split()).rstrip(".")
    return f"{what} („{text}”)" if text else ""


def application_sentence(application: Application | None, benefit: BenefitKind) -> str:
    if application is None:
        return ("Postępowanie wszczęto z urzędu (art. 102 ust. 1 " + UPS + ").")
    asked = BENEFITS[application.benefit_kind].genitive
    text = f"W dniu {_d(application.filed_on)} strona złożyła wniosek o przyznanie {asked}."
    if application.benefit_kind is not benefit:
        text += (f" Niniejsza decyzja rozstrzyga o przyznaniu {BENEFITS[benefit].genitive}; "
                 f"o {asked} rozstrzyga odrębna decyzja.")
    return text


def interview_sentence(interview: Interview, on: date) -> str:
    kind = "aktualizację rodzinnego wywiadu środowiskowego" if interview.kind.value == "UPDATE" \
        else "rodzinny wywiad środowiskowy"
    return (f"W dniu {_d(interview.carried_out_on or on)} pracownik socjalny przeprowadził "
            f"{kind} (art. 106 ust. 4 {UPS}).")


def refusal_sentences(ground: RefusalGround | None, benefit: BenefitKind,
                      interview: Interview | None, a: Assessment | None,
                      texts: Mapping[str, str] | None = None) -> list[str]:
    """The ground of a refusal; the law's boilerplate is the head's text (``texts``)."""
    spec = BENEFITS[benefit]
    law = texts or {}
    if ground is RefusalGround.INCOME and a is not None:
        article = spec.article.split(";")[0].format(n="1" if a.single else "2")
        return [T.text(law, "justification.refusal_income", swiadczenie_dopelniacz=spec.genitive,
                       przepis=f"{article} {UPS}")]
    if ground is RefusalGround.INTERVIEW_REFUSED:
        when = (f"W dniu {_d(interview.carried_out_on)}" if interview and
                interview.carried_out_on else "W toku postępowania")
        return [
            f"{when} strona odmówiła przeprowadzenia rodzinnego wywiadu środowiskowego.",
            T.text(law, "justification.refusal_interview", swiadczenie_dopelniacz=spec.genitive),
        ]
    if ground is RefusalGround.ART_11:
        return [
            "W toku postępowania ustalono, że strona "
            + to_fill("na czym polega brak współdziałania, odmowa zawarcia lub niedotrzymanie "
                      "kontraktu socjalnego, odmowa pracy albo leczenia — z datami") + ".",
            T.text(law, "justification.refusal_art11"),
        ]
    return ["Strona nie spełnia warunków przyznania świadczenia: "
            + to_fill("które przesłanki ustawowe nie są spełnione i dlaczego") + "."]


def correction_sentences(kind: DecisionKind, root: Decision, a: Assessment | None,
                         root_assessment: Assessment | None,
                         texts: Mapping[str, str] | None = None) -> list[str]:
    """The grant corrected and why; the law's boilerplate is the head's text (``texts``)."""
    spec = BENEFITS[root.benefit_kind]
    law = texts or {}
    amount = f" w wysokości {_m(root.amount)}" if root.amount is not None else ""
    lines = [f"Decyzją nr {root.number} z dnia {_d(root.issued_on)} przyznano stronie "
             f"{spec.accusative}{amount}."]
    if kind is DecisionKind.SUSPENDING:
        lines.append("W toku postępowania ustalono, że strona "
                     + to_fill("brak współdziałania, niedotrzymanie kontraktu socjalnego, "
                               "odmowa pracy lub leczenia — z datami") + ".")
        lines.append(T.text(law, "justification.suspending"))
        return lines
    if kind is DecisionKind.REPAYMENT:
        lines.append("Strona pobrała świadczenie nienależnie w rozumieniu art. 6 pkt 16 "
                     f"{UPS}: " + to_fill("w jakim okresie i dlaczego — np. nie poinformowała "
                                          "o podjęciu pracy (art. 109), z jaką kwotą") + ".")
        lines.append(T.text(law, "justification.repayment"))
        return lines
    if kind is DecisionKind.RESUMING:
        lines.append("Ustały przyczyny wstrzymania wypłaty: "
                     + to_fill("co się zmieniło i od kiedy") + ".")
        return lines
    if a is not None and root_assessment is not None and \
            a.family_income != root_assessment.family_income:
        lines.append(f"Dochód {'strony' if a.single else 'rodziny'} zmienił się z "
                     f"{_m(root_assessment.family_income)} na {_m(a.family_income)}, tj. o "
                     f"więcej niż 10% kryterium dochodowego (art. 106 ust. 3a {UPS}).")
    else:
        lines.append("Zmieniła się sytuacja strony: "
                     + to_fill("jaka zmiana, kiedy i skąd ośrodek o niej wie") + ".")
    lines.append(T.text(law, "justification.change"))
    return lines


def default_justification(session: Session, *, kind: DecisionKind, benefit: BenefitKind,
                          interview: Interview | None, a: Assessment | None,
                          application: Application | None, root: Decision | None,
                          root_assessment: Assessment | None, computed: Decimal | None,
                          least: Decimal | None, most: Decimal | None,
                          ground: RefusalGround | None,
                          period: tuple[date | None, date | None], on: date) -> str:
    """The reasons a draft starts from, paragraph by paragraph."""
    lines: list[str] = []
    law = texts_in_force(session, "justification.", on)
    if kind in (DecisionKind.GRANTING, DecisionKind.REFUSING):
        lines.append(application_sentence(application, benefit))
    if root is not None:
        lines += correction_sentences(kind, root, a, root_assessment)[:1]
    if interview is not None and not interview.refused and a is not None:
        lines.append(interview_sentence(interview, on) + " " + household_sentence(interview, a))
        lines.append(income_sentence(session, interview, a))
        lines.append(threshold_sentence(a))
        if kind is DecisionKind.GRANTING:
            lines.append(reasons_sentence(interview))
    if kind is DecisionKind.GRANTING and interview is not None and a is not None:
        lines += _granting_sentences(session, benefit, interview, a, computed, least, most,
                                     period, on)
    elif kind is DecisionKind.REFUSING:
        lines += refusal_sentences(ground, benefit, interview, a, law)
    elif root is not None:
        lines += correction_sentences(kind, root, a, root_assessment, law)[1:]
    if kind is DecisionKind.REPAYMENT and root is not None:
        lines[1:1] = _dealt_with_sentences(session, root)
    return "\n\n".join(line for line in lines if line)


def _dealt_with_sentences(session: Session, root: Decision) -> list[str]:
    """The decisions that revoked or changed the grant before its repayment is claimed."""
    found = session.scalars(select(Decision).where(
        Decision.corrects_decision_id == root.id, Decision.status == DecisionStatus.ISSUED,
        Decision.kind.in_((DecisionKind.REVOKING, DecisionKind.CHANGING)))
        .order_by(Decision.issued_on, Decision.id))
    return [f"Decyzją nr {c.number} z dnia {_d(c.issued_on)} "
            f"{'uchylono' if c.kind is DecisionKind.REVOKING else 'zmieniono'} tę decyzję od "
            f"dnia {_d(c.effective_from)} (art. 106 ust. 5 {UPS})." for c in found]


def _granting_sentences(session: Session, benefit: BenefitKind, interview: Interview,
                        a: Assessment, computed: Decimal | None, least: Decimal | None,
                        most: Decimal | None, period: tuple[date | None, date | None],
                        on: date) -> list[str]:
    if benefit is BenefitKind.ZASILEK_STALY:
        return staly_sentences(session, interview, a, computed, on)
    if benefit is BenefitKind.ZASILEK_OKRESOWY:
        return okresowy_sentences(interview, a, least, most, computed, period)
    needs = _segment(interview.needs, "ustalone w wywiadzie potrzeby strony")
    because = f", biorąc pod uwagę {needs}" if needs else ""
    if benefit is BenefitKind.ZASILEK_CELOWY:
        return [f"Zasiłek celowy przyznaje się w celu zaspokojenia niezbędnej potrzeby bytowej "
                f"(art. 39 ust. 1 {UPS}); jego wysokość ustalono{because}."]
    if benefit is BenefitKind.SPECJALNY_ZASILEK_CELOWY:
        return [f"Dochód przekracza kryterium dochodowe. W szczególnie uzasadnionym przypadku "
                f"osobie albo rodzinie o dochodach przekraczających kryterium może być "
                f"przyznany specjalny zasiłek celowy, nie wyższy niż kryterium "
                f"({_m(a.household_threshold)}) i niepodlegający zwrotowi (art. 41 pkt 1 "
                f"{UPS}). Szczególnie uzasadniony przypadek polega na tym, że "
                + to_fill("jakie wyjątkowe okoliczności") + "."]
    if benefit is BenefitKind.ZASILEK_ZWROTNY:
        return [f"Dochód przekracza kryterium dochodowe; zasiłek przyznano pod warunkiem zwrotu "
                f"(art. 41 pkt 2 {UPS}){because}."]
    if benefit is BenefitKind.ZASILEK_CELOWY_40:
        return [f"Strona poniosła straty w wyniku zdarzenia losowego, klęski żywiołowej lub "
                f"ekologicznej (art. 40 {UPS}): " + to_fill("jakie zdarzenie, kiedy, jakie "
                                                              "straty") + "."]
    if benefit is BenefitKind.ZASILEK_CELOWY_39A:
        return [f"Zasiłek przyznano w związku z realizacją kontraktu socjalnego (art. 39a "
                f"{UPS}): " + to_fill("numer i data kontraktu, cel zasiłku") + "."]
    return [f"Zakres pomocy ustalono{because or ' na podstawie wywiadu'}."]
